import { loadImage, createCanvas } from '@napi-rs/canvas';
import { readFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
const img = await loadImage(readFileSync(f));
const c = createCanvas(img.width, img.height); const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
const d = ctx.getImageData(0,0,img.width,img.height).data; let ink=0, dark=0;
for (let i=0;i<d.length;i+=4) { if (d[i]<200) ink++; if (d[i]<72) dark++; }
console.log(f, (dark/ink).toFixed(2));
}
