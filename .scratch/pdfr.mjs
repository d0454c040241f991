import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
import { pdfRules } from '../dist/layout/pdfRules.js';
import { findTables } from '../dist/layout/grid.js';
const pdf = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), verbosity: 0 }).promise;
for (let n = 1; n <= pdf.numPages; n++) {
const p = await pdf.getPage(n); const vp = p.getViewport({scale:1});
const rules = await pdfRules(p);
const t = findTables(rules, vp.width, vp.height, 2);
console.log(n, 'h', rules.filter(r=>r.dir==='h').length, 'v', rules.filter(r=>r.dir==='v').length, JSON.stringify(t.map(x => ({box: x.box, rows: x.rows.length, cols: x.cols.map(c=>c.length).join(',')}))));
}
