#!/usr/bin/env node
// The vnplan command: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`vnplan: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
