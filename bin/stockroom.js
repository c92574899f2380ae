#!/usr/bin/env node
// The `stockroom` command: runs the compiled CLI (built by `npm install` / `npm run build`).
import { main } from '../dist/main.js';

// `stockroom export … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exitCode = 1;
  },
);
