// A scanned PDF page's own image, decoded by pdf.js and handed to the OCR as grey pixels at the image's own resolution.
// pdf.js gives decoded pixels in one of three kinds; 1-bit images (CCITT G4 / JBIG2 bitonal masters, the commonest
// archive format) pack each row into whole bytes, so a row is ceil(width / 8) bytes long, not width / 8.
import { ImageKind, OPS } from './pdfjs.js';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { grayFromColour } from '../model/raster.js';

export interface PdfImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** Smaller images are logos, stamps or rules, not a page's scan. */
export const MIN_SIDE = 200;

/** Whether an image of w × h pixels has the shape of a page of pw × ph points, either way round. */
export function pageShaped(w: number, h: number, pw: number, ph: number): boolean {
  const aspect = w / h;
  return [pw / ph, ph / pw].some((a) => Math.abs(aspect - a) < 0.04 * a);
}

/**
 * The page's scan: its one large image, when the image has the page's shape (either way round: a scanner may
 * declare a landscape page for a portrait image or the reverse, and orientation is settled by the OCR stage).
 * The page's declared size is not trusted for the resolution: a scanner may write 96 dpi for a 300 dpi image.
 */
export async function pageScanImage(page: PDFPageProxy): Promise<PdfImage | null> {
  const ops = await page.getOperatorList();
  const names: string[] = [];
  for (let i = 0; i < ops.fnArray.length; i++)
    if (ops.fnArray[i] === OPS.paintImageXObject) {
      const [name, w, h] = ops.argsArray[i] as [string, number, number];
      if (w >= MIN_SIDE && h >= MIN_SIDE) names.push(name);
    }
  if (names.length !== 1) return null;
  const img = await resolveObject(page, names[0]!);
  if (!img?.data || !img.width || !img.height) return null;
  const { width: pw, height: ph } = page.getViewport({ scale: 1 });
  return pageShaped(img.width, img.height, pw, ph) ? img : null;
}

/** Text rendering modes that draw nothing (3) or only clip (7): an OCR layer's, laid invisibly over its scan. */
const INVISIBLE_TEXT = new Set([3, 7]);

/**
 * Whether the page's text is its own typeset text: drawn to be seen, with no scan under it. Such text is exact
 * (the document as written), where an OCR layer, drawn invisibly over its page's image, has the OCR's errors.
 */
export async function isTypeset(page: PDFPageProxy): Promise<boolean> {
  const ops = await page.getOperatorList();
  const { width: pw, height: ph } = page.getViewport({ scale: 1 });
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    if (fn === OPS.setTextRenderingMode && INVISIBLE_TEXT.has((ops.argsArray[i] as [number])[0])) return false;
    if (fn === OPS.paintImageXObject) {
      const [, w, h] = ops.argsArray[i] as [string, number, number];
      // A page-shaped image as large as a scan's: the page is a scan, whatever its text layer.
      if (w >= MIN_SIDE && h >= MIN_SIDE && pageShaped(w, h, pw, ph)) return false;
    }
  }
  return true;
}

function resolveObject(page: PDFPageProxy, name: string): Promise<PdfImage | null> {
  const objs = name.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    try {
      objs.get(name, (o: unknown) => resolve((o as PdfImage | null) ?? null));
    } catch {
      resolve(null);
    }
  });
}

/** Decoded pixels as 8-bit grey (what tesseract binarises from); 1-bit rows are ceil(width/8) bytes. */
export function toGray(img: PdfImage): Uint8Array {
  const { width: w, height: h, data } = img;
  if (img.kind === ImageKind.GRAYSCALE_1BPP) {
    const out = new Uint8Array(w * h);
    const stride = (w + 7) >> 3;
    for (let y = 0; y < h; y++) {
      const row = y * stride;
      for (let x = 0; x < w; x++) out[y * w + x] = (data[row + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
    return out;
  }
  return grayFromColour(data, w, h, img.kind === ImageKind.RGBA_32BPP ? 4 : 3);
}
