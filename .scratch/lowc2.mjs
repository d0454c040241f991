import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { imagePdf } from '../dist/scripts/render.js';
const w = 1654, h = 1200; const c = createCanvas(w, h); const ctx = c.getContext('2d');
ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, w, h); ctx.fillStyle = '#000';
let s = 12345; const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let y = 150; y < 1050; y += 45) for (let x = 150; x < 1500; x += 14 + Math.floor(r() * 10)) {
  ctx.beginPath(); ctx.moveTo(x, y + r() * 25); ctx.lineTo(x + 4 + r() * 8, y + r() * 25); ctx.lineTo(x + r() * 10, y + 25); ctx.lineWidth = 3; ctx.stroke(); }
writeFileSync('/tmp/lowc.pdf', imagePdf([{ jpeg: c.toBuffer('image/jpeg', 90), width: w, height: h }], 200));
