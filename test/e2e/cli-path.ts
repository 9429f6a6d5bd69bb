/**
 * Makes LUCID_ENV_CLI absolute before test/helpers/cli.ts reads it: the tests spawn the CLI from temp
 * folders, where a path relative to the project root would not resolve. Import it first.
 */
import { resolve } from 'node:path';

const configured = process.env['LUCID_ENV_CLI'];
if (configured !== undefined && configured !== '') process.env['LUCID_ENV_CLI'] = resolve(configured);
