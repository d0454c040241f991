import { readFileSync } from 'node:fs';
import { ingest } from '../dist/ingest/ingest.js';
const f = process.argv[2];
const doc = await ingest(f, readFileSync(f), {});
for (const p of doc.pages) console.log(p.number, p.reason, JSON.stringify(p.tables?.map(t => ({box: t.box, rows: t.rows.length}))));
