// The default OCR engine: tesseract.js workers (tesseract compiled to WebAssembly, one worker thread each), so that
// nothing needs system packages. Trained data loads from the @tesseract.js-data packages in node_modules.
import { createRequire } from 'node:module';
import type Tesseract from 'tesseract.js';
import type { OcrLine } from '../model/document.js';
import { toTiff, type Raster } from '../model/raster.js';
import { PAGE_SEGMENTATION, tessdataDir, type OcrEngine, type OcrLanguage, type PageOcr, type PageSegmentation } from './engine.js';

const require = createRequire(import.meta.url);

export class TesseractJsEngine implements OcrEngine {
  readonly name = `tesseract.js ${(require('tesseract.js/package.json') as { version: string }).version}`;
  private scheduler: Tesseract.Scheduler | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly languages: OcrLanguage[],
    private readonly size: number,
  ) {}

  /** Workers start on first use, so a run that needs no OCR pays nothing. */
  private start(): Promise<void> {
    this.starting ??= (async () => {
      // Loaded here, not with the module: a run with no page to read, or read by the system's tesseract, never
      // needs it (~20 ms of a start).
      const { default: Tesseract } = await import('tesseract.js');
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
      // tesseract's diagnostics ("Estimating resolution as 300") go to its debug file, not to our stderr.
      await Promise.all(workers.map((w) => w.setParameters({ tessedit_pageseg_mode: PAGE_SEGMENTATION as Tesseract.PSM, debug_file: '/dev/null' })));
      for (const w of workers) scheduler.addWorker(w);
      this.scheduler = scheduler;
    })();
    return this.starting;
  }

  async recognize(image: Raster, segmentation?: PageSegmentation): Promise<PageOcr> {
    const tiff = toTiff(image);
    await this.start();
    // A job's own tesseract parameters hold for that job only (the worker restores its own after it); the
    // typings list only tesseract.js's options, though the worker passes any other on to tesseract.
    const params = (segmentation && segmentation !== PAGE_SEGMENTATION ? { tessedit_pageseg_mode: segmentation } : {}) as Partial<Tesseract.RecognizeOptions>;
    const result = await this.scheduler!.addJob('recognize', Buffer.from(tiff.buffer, tiff.byteOffset, tiff.byteLength), params, { text: false, blocks: true });
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
