/**
 * The only importer of inquirer: a Prompter interface and its inquirer implementation, loaded
 * lazily so that no command but `init` and an interactive `set` pays for it.
 */

/** What `init` asks; tests pass a scripted prompter. */
export interface Prompter {
  input(message: string, defaultValue: string | undefined, validate?: (value: string) => string | true): Promise<string>;
  select(message: string, choices: readonly string[], defaultValue: string | undefined): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  /** Asks for a secret without echoing it. */
  secret(message: string): Promise<string>;
}

import { LucidError } from './errors.js';
import { loadLazily } from './load-lazily.js';

/** Ctrl-C (or a closed terminal) ends the prompt: nothing is written, exit 2 with one line. */
async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      throw new LucidError('CANCELLED', 'cancelled; nothing was written');
    }
    throw error;
  }
}

/** The inquirer-backed prompter, on stderr so stdout stays data. */
export async function createInquirerPrompter(): Promise<Prompter> {
  const { input, select, confirm, password } = loadLazily('@inquirer/prompts');
  const context = { output: process.stderr };
  return {
    input: (message, defaultValue, validate) =>
      cancellable(
        input({ message, ...(defaultValue === undefined ? {} : { default: defaultValue }), ...(validate === undefined ? {} : { validate }) }, context),
      ),
    select: (message, choices, defaultValue) =>
      cancellable(
        select(
          { message, choices: choices.map((value) => ({ value, name: value })), ...(defaultValue === undefined ? {} : { default: defaultValue }) },
          context,
        ),
      ),
    confirm: (message, defaultValue) => cancellable(confirm({ message, default: defaultValue }, context)),
    secret: (message) => cancellable(password({ message, mask: '*' }, context)),
  };
}
