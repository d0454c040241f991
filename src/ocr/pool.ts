// A pool of tesseract.js workers, created once per run and shared by every page of every document.
// Trained data loads from the @tesseract.js-data packages in node_modules: nothing is fetched.
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import Tesseract from 'tesseract.js';
import type { OcrLine } from '../model/document.js';
import { toPgm, type Raster } from '../model/raster.js';

const require = createRequire(import.meta.url);

export const OCR_ENGINE = `tesseract.js ${(require('tesseract.js/package.json') as { version: string }).version}`;
export const OCR_LANGUAGES = ['vie', 'eng'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

export const PAGE_SEGMENTATION = Tesseract.PSM.SINGLE_COLUMN;

export interface PageOcr {
  lines: OcrLine[];
  confidence: number;
}

export interface OcrPoolOptions {
  jobs?: number;
  languages?: OcrLanguage[];
}

function langDir(lang: OcrLanguage): string {
  return (require(`@tesseract.js-data/${lang}`) as { langPath: string }).langPath;
}

/**
 * One folder holding every language's trained data: tesseract.js reads all languages from one langPath.
 * A single language is read where its package keeps it; several are copied once into a folder of their own
 * under the system's temp folder (from node_modules, never from the network).
 */
export function tessdataDir(langs: OcrLanguage[]): string {
  const dirs = new Set(langs.map(langDir));
  if (dirs.size === 1) return [...dirs][0]!;
  const dir = join(tmpdir(), `vnplan-tessdata-${langs.slice().sort().join('+')}`);
  mkdirSync(dir, { recursive: true });
  for (const lang of langs) {
    const src = join(langDir(lang), `${lang}.traineddata.gz`);
    const dst = join(dir, `${lang}.traineddata.gz`);
    if (!existsSync(dst) || statSync(dst).size !== statSync(src).size) {
      const tmp = `${dst}.${process.pid}.tmp`;
      copyFileSync(src, tmp);
      renameSync(tmp, dst);
    }
  }
  return dir;
}

export class OcrPool {
  readonly languages: OcrLanguage[];
  readonly size: number;
  private scheduler: Tesseract.Scheduler | undefined;
  private starting: Promise<void> | undefined;
  private readonly pages: LimitFunction;

  constructor(opts: OcrPoolOptions = {}) {
    this.languages = opts.languages?.length ? opts.languages : ['vie'];
    this.size = Math.max(1, opts.jobs ?? cpus().length);
    this.pages = pLimit(this.size + 1);
  }

  /** Workers start on first use, so a run that needs no OCR pays nothing. */
  private start(): Promise<void> {
    this.starting ??= (async () => {
      const scheduler = Tesseract.createScheduler();
      const langPath = tessdataDir(this.languages);
      const workers = await Promise.all(
        Array.from({ length: this.size }, () =>
          Tesseract.createWorker(this.languages, Tesseract.OEM.LSTM_ONLY, {
            langPath,
            gzip: true,
            cacheMethod: 'none',
            // Without a handler tesseract.js also rethrows a failed job's error where nobody can catch it,
            // which ends the process; the job's own promise still rejects, and that is where it is handled.
            errorHandler: () => undefined,
          }),
        ),
      );
      // Page segmentation 4, "one column of text of variable sizes": tesseract reads each printed row straight
      // across, and the reading-order step (columns.ts) splits two-column blocks and table rows from the word
      // boxes. tesseract.js's default, 6 (one uniform block), breaks rows apart where a signature or a stamp
      // stands beside them; 3 (automatic) takes such blocks for pictures.
      // tesseract's diagnostics ("Estimating resolution as 300") go to its debug file, not to our stderr.
      await Promise.all(workers.map((w) => w.setParameters({ tessedit_pageseg_mode: PAGE_SEGMENTATION, debug_file: '/dev/null' })));
      for (const w of workers) scheduler.addWorker(w);
      this.scheduler = scheduler;
    })();
    return this.starting;
  }

  /**
   * Runs `read` (which loads a page's image and recognises it) when a worker is ready for another page: at most one
   * page more than there are workers is in hand at once, across every document sharing the pool, so memory holds a
   * few page images whatever the number of pages or documents.
   */
  withPage<T>(read: () => Promise<T>): Promise<T> {
    return this.pages(read);
  }

  async recognize(image: Raster): Promise<PageOcr> {
    await this.start();
    const pgm = toPgm(image);
    const result = await this.scheduler!.addJob('recognize', Buffer.from(pgm.buffer, pgm.byteOffset, pgm.byteLength), {}, { text: false, blocks: true });
    const lines: OcrLine[] = [];
    for (const block of result.data.blocks ?? [])
      for (const para of block.paragraphs)
        for (const line of para.lines)
          lines.push({
            text: line.text.replace(/\s+$/, ''),
            confidence: line.confidence,
            bbox: line.bbox,
            words: line.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: w.bbox })),
          });
    return { lines, confidence: result.data.confidence };
  }

  async close(): Promise<void> {
    if (!this.starting) return;
    await this.starting.catch(() => undefined);
    await this.scheduler?.terminate();
    this.scheduler = undefined;
    this.starting = undefined;
  }
}
