// A page image as the stages hand it on: 8-bit grey pixels, row by row — what tesseract binarises from. Kept raw,
// not as PNG: a page is prepared (straightened, tables marked, stamp ink dropped) and read once, so compressing
// it only to inflate it again in the engine is time spent on nothing.
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Grey from interleaved colour pixels (3 or 4 bytes each): the brightest channel. Black print stays black,
 *  while coloured ink (a red stamp over the signer's title, a blue signature) turns light, as a red-dropout
 *  scanner would make it. */
export function grayFromColour(data: ArrayLike<number>, width: number, height: number, bytesPerPixel: 3 | 4): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += bytesPerPixel) {
    const r = data[j]!;
    const g = data[j + 1]!;
    const b = data[j + 2]!;
    out[i] = r > g ? (r > b ? r : b) : g > b ? g : b;
  }
  return out;
}

/** A PGM file's header for the raster: its pixels follow as they are. */
function pgmHeader(r: Raster): Uint8Array {
  return new TextEncoder().encode(`P5\n${r.width} ${r.height}\n255\n`);
}

/**
 * A baseline TIFF's header for the raster (8-bit grey, uncompressed, one strip): its pixels follow as they are. The
 * OCR engines read pages so: the system's tesseract spends 0.15–0.2 CPU-s less on an office scan's page than on the
 * same page as PGM (leptonica reads a PGM's pixels with a call each, and copies a TIFF's strip whole), with the same
 * rows. No resolution is given, as PGM gives none: tesseract estimates it.
 */
export function tiffHeader(r: Raster): Uint8Array {
  // tag, type (3: 16-bit, 4: 32-bit), value
  const entries: [number, 3 | 4, number][] = [
    [256, 4, r.width], // ImageWidth
    [257, 4, r.height], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // PhotometricInterpretation: black is zero
    [273, 4, 0], // StripOffsets: set below, the header's length
    [277, 3, 1], // SamplesPerPixel
    [278, 4, r.height], // RowsPerStrip
    [279, 4, r.width * r.height], // StripByteCounts
  ];
  const IFD = 8;
  const size = IFD + 2 + entries.length * 12 + 4;
  entries[5]![2] = size;
  const view = new DataView(new ArrayBuffer(size));
  view.setUint16(0, 0x4949); // "II": little-endian
  view.setUint16(2, 42, true);
  view.setUint32(4, IFD, true);
  view.setUint16(IFD, entries.length, true);
  entries.forEach(([tag, type, value], k) => {
    const at = IFD + 2 + 12 * k;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, 1, true);
    if (type === 3) view.setUint16(at + 8, value, true);
    else view.setUint32(at + 8, value, true);
  });
  // (the next IFD's offset, 0: one image, is left at 0)
  return new Uint8Array(view.buffer);
}

/** The image as an uncompressed TIFF file. */
export function toTiff(r: Raster): Uint8Array {
  return withHeader(tiffHeader(r), r);
}

/** The image as binary PGM (P5), nothing to decode (the bench's tesseract CLI row reads its pages so; the blank page
 *  that ends each of a kept tesseract process's reads is one: tesseractCli.ts). */
export function toPgm(r: Raster): Uint8Array {
  return withHeader(pgmHeader(r), r);
}

/** A file's header and the raster's pixels after it, in one buffer. */
function withHeader(head: Uint8Array, r: Raster): Uint8Array {
  const out = new Uint8Array(head.length + r.data.length);
  out.set(head);
  out.set(r.data, head.length);
  return out;
}

/** The image turned clockwise by a quarter turn, a half or three quarters: pixels move, none is resampled. */
export function turnRaster(r: Raster, degrees: number): Raster {
  const { width: w, height: h, data } = r;
  const turn = ((degrees % 360) + 360) % 360;
  if (turn === 0) return r;
  const sideways = turn !== 180;
  const out = new Uint8Array(w * h);
  const ow = sideways ? h : w;
  // Where the pixel at (x, y) lands once the image is turned: (h-1-y, x), (w-1-x, h-1-y) or (y, w-1-x).
  for (let y = 0; y < h; y++) {
    const row = y * w;
    if (turn === 90) for (let x = 0; x < w; x++) out[x * ow + (h - 1 - y)] = data[row + x]!;
    else if (turn === 180) for (let x = 0; x < w; x++) out[(h - 1 - y) * ow + (w - 1 - x)] = data[row + x]!;
    else for (let x = 0; x < w; x++) out[(w - 1 - x) * ow + y] = data[row + x]!;
  }
  return { width: ow, height: sideways ? w : h, data: out };
}

/** The image with everything outside the box turned white; the image keeps its size. */
export function keepOnly(r: Raster, x0: number, y0: number, x1: number, y1: number): Raster {
  const out = new Uint8Array(r.data.length).fill(255);
  const { x0: xa, y0: ya, x1: xb, y1: yb } = pixelBox(r, x0, y0, x1, y1);
  for (let y = ya; y < yb; y++) out.set(r.data.subarray(y * r.width + xa, y * r.width + xb), y * r.width + xa);
  return { width: r.width, height: r.height, data: out };
}

/** The box in whole pixels, inside the image and at least one pixel each way. */
export function pixelBox(r: Raster, x0: number, y0: number, x1: number, y1: number): { x0: number; y0: number; x1: number; y1: number } {
  const xa = Math.max(0, Math.round(x0));
  const ya = Math.max(0, Math.round(y0));
  return { x0: xa, y0: ya, x1: Math.min(r.width, Math.max(xa + 1, Math.round(x1))), y1: Math.min(r.height, Math.max(ya + 1, Math.round(y1))) };
}

/** The part of the image in the box, as an image of its own (its origin at pixelBox's top left). */
export function crop(r: Raster, x0: number, y0: number, x1: number, y1: number): Raster {
  const { x0: xa, y0: ya, x1: xb, y1: yb } = pixelBox(r, x0, y0, x1, y1);
  const out = new Uint8Array((xb - xa) * (yb - ya));
  for (let y = ya; y < yb; y++) out.set(r.data.subarray(y * r.width + xa, y * r.width + xb), (y - ya) * (xb - xa));
  return { width: xb - xa, height: yb - ya, data: out };
}

/** The image with a white margin round it: tesseract reads a strip whose letters touch its edge worse. */
export function pad(r: Raster, margin: number): Raster {
  const width = r.width + 2 * margin;
  const out = new Uint8Array(width * (r.height + 2 * margin)).fill(255);
  for (let y = 0; y < r.height; y++) out.set(r.data.subarray(y * r.width, (y + 1) * r.width), (y + margin) * width + margin);
  return { width, height: r.height + 2 * margin, data: out };
}
