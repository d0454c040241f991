import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { pageScanImage, toGray, grayPng } from '../dist/ingest/pdfImage.js';
const pdf = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), verbosity: 0 }).promise;
const p = await pdf.getPage(Number(process.argv[3]));
const img = await pageScanImage(p);
console.log(img.width, img.height, img.kind);
writeFileSync(process.argv[4], grayPng(toGray(img), img.width, img.height));
