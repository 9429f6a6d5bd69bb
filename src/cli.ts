#!/usr/bin/env node
/** The `lucid-env` executable: runs the program and hands its exit code to the process. */
import { main } from './program.js';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
