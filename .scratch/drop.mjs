import { createCanvas, loadImage } from '@napi-rs/canvas';
import { readFileSync, writeFileSync } from 'node:fs';
const [src, out, lo, hi] = process.argv.slice(2);
const img = await loadImage(readFileSync(src));
const c = createCanvas(img.width, img.height); const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
const id = ctx.getImageData(0,0,img.width,img.height); const d = id.data;
for (let i=0;i<d.length;i+=4) if (d[i] >= +lo) d[i]=d[i+1]=d[i+2]=255;
ctx.putImageData(id,0,0); writeFileSync(out, c.toBuffer('image/png'));
