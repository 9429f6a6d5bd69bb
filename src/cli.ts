#!/usr/bin/env node
/** The `lucid-env` executable: runs the program and hands its exit code to the process. */
import { main } from './program.js';

// A closed pipe (`lucid-env scan | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
