/**
 * Every command of the CLI, in help order: one definition file each, one row here. Definitions
 * hold flags and help only; each action imports its command module on use, so `check` never loads
 * the modules behind `generate` (libsodium) or `init` (inquirer).
 */
import type { CommandDefinition } from '../options.js';
import { defineAudit } from './audit.js';
import { defineCheck } from './check.js';
import { defineExport } from './export.js';
import { defineGenerate } from './generate.js';
import { defineInit } from './init.js';
import { defineKeys } from './keys.js';
import { defineRender } from './render.js';
import { defineRotate } from './rotate.js';
import { defineRekey, defineRun } from './run.js';
import { defineScan } from './scan.js';
import { defineSeal, defineUnseal } from './seal.js';
import { defineSet } from './set.js';
import { defineSync } from './sync.js';
import { defineTemplate } from './template.js';
import { defineTorHash } from './tor-hash.js';
import { defineWorkspace } from './workspace.js';

/** Command name → definition. */
export const COMMANDS: Readonly<Record<string, CommandDefinition>> = {
  scan: defineScan,
  check: defineCheck,
  render: defineRender,
  generate: defineGenerate,
  set: defineSet,
  init: defineInit,
  rotate: defineRotate,
  sync: defineSync,
  'tor-hash': defineTorHash,
  template: defineTemplate,
  workspace: defineWorkspace,
  audit: defineAudit,
  keys: defineKeys,
  seal: defineSeal,
  unseal: defineUnseal,
  run: defineRun,
  rekey: defineRekey,
  export: defineExport,
};
