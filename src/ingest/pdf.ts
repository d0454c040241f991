// PDF input: keep a page's text layer when it is good Vietnamese, otherwise take the page's scan image
// (or render the page) for OCR. The decision is made per page and recorded, like OCRmyPDF's --skip-text/--redo-ocr.
import type { PDFParse } from 'pdf-parse';
import { openDocument } from './pdfjs.js';
import type { Page, PageImages } from '../model/document.js';
import type { Raster } from '../model/raster.js';
import { InputError } from '../util/errors.js';
import { fractionsOf } from '../layout/pageFrame.js';
import { linesOf, pageTextItems, pageTextLines } from './pdfText.js';
import { assessText } from './textQuality.js';
import { withSystemFonts } from './canvas.js';
import { checkImageSize, decodeImage } from './image.js';
import { isTypeset, pageScanImage, toGray } from './pdfImage.js';
import { checkPdfStreams } from './pdfBomb.js';
import { decodeStoredJpeg, storedPageJpeg } from './pdfJpeg.js';
import { PdfObjects } from './pdfObjects.js';
import { prepareScan } from './prepare.js';

export type OcrMode = 'auto' | 'skip' | 'redo' | 'force';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'skip', 'redo', 'force'];

/** Scans are read at 300 dpi, tesseract's sweet spot for body text. */
const RENDER_DPI = 300;

/**
 * The PDF's pages, each with its text layer or marked for OCR, and — when any page needs OCR — the source its
 * images are read from later, one page at a time (the PDF stays open until the OCR stage closes it).
 */
export async function readPdf(file: string, bytes: Uint8Array, mode: OcrMode): Promise<{ pages: Page[]; images: PageImages | null }> {
  checkPdfStreams(file, bytes);
  const pdf = await openPdf(file, bytes);
  let handedOn = false;
  try {
    if (pdf.numPages === 0) throw new InputError(file, 'the PDF has no pages');
    const pages: Page[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      // The layer is judged on its text alone; its tables are looked for only when it is kept.
      const items = await pageTextItems(page);
      const decision = decide(linesOf(items), mode);
      const placed = decision.ocr ? [] : await pageTextLines(page, items);
      const typeset = !decision.ocr && (await isTypeset(page));
      const { width, height } = page.getViewport({ scale: 1 });
      pages.push({
        number: n,
        method: decision.ocr ? 'ocr' : 'text-layer',
        reason: typeset ? `${decision.reason}; the PDF's own typeset text, kept as it is` : decision.reason,
        lines: placed.map((l) => l.text),
        lineBoxes: placed.map((l) => l.box && fractionsOf(l.box, width, height)),
        size: { width: Math.round(width * 100) / 100, height: Math.round(height * 100) / 100, unit: 'pt' },
        ...(typeset ? { typeset } : {}),
      });
      page.cleanup();
    }
    if (!pages.some((p) => p.method === 'ocr')) return { pages, images: null };
    handedOn = true;
    return { pages, images: pdfPageImages(file, bytes, pdf) };
  } finally {
    if (!handedOn) await pdf.destroy();
  }
}

type PdfDocument = Awaited<ReturnType<typeof openPdf>>;

function pdfPageImages(file: string, bytes: Uint8Array, pdf: PdfDocument): PageImages {
  let renderer: PDFParse | undefined;
  // One rendering at a time: pdf-parse's screenshots of one document are not made to run side by side.
  let rendering: Promise<unknown> = Promise.resolve();
  // The file's objects, read on their own (null: its cross-references are past following, pdf.js reads every page).
  let objects: PdfObjects | null | undefined;
  return {
    async read(p: Page): Promise<Raster> {
      const page = await pdf.getPage(p.number);
      try {
        // A scan is read at its own resolution from its embedded image; anything else is rendered. Most scans
        // are a JPEG a page, decoded from the stored bytes; the rest through pdf.js.
        if (objects === undefined) objects = PdfObjects.open(bytes);
        const { width: pw, height: ph } = page.getViewport({ scale: 1 });
        const jpeg = objects && storedPageJpeg(objects, page.ref, pw, ph);
        if (jpeg) {
          checkImageSize(file, jpeg.width, jpeg.height);
          const raster = await decodeStoredJpeg(jpeg);
          if (raster) return prepareScan(p, raster);
        }
        const scan = await pageScanImage(page);
        if (scan) {
          checkImageSize(file, scan.width, scan.height);
          return prepareScan(p, { width: scan.width, height: scan.height, data: toGray(scan) });
        }
      } finally {
        // pdf.js keeps a page's decoded images until its page is cleaned up.
        page.cleanup();
      }
      const pointsWide = page.getViewport({ scale: 1 }).width;
      // pdf-parse is loaded only for a page that needs rendering, not at every run's start.
      const shot = rendering.then(async () => {
        renderer ??= new (await import('pdf-parse')).PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
        return renderPage(file, renderer, p.number, pointsWide);
      });
      rendering = shot.catch(() => undefined);
      return shot;
    },
    async close(): Promise<void> {
      await renderer?.destroy();
      await pdf.destroy();
    },
  };
}

async function openPdf(file: string, bytes: Uint8Array) {
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy so the caller's bytes stay intact.
    return await openDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, stopAtErrors: false });
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

/** A page with no scan image of its own (vector drawings, several images): a 300 dpi rendering. */
async function renderPage(file: string, renderer: PDFParse, number: number, pointsWide: number): Promise<Raster> {
  const width = Math.round((pointsWide * RENDER_DPI) / 72);
  withSystemFonts();
  const shot = await renderer.getScreenshot({ partial: [number], desiredWidth: width, imageBuffer: true });
  const s = shot.pages[0];
  if (!s?.data) throw new InputError(file, `page ${number} could not be rendered`);
  checkImageSize(file, s.width, s.height);
  return decodeImage(file, s.data, true); // our own rendering: no need of a process of its own
}
