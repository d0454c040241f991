// Image input: PNG, JPEG, BMP go to the OCR as they are; WebP and GIF are converted to PNG; a TIFF becomes one
// PNG per page (multi-page scans are common in archives).
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { imageSize } from 'image-size';
import UTIF from 'utif2';
import type { Page } from '../model/document.js';
import { InputError } from '../util/errors.js';
import type { InputFormat } from './detect.js';

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

export async function readImage(file: string, bytes: Uint8Array, format: InputFormat): Promise<Page[]> {
  if (format === 'tiff') return readTiff(file, bytes);
  // The size from the header first: a huge image is refused before anything tries to decode it.
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch (err) {
    throw new InputError(file, `not a readable ${format.toUpperCase()} image (${(err as Error).message})`);
  }
  checkImageSize(file, size.width ?? 0, size.height ?? 0);
  let png: Uint8Array = bytes;
  // tesseract reads PNG, JPEG and BMP itself; WebP and GIF are decoded here and handed over as PNG.
  if (format === 'webp' || format === 'gif') {
    let img: Awaited<ReturnType<typeof loadImage>>;
    try {
      img = await loadImage(Buffer.from(bytes));
    } catch (err) {
      throw new InputError(file, `not a readable ${format.toUpperCase()} image (${(err as Error).message})`);
    }
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, img.width, img.height);
    ctx.drawImage(img, 0, 0);
    png = canvas.toBuffer('image/png');
  }
  return [{ number: 1, method: 'ocr', reason: 'image input', lines: [], image: png }];
}

function readTiff(file: string, bytes: Uint8Array): Page[] {
  let ifds: ReturnType<typeof UTIF.decode>;
  try {
    ifds = UTIF.decode(Buffer.from(bytes));
  } catch (err) {
    throw new InputError(file, `not a readable TIFF image (${(err as Error).message})`);
  }
  // Sub-IFDs (thumbnails) are not pages: keep the full-size images.
  const pages = ifds.filter((ifd) => Number((ifd['t254'] as number[] | undefined)?.[0] ?? 0) !== 1);
  if (pages.length === 0) throw new InputError(file, 'the TIFF has no pages');
  return pages.map((ifd, i) => {
    const tag = (t: string) => Number((ifd[t] as number[] | undefined)?.[0] ?? 0);
    checkImageSize(file, tag('t256'), tag('t257'));
    try {
      UTIF.decodeImage(Buffer.from(bytes), ifd);
    } catch (err) {
      throw new InputError(file, `TIFF page ${i + 1} could not be decoded (${(err as Error).message})`);
    }
    const w = ifd.width as number;
    const h = ifd.height as number;
    const rgba = UTIF.toRGBA8(ifd);
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    const data = ctx.createImageData(w, h);
    data.data.set(rgba);
    ctx.putImageData(data, 0, 0);
    return { number: i + 1, method: 'ocr' as const, reason: 'image input', lines: [], image: canvas.toBuffer('image/png') };
  });
}
