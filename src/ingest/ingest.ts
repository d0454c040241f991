// Stage 1 — ingest: read the input's bytes, decide what it is by its content, and make the Doc's pages
// (text lines, or pages marked for OCR whose images the OCR stage reads one at a time).
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { newDoc, type Doc, type Page, type PageImages } from '../model/document.js';
import type { SourceKind } from '../model/plan.js';
import { InputError } from '../util/errors.js';
import { describeFormat, formatFromExtension, sniffFormat } from './detect.js';
import { readImage } from './image.js';
import { readPdf, type OcrMode } from './pdf.js';

export interface IngestOptions {
  ocr?: OcrMode;
}

export async function ingest(file: string, bytes: Uint8Array, opts: IngestOptions = {}): Promise<Doc> {
  if (bytes.length === 0) throw new InputError(file, 'the file is empty');
  const format = sniffFormat(bytes);
  const claimed = file === '-' ? undefined : formatFromExtension(extname(file));
  if (claimed && claimed !== format && claimed !== 'text' && !(isImage(claimed) && isImage(format)))
    throw new InputError(file, `named as ${describeFormat(claimed)} but the content is ${describeFormat(format)}`);
  if (format === 'binary') throw new InputError(file, 'unsupported format (not a PDF, an image or UTF-8 text)');

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let kind: SourceKind;
  let pages: Page[];
  let images: PageImages | null = null;
  if (format === 'text') {
    kind = 'text';
    pages = readText(bytes);
    if (pages.every((p) => p.lines.every((l) => l.trim() === ''))) throw new InputError(file, 'the file has no text');
  } else if (format === 'pdf') {
    ({ pages, images } = await readPdf(file, bytes, opts.ocr ?? 'auto'));
    kind = pages.some((p) => p.method === 'ocr') ? 'pdf-scan' : 'pdf-text';
  } else {
    kind = 'image';
    ({ pages, images } = await readImage(file, bytes, format));
  }
  const doc = newDoc(file, sha256, kind);
  doc.pages = pages;
  doc.images = images;
  return doc;
}

function isImage(f: string): boolean {
  return f !== 'pdf' && f !== 'text' && f !== 'binary';
}

/** Plain text: one page per form feed (as pdftotext and OCR tools write them), one line per line. */
function readText(bytes: Uint8Array): Page[] {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const chunks = text.split('\f');
  if (chunks.length > 1 && chunks[chunks.length - 1]!.trim() === '') chunks.pop();
  return chunks.map((chunk, i) => ({
    number: i + 1,
    method: 'text' as const,
    reason: 'text input',
    lines: chunk.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n'),
  }));
}
