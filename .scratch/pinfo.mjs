import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
const pdf = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), verbosity: 0 }).promise;
for (let n = 1; n <= pdf.numPages; n++) {
  const p = await pdf.getPage(n);
  const vp = p.getViewport({ scale: 1 });
  const ops = await p.getOperatorList();
  const imgs = [];
  for (let i = 0; i < ops.fnArray.length; i++) if (ops.fnArray[i] === OPS.paintImageXObject) imgs.push(ops.argsArray[i].slice(0,3));
  console.log(n, 'rotate', p.rotate, 'size', vp.width.toFixed(0), vp.height.toFixed(0), JSON.stringify(imgs));
}
