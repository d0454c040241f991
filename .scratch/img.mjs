import { PDFParse } from 'pdf-parse';
import { readFileSync, writeFileSync } from 'node:fs';
const f = process.argv[2];
const parser = new PDFParse({ data: new Uint8Array(readFileSync(f)), verbosity: 0 });
const images = await parser.getImage({ partial: [1], imageBuffer: true, imageThreshold: 200 });
for (const im of images.pages[0].images) { console.log(im.width, im.height, im.kind, im.data.length); writeFileSync('/tmp/p1.png', im.data); }
const info = await parser.getInfo(); 
await parser.destroy();
