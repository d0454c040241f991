import { readFileSync } from 'node:fs';
import { CachedPool } from '../dist/scripts/eval-docs.js';
import { convertDoc } from '../dist/pipeline/convert.js';
const [id, form, what] = process.argv.slice(2);
const f = form === 'pdf' ? `../shared/dev/docs/${id}/${id}.pdf` : `../shared/dev/docs/${id}/${id}.${form}`;
const pool = new CachedPool({ jobs: 2 });
const doc = await convertDoc(f, readFileSync(f), { pool });
await pool.close();
const p = doc.plan;
if (what === 'text') console.log(p.text);
else if (what === 'lines') { for (const pg of doc.pages) { console.log('--- page', pg.number); console.log(pg.lines.join('\n')); } }
else console.log(JSON.stringify({document: p.document, signature: p.signature, recipients: p.recipients, sections: p.sections.map(s=>s.label+' '+s.heading), tasks: p.tasks.map(t=>[t.content.slice(0,60), t.lead, t.support, t.timeline?.text]), warnings: p.warnings}, null, 1));
