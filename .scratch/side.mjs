import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pageScanImage, toGray } from '../dist/ingest/pdfImage.js';
const pdf = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), verbosity: 0 }).promise;
for (let n = 1; n <= pdf.numPages; n++) {
const p = await pdf.getPage(n);
const img = await pageScanImage(p); const gray = toGray(img); const width = img.width, height = img.height;
const S=4; const w = Math.floor(width / S), h = Math.floor(height / S);
const rows = new Float64Array(h), cols = new Float64Array(w);
for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (gray[y*S*width + x*S] < 128) { rows[y]++; cols[x]++; }
const peaked = (p) => { let s=0,n=0; for (let i=1;i<p.length;i++){ s+=(p[i]-p[i-1])**2; n+=p[i]; } return n? s/n:0; };
console.log(n, peaked(rows).toFixed(1), peaked(cols).toFixed(1));
}
