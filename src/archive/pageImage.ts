// A source page as an image for the review page, made when it is asked for (nothing is copied out of the
// sources): a PDF page rendered by pdf.js, an image file as it is (browsers show PNG, JPEG, WebP, GIF and BMP), a
// TIFF page decoded and written as PNG. Only files the index points at come here, and only when they still have
// the bytes the plan was made from.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
// pdf.js through our module first, so that pdf-parse finds it loaded (and the builtin push kept: pdfjs.ts).
import '../ingest/pdfjs.js';
import { createCanvas, withSystemFonts } from '../ingest/canvas.js';
import { PDFParse } from 'pdf-parse';
import UTIF from 'utif2';
import { sniffFormat } from '../ingest/detect.js';
import { tiffPages } from '../ingest/image.js';
import { keepNativePush } from '../util/nativePush.js';

export interface PageImage {
  type: string;
  body: Buffer;
}

/** Wide enough to read a page's print on a screen, small enough to come quickly. */
const RENDER_WIDTH = 1400;

const MIME: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', bmp: 'image/bmp' };

export class SourceChanged extends Error {}
export class NoSuchPage extends Error {}

/** Hashes of source files already checked, by path, size and time of change (a file is hashed once). */
const checked = new Map<string, string>();

async function sourceBytes(path: string, sha256: string): Promise<Buffer> {
  const st = await stat(path);
  const stamp = `${path}\0${st.size}\0${st.mtimeMs}`;
  const bytes = await readFile(path);
  if (checked.get(stamp) !== sha256) {
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (hash !== sha256) throw new SourceChanged(`${path} is not the file this plan was made from (its SHA-256 differs)`);
    checked.set(stamp, hash);
  }
  return bytes;
}

export async function pageImage(path: string, sha256: string, page: number): Promise<PageImage> {
  const bytes = await sourceBytes(path, sha256);
  const format = sniffFormat(bytes);
  if (format === 'pdf') {
    const pdf = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
    try {
      withSystemFonts();
      const shot = await pdf.getScreenshot({ partial: [page], desiredWidth: RENDER_WIDTH, imageBuffer: true });
      const s = shot.pages[0];
      if (!s?.data) throw new NoSuchPage(`${path} has no page ${page}`);
      return { type: 'image/png', body: Buffer.from(s.data) };
    } finally {
      await pdf.destroy();
      // The first page shown loads pdf.js's worker module (util/nativePush.ts).
      keepNativePush();
    }
  }
  if (format === 'tiff') {
    const ifds = tiffPages(UTIF.decode(bytes));
    const ifd = ifds[page - 1];
    if (!ifd) throw new NoSuchPage(`${path} has no page ${page}`);
    UTIF.decodeImage(bytes, ifd);
    const width = ifd.width as number;
    const height = ifd.height as number;
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(width, height);
    img.data.set(UTIF.toRGBA8(ifd));
    ctx.putImageData(img, 0, 0);
    return { type: 'image/png', body: await canvas.encode('png') };
  }
  const type = MIME[format];
  if (!type) throw new NoSuchPage(`${path} is ${format}: it has no page images`);
  if (page !== 1) throw new NoSuchPage(`${path} has one page`);
  return { type, body: bytes };
}
