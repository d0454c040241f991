import { readFileSync, writeFileSync } from 'node:fs';
import { ingest } from '../dist/ingest/ingest.js';
const [f, n, out] = process.argv.slice(2);
const doc = await ingest(f, readFileSync(f), {});
writeFileSync(out, doc.pages[+n-1].image);
console.log(doc.pages[+n-1].reason);
