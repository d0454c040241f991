// npm run build:synthetic — parallel text for the OCR channel: corpus sentences (from the LM's training part,
// never the held-out articles) rendered as page images with a serif font at office-scan size and noise, then
// read by tesseract.js with the English model (as the old archive OCR was) and the Vietnamese model (vnplan's
// own OCR). Writes .build/synthetic/{eng,vie}-SET-NN.tsv: true line, tab, OCR line. Not committed (corpus text);
// `npm run build:channel` turns it into character statistics.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Tesseract from 'tesseract.js';
import { tessdataDir } from '../ocr/engine.js';
import { isHeldOutBlock } from '../repair/lmTokens.js';
import { isVietnameseSyllable } from '../repair/vietnamese.js';
import { corpusBlocks } from './build-lm.js';
import { projectRoot, sharedDir } from './paths.js';
import { renderPage } from './render.js';

const PAGES = Number(process.env.SYNTHETIC_PAGES ?? 30);
/** Which sample of the corpus (0–22): another set gives other sentences, written to other files. */
const SET = Number(process.env.SYNTHETIC_SET ?? 5);
const LANGS = (process.env.SYNTHETIC_LANGS ?? 'eng,vie').split(',') as ('eng' | 'vie')[];
const LINES_PER_PAGE = 28;
const LINE_CHARS = 78;

/** Lines of printed-looking text: corpus sentences wrapped at ~78 characters, as a plan's body is. */
async function corpusLines(n: number): Promise<string[]> {
  const lines: string[] = [];
  let i = 0;
  for (const file of ['news.train.txt.gz', 'wiki.train.txt.gz']) {
    for await (const block of corpusBlocks(join(sharedDir(), 'corpus', file))) {
      if (isHeldOutBlock(block.index) || block.index % 23 !== SET) continue; // a spread sample, not the first articles
      for (const sentence of block.text.split(/(?<=[.!?])\s+|\n/)) {
        const words = sentence.split(/\s+/).filter(Boolean);
        const letters = words.map((w) => w.replace(/[^\p{L}]/gu, '')).filter(Boolean);
        if (words.length < 6 || letters.filter((w) => isVietnameseSyllable(w)).length / letters.length < 0.9) continue;
        let cur = '';
        for (const w of words) {
          if ((cur + ' ' + w).length > LINE_CHARS && cur) {
            lines.push(cur);
            cur = w;
          } else cur = cur ? `${cur} ${w}` : w;
        }
        if (cur) lines.push(cur);
        if (lines.length >= n) return lines.slice(0, n);
      }
      if (++i % 2 === 0 && file === 'news.train.txt.gz' && lines.length >= n / 2) break;
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const out = resolve(projectRoot(), '.build', 'synthetic');
  mkdirSync(out, { recursive: true });
  const lines = await corpusLines(PAGES * LINES_PER_PAGE);
  for (const lang of LANGS) {
    const worker = await Tesseract.createWorker(lang, Tesseract.OEM.LSTM_ONLY, { langPath: tessdataDir([lang]), gzip: true, cacheMethod: 'none' });
    for (let p = 0; p * LINES_PER_PAGE < lines.length; p++) {
      const truth = lines.slice(p * LINES_PER_PAGE, (p + 1) * LINES_PER_PAGE);
      // Vary what scans vary: resolution, type size, noise.
      const dpi = [200, 300, 250][p % 3]!;
      const page = renderPage(truth, { dpi, fontSize: [13, 12, 14][p % 3], noise: p % 4 === 3 ? 0.6 : p % 4 === 1 ? 0.25 : 0, seed: SET * 1000 + p + 1 });
      const { data } = await worker.recognize(page.png, {}, { blocks: true, text: false });
      // Each OCR line belongs to the printed line whose baseline is nearest to its box.
      const size = Math.round((([13, 12, 14][p % 3]!) * dpi) / 72);
      const lineHeight = Math.round(size * 1.45);
      const margin = Math.round(0.8 * dpi);
      const read = Array.from({ length: truth.length }, () => [] as string[]);
      for (const b of data.blocks ?? [])
        for (const para of b.paragraphs)
          for (const l of para.lines) {
            const i = Math.round((l.baseline.y0 - margin) / lineHeight) - 1;
            if (i >= 0 && i < truth.length) read[i]!.push(l.text.trim());
          }
      const tsv = truth.map((t, i) => `${t}\t${read[i]!.join(' ')}`).join('\n');
      writeFileSync(join(out, `${lang}-${SET}-${String(p).padStart(2, '0')}.tsv`), `${tsv}\n`);
      process.stderr.write(`${lang} page ${p + 1}\n`);
    }
    await worker.terminate();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
