// One document through the whole pipeline. Read top to bottom, this is the order of the stages:
// ingest → ocr → repair → normalise → parse → validate. Emitting is the caller's (CLI or library) choice.
import { readFile } from 'node:fs/promises';
import { ingest } from '../ingest/ingest.js';
import type { OcrMode } from '../ingest/pdf.js';
import type { Doc } from '../model/document.js';
import type { Plan } from '../model/plan.js';
import { normalise } from '../normalise/normalise.js';
import { ocr } from '../ocr/ocr.js';
import { OcrPool, type OcrEngineName, type OcrLanguage } from '../ocr/pool.js';
import { parse } from '../parse/parse.js';
import { repair } from '../repair/repair.js';
import { validate } from '../validate/validate.js';
import { InputError } from '../util/errors.js';

export interface ConvertOptions {
  /** when to OCR PDF pages (OCRmyPDF's --skip-text / --redo-ocr / --force-ocr) */
  ocr?: OcrMode;
  /** OCR workers for this call when no pool is given */
  jobs?: number;
  languages?: OcrLanguage[];
  /** OCR engine for this call when no pool is given: tesseract.js (default) or the system's tesseract */
  engine?: OcrEngineName;
  /** a pool shared by many documents (the CLI's batch); otherwise one is made and closed per call */
  pool?: OcrPool;
  /** turn the repair step off (text is already clean) */
  repair?: boolean;
  /** called when the document's pages are known, and after each OCR'd page */
  onPages?: (total: number) => void;
  onPage?: () => void;
  /** when it fires (a time limit), no more pages are read and the next stage is not begun */
  signal?: AbortSignal;
}

export async function convertDoc(file: string, bytes: Uint8Array, opts: ConvertOptions = {}): Promise<Doc> {
  const pool = opts.pool ?? new OcrPool({ jobs: opts.jobs, languages: opts.languages, engine: opts.engine });
  try {
    let doc = await ingest(file, bytes, { ocr: opts.ocr });
    opts.onPages?.(doc.pages.length);
    doc = await ocr(doc, pool, opts.onPage, opts.signal); // reads the page images one by one, then closes their source
    opts.signal?.throwIfAborted();
    if (opts.repair !== false) doc = repair(doc);
    doc = normalise(doc);
    doc = parse(doc);
    return validate(doc);
  } finally {
    if (!opts.pool) await pool.close();
  }
}

/** Library entry: a path, or the bytes of a document (with a name for messages). */
export async function convert(input: string | Uint8Array, opts: ConvertOptions & { name?: string } = {}): Promise<Plan> {
  let bytes: Uint8Array;
  const file = typeof input === 'string' ? input : (opts.name ?? '<buffer>');
  if (typeof input === 'string') {
    try {
      bytes = await readFile(input);
    } catch (err) {
      throw new InputError(input, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  } else bytes = input;
  const doc = await convertDoc(file, bytes, opts);
  return doc.plan!;
}
