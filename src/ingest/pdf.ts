// PDF input: keep a page's text layer when it is good Vietnamese, otherwise take the page's scan image
// (or render the page) for OCR. The decision is made per page and recorded, like OCRmyPDF's --skip-text/--redo-ocr.
import { PDFParse } from 'pdf-parse';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from '../model/document.js';
import { InputError } from '../util/errors.js';
import { pageTextLines } from './pdfText.js';
import { assessText } from './textQuality.js';
import { checkImageSize } from './image.js';
import { grayPng, pageScanImage, toGray } from './pdfImage.js';
import { dropStampInk } from './stamp.js';
import { deskew } from './deskew.js';
import { markTables } from '../layout/tables.js';

export type OcrMode = 'auto' | 'skip' | 'redo' | 'force';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'skip', 'redo', 'force'];

/** Scans are read at 300 dpi, tesseract's sweet spot for body text. */
const RENDER_DPI = 300;

export async function readPdf(file: string, bytes: Uint8Array, mode: OcrMode): Promise<Page[]> {
  const pdf = await openPdf(file, bytes);
  try {
    if (pdf.numPages === 0) throw new InputError(file, 'the PDF has no pages');
    const pages: Page[] = [];
    const needRender: { page: Page; width: number; height: number }[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const lines = await pageTextLines(page);
      const decision = decide(lines, mode);
      const p: Page = { number: n, method: decision.ocr ? 'ocr' : 'text-layer', reason: decision.reason, lines: decision.ocr ? [] : lines };
      pages.push(p);
      if (decision.ocr) {
        // A scan is read at its own resolution from its embedded image; anything else is rendered.
        const scan = await pageScanImage(page);
        if (scan) {
          checkImageSize(file, scan.width, scan.height);
          const { gray, angle } = deskew(toGray(scan), scan.width, scan.height);
          if (angle) p.reason += `; straightened by ${angle}°`;
          // Tables first: their thin rules are light grey, which the stamp's dropout would take for stamp ink.
          markTables(p, gray, scan.width, scan.height);
          dropStampInk(gray, scan.width, scan.height);
          p.image = grayPng(gray, scan.width, scan.height);
        } else needRender.push({ page: p, width, height });
      }
      page.cleanup();
    }
    if (needRender.length) await renderPages(file, bytes, needRender);
    return pages;
  } finally {
    await pdf.destroy();
  }
}

async function openPdf(file: string, bytes: Uint8Array) {
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy so the caller's bytes stay intact.
    return await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, stopAtErrors: false }).promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') throw new InputError(file, 'the PDF is encrypted (password required)');
    if (name === 'InvalidPDFException') throw new InputError(file, 'not a readable PDF (damaged or truncated)');
    throw new InputError(file, `not a readable PDF (${(err as Error).message})`);
  }
}

function decide(lines: string[], mode: OcrMode): { ocr: boolean; reason: string } {
  const q = assessText(lines.join('\n'));
  const stats = `${q.words} words, ${pct(q.syllableShare)} Vietnamese syllables, ${pct(q.markedShare)} with diacritics`;
  switch (mode) {
    case 'force':
      return { ocr: true, reason: 'OCR forced (--ocr force)' };
    case 'redo':
      return { ocr: true, reason: q.verdict === 'none' ? 'no text layer' : `existing text layer replaced (--ocr redo; ${stats})` };
    case 'skip':
      return q.verdict === 'none'
        ? { ocr: true, reason: 'no text layer' }
        : { ocr: false, reason: `text layer kept (--ocr skip; ${stats})` };
    case 'auto':
      if (q.verdict === 'none') return { ocr: true, reason: 'no text layer' };
      if (q.verdict === 'good') return { ocr: false, reason: `text layer is good Vietnamese (${stats})` };
      return { ocr: true, reason: `text layer looks like legacy English-model OCR, read again (${stats})` };
  }
}

function pct(x: number): string {
  return `${Math.round(x * 100)} %`;
}

/** Pages with no scan image of their own (vector drawings, several images): a 300 dpi rendering. */
async function renderPages(file: string, bytes: Uint8Array, pages: { page: Page; width: number; height: number }[]): Promise<void> {
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    for (const { page: p, width: pw } of pages) {
      const width = Math.round((pw * RENDER_DPI) / 72);
      const shot = await parser.getScreenshot({ partial: [p.number], desiredWidth: width, imageBuffer: true });
      const s = shot.pages[0];
      if (!s?.data) throw new InputError(file, `page ${p.number} could not be rendered`);
      checkImageSize(file, s.width, s.height);
      p.image = s.data;
    }
  } finally {
    await parser.destroy();
  }
}
