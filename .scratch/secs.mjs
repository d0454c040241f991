import { readFileSync } from 'node:fs';
import { CachedPool } from '../dist/scripts/eval-docs.js';
import { convertDoc } from '../dist/pipeline/convert.js';
const [id, form] = process.argv.slice(2);
const f = form === 'pdf' ? `../shared/dev/docs/${id}/${id}.pdf` : `../shared/dev/docs/${id}/${id}.${form}`;
const pool = new CachedPool({ jobs: 2 });
const doc = await convertDoc(f, readFileSync(f), { pool }); await pool.close();
const walk = (s, p = '') => { for (const x of s) { console.log(p + x.label, x.heading.slice(0, 50)); walk(x.children, p + x.label + '/'); } };
walk(doc.plan.sections);
