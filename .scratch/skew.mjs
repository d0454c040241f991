import { loadImage, createCanvas } from '@napi-rs/canvas';
import { readFileSync } from 'node:fs';
import { skewAngle } from '../dist/ingest/deskew.js';
for (const f of process.argv.slice(2)) {
const img = await loadImage(readFileSync(f));
const c = createCanvas(img.width, img.height); const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
const d = ctx.getImageData(0,0,img.width,img.height).data; const g = new Uint8Array(img.width*img.height);
for (let i=0;i<g.length;i++) g[i]=d[i*4];
const t0=Date.now(); const a = skewAngle(g, img.width, img.height); console.log(f, a, Date.now()-t0, 'ms');
}
