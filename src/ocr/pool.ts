// The OCR pool: one engine, created once per run and shared by every page of every document, and the gate that
// lets a page's image be read only when a worker is ready for it.
import { cpus } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Raster } from '../model/raster.js';
import type { OcrEngine, OcrEngineName, OcrLanguage, PageOcr, PageSegmentation } from './engine.js';
import { TesseractCliEngine } from './tesseractCli.js';
import { TesseractJsEngine } from './tesseractJs.js';

export { OCR_ENGINES, OCR_LANGUAGES, PAGE_SEGMENTATION, type OcrEngineName, type OcrLanguage, type PageOcr, type PageSegmentation } from './engine.js';

export interface OcrPoolOptions {
  jobs?: number;
  languages?: OcrLanguage[];
  /** tesseract.js (the default: nothing to install) or the system's tesseract binary */
  engine?: OcrEngineName;
}

export class OcrPool {
  readonly languages: OcrLanguage[];
  readonly size: number;
  private readonly engine: OcrEngine;
  private readonly pages: LimitFunction;

  constructor(opts: OcrPoolOptions = {}) {
    this.languages = opts.languages?.length ? opts.languages : ['vie'];
    this.size = Math.max(1, opts.jobs ?? cpus().length);
    this.engine = opts.engine === 'tesseract' ? new TesseractCliEngine(this.languages, this.size) : new TesseractJsEngine(this.languages, this.size);
    this.pages = pLimit(this.size + 1);
  }

  /** The engine's name and version, as the plan records it. */
  get engineName(): string {
    return this.engine.name;
  }

  /**
   * Runs `read` (which loads a page's image and recognises it) when a worker is ready for another page: at most one
   * page more than there are workers is in hand at once, across every document sharing the pool, so memory holds a
   * few page images whatever the number of pages or documents.
   */
  withPage<T>(read: () => Promise<T>): Promise<T> {
    return this.pages(read);
  }

  /** The image read with the page's segmentation, or the one asked for. */
  recognize(image: Raster, segmentation?: PageSegmentation): Promise<PageOcr> {
    return this.engine.recognize(image, segmentation);
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
