import { loadImage, createCanvas } from '@napi-rs/canvas';
import { readFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
const img = await loadImage(readFileSync(f));
const c = createCanvas(img.width, img.height); const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
const d = ctx.getImageData(0,0,img.width,img.height).data; const h = new Array(16).fill(0);
for (let i=0;i<d.length;i+=4) h[d[i]>>4]++;
console.log(f, h.map(x=>(x/1000).toFixed(0)).join(' '));
}
