import { writeFileSync } from 'node:fs';
import { renderPage, imagePdf } from '../dist/scripts/render.js';
import { SAMPLE_PLAN } from '../dist/scripts/make-fixtures.js';
const p = renderPage(SAMPLE_PLAN.slice(0, 14), { dpi: 100, fontSize: 5, noise: 1, seed: 7 });
writeFileSync('/tmp/lowc.pdf', imagePdf([{ jpeg: p.jpeg, width: p.width, height: p.height }], 100));
