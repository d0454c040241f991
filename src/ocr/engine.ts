// What an OCR engine is to the pipeline: grey page in, lines with their words' boxes out. Both engines
// read the same trained data, from the @tesseract.js-data packages in node_modules: nothing is fetched.
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OcrLine } from '../model/document.js';
import type { Raster } from '../model/raster.js';

const require = createRequire(import.meta.url);

export const OCR_LANGUAGES = ['vie', 'eng'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

export const OCR_ENGINES = ['tesseract.js', 'tesseract'] as const;
export type OcrEngineName = (typeof OCR_ENGINES)[number];

/**
 * Page segmentation 4, "one column of text of variable sizes": tesseract reads each printed row straight across,
 * and the reading-order step (columns.ts) splits two-column blocks and table rows from the word boxes. 6 (one
 * uniform block, tesseract.js's default) breaks rows apart where a signature or a stamp stands beside them; 3
 * (automatic) takes such blocks for pictures.
 */
export const PAGE_SEGMENTATION = '4';
/**
 * The page segmentations a reading may ask for: 4 (above) for a page, 6, "one uniform block", for a narrow table
 * column of short cells (row numbers): 4 takes a lone "1" or "7" between wide gaps for a speck and reads nothing.
 */
export type PageSegmentation = typeof PAGE_SEGMENTATION | '6';

export interface PageOcr {
  lines: OcrLine[];
  /** mean word confidence, 0–100 */
  confidence: number;
}

export interface OcrEngine {
  /** name and version, as recorded in the plan's source */
  readonly name: string;
  recognize(image: Raster, segmentation?: PageSegmentation): Promise<PageOcr>;
  close(): Promise<void>;
}

export function langDir(lang: OcrLanguage): string {
  return (require(`@tesseract.js-data/${lang}`) as { langPath: string }).langPath;
}

/**
 * One folder holding every language's trained data (gzipped, as tesseract.js reads it): a single language is read
 * where its package keeps it; several are copied once into a folder of their own under the system's temp folder.
 */
export function tessdataDir(langs: OcrLanguage[]): string {
  const dirs = new Set(langs.map(langDir));
  if (dirs.size === 1) return [...dirs][0]!;
  const dir = join(tmpdir(), `vnplan-tessdata-${langs.slice().sort().join('+')}`);
  mkdirSync(dir, { recursive: true });
  for (const lang of langs) {
    const src = join(langDir(lang), `${lang}.traineddata.gz`);
    const dst = join(dir, `${lang}.traineddata.gz`);
    if (!existsSync(dst) || statSync(dst).size !== statSync(src).size) writeThroughTemp(dst, (tmp) => copyFileSync(src, tmp));
  }
  return dir;
}

/** Writes a trained-data file through a temp name: a half-written file is never taken for a whole one (several
 *  runs may start at once). */
export function writeThroughTemp(dst: string, write: (tmp: string) => void): void {
  const tmp = `${dst}.${process.pid}.tmp`;
  write(tmp);
  renameSync(tmp, dst);
}
