import { createCanvas, loadImage } from '@napi-rs/canvas';
import { readFileSync, writeFileSync } from 'node:fs';
const img = await loadImage(readFileSync(process.argv[2]));
const s = Number(process.argv[4] ?? 0.2);
const c = createCanvas(Math.round(img.width*s), Math.round(img.height*s));
const ctx = c.getContext('2d'); ctx.fillStyle='#888'; ctx.fillRect(0,0,c.width,c.height); ctx.drawImage(img, 0, 0, c.width, c.height);
writeFileSync(process.argv[3], c.toBuffer('image/png'));
