// Image input: PNG, JPEG, BMP, WebP and GIF, and TIFF with one page per image (multi-page scans are common in
// archives). Sizes are checked from the headers when the file is read; each page's pixels are decoded only when
// the OCR is ready for it, and prepared like a PDF's scan.
import { fork } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageSize } from 'image-size';
import type UTIF from 'utif2';
import type { Page, PageImages } from '../model/document.js';
import { grayFromColour, type Raster } from '../model/raster.js';
import { InputError } from '../util/errors.js';
import { createCanvas, loadImage } from './canvas.js';
import type { InputFormat } from './detect.js';
import { pngDamage } from './pngCheck.js';
import { prepareScan } from './prepare.js';

/** Beyond this tesseract runs out of memory or takes minutes a page: a 600 dpi A3 sheet is ~70 Mpx. */
export const MAX_PIXELS = 80_000_000;
export const MAX_SIDE = 32_000;

export function checkImageSize(file: string, width: number, height: number): void {
  if (width <= 0 || height <= 0) throw new InputError(file, 'the image is empty (0 pixels)');
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS)
    throw new InputError(
      file,
      `image too large to OCR (${width}×${height} px; at most ${MAX_SIDE} px a side and ${MAX_PIXELS / 1e6} Mpx)`,
    );
}

/** An encoded image (PNG, JPEG, BMP, WebP, GIF) as grey pixels; transparency is paper-white. */
export async function decodeInProcess(bytes: Uint8Array): Promise<Raster> {
  const img = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const { width, height } = img;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0);
  return { width, height, data: grayFromColour(ctx.getImageData(0, 0, width, height).data, width, height, 4) };
}

/** decodeChild.js, beside this module's compiled copy (from src/ as from dist/: both sit two levels down). */
const DECODE_CHILD = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'ingest', 'decodeChild.js');

/**
 * An input file's image as grey pixels, decoded in a process of its own (decodeChild.ts): a damaged file that
 * crashes the native decoder fails with its reason, and the batch goes on. Images we made ourselves (a PDF page
 * rendered by pdf.js) are decoded here (`trusted`).
 */
export async function decodeImage(file: string, bytes: Uint8Array, trusted = false): Promise<Raster> {
  if (trusted) return decodeInProcess(bytes);
  const result = await new Promise<{ raster?: Raster; error?: string; crash?: string }>((done, fail) => {
    const child = fork(DECODE_CHILD, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: [] });
    let answered = false;
    child.once('message', (m: { raster?: Raster; error?: string }) => {
      answered = true;
      done(m);
    });
    child.once('exit', (code, signal) => {
      if (!answered) done({ crash: signal ?? `exit ${code}` });
    });
    child.once('error', fail);
    child.send(bytes);
  });
  if (result.crash) throw new InputError(file, `not a readable image (the decoder crashed on it: ${result.crash})`);
  if (result.error !== undefined || !result.raster) throw new InputError(file, `not a readable image (${result.error ?? 'no pixels'})`);
  const { width, height, data } = result.raster;
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export async function readImage(file: string, bytes: Uint8Array, format: InputFormat): Promise<{ pages: Page[]; images: PageImages }> {
  if (format === 'tiff') return readTiff(file, bytes);
  // The size from the header first: a huge image is refused before anything tries to decode it.
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch (err) {
    throw new InputError(file, `not a readable ${format.toUpperCase()} image (${(err as Error).message})`);
  }
  checkImageSize(file, size.width ?? 0, size.height ?? 0);
  if (format === 'png') {
    const damage = pngDamage(bytes);
    if (damage) throw new InputError(file, `not a readable PNG image (${damage})`);
  }
  const pages: Page[] = [{ number: 1, method: 'ocr', reason: 'image input', lines: [] }];
  return { pages, images: { read: async (p) => prepareScan(p, await decodeImage(file, bytes)), close: async () => undefined } };
}

/** A TIFF's pages: its full-size images, not the reduced ones (thumbnails, NewSubfileType 1). */
export function tiffPages<T extends Record<string, unknown>>(ifds: T[]): T[] {
  return ifds.filter((ifd) => Number((ifd['t254'] as number[] | undefined)?.[0] ?? 0) !== 1);
}

async function readTiff(file: string, bytes: Uint8Array): Promise<{ pages: Page[]; images: PageImages }> {
  const utif = (await import('utif2')).default;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ifds: ReturnType<typeof UTIF.decode>;
  try {
    ifds = utif.decode(buffer);
  } catch (err) {
    throw new InputError(file, `not a readable TIFF image (${(err as Error).message})`);
  }
  // Sub-IFDs (thumbnails) are not pages: keep the full-size images.
  const images = tiffPages(ifds);
  if (images.length === 0) throw new InputError(file, 'the TIFF has no pages');
  for (const ifd of images) {
    const tag = (t: string) => Number((ifd[t] as number[] | undefined)?.[0] ?? 0);
    checkImageSize(file, tag('t256'), tag('t257'));
  }
  const pages = images.map((_, i): Page => ({ number: i + 1, method: 'ocr', reason: 'image input', lines: [] }));
  return {
    pages,
    images: {
      async read(p: Page): Promise<Raster> {
        const ifd = images[p.number - 1]!;
        try {
          utif.decodeImage(buffer, ifd);
        } catch (err) {
          throw new InputError(file, `TIFF page ${p.number} could not be decoded (${(err as Error).message})`);
        }
        const width = ifd.width as number;
        const height = ifd.height as number;
        const data = grayFromColour(utif.toRGBA8(ifd), width, height, 4);
        // The decoded pixels stay on the IFD otherwise: let them go with the page.
        delete (ifd as { data?: unknown }).data;
        return prepareScan(p, { width, height, data });
      },
      close: async () => undefined,
    },
  };
}
