#!/usr/bin/env node
// The vnplan command: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { main } from '../dist/cli/main.js';

// A reader that stops early (`vnplan … | head`) closes the pipe: stop quietly, as other command-line tools do,
// rather than die on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`vnplan: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
