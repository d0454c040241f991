import Tesseract from 'tesseract.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const langPath = require('@tesseract.js-data/vie').langPath;
const w = await Tesseract.createWorker(['vie'], Tesseract.OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
for (const psm of process.argv.slice(3)) {
  await w.setParameters({ tessedit_pageseg_mode: psm });
  const t0 = Date.now();
  const r = await w.recognize(readFileSync(process.argv[2]));
  console.log('psm', psm, 'conf', r.data.confidence, (Date.now()-t0)+'ms\n' + r.data.text);
}
await w.terminate();
