import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
const pdf = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), verbosity: 0 }).promise;
const p = await pdf.getPage(Number(process.argv[3]));
const ops = await p.getOperatorList();
const names = Object.fromEntries(Object.entries(OPS).map(([k, v]) => [v, k]));
const counts = {};
let shown = 0;
for (let i = 0; i < ops.fnArray.length; i++) { const n = names[ops.fnArray[i]]; counts[n] = (counts[n]||0)+1;
  if (n === 'constructPath' && shown < 4) { shown++; console.log(JSON.stringify(ops.argsArray[i], (k,v)=> (v && v.constructor && v.constructor.name.endsWith('Array') && v.constructor.name !== 'Array') ? Array.from(v) : v).slice(0, 400)); }
  if (n === 'transform' && shown < 6) { console.log('transform', ops.argsArray[i]); }
}
console.log(counts);
