// A scanned page's JPEG, taken as stored from the PDF and decoded at the image's own resolution: grey scans to grey
// (pdf.js widens every grey pixel to RGB before we narrow it back), colour scans to RGB as pdf.js would. It is
// decoded by libjpeg-turbo (sharp's libvips), a third of the CPU of pdf.js's decoder in JavaScript and the pixels
// within a level of its; where sharp has no binary for the platform, or a JPEG gives it any warning, by pdf.js's
// own decoder (its image_decoders build), to the very pixels pdf.js gives. A page this does not fit (its image in
// a form, another filter, a Decode array, a mask, a colour space by profile) is left to pdf.js (pdfImage.ts).
import { inflateSync } from 'node:zlib';
import { JpegImage } from './pdfjs.js';
import { grayFromColour, type Raster } from '../model/raster.js';
import { MAX_STREAM_BYTES } from './pdfBomb.js';
import { MIN_SIDE, pageShaped } from './pdfImage.js';
import { isName, isStream, isUnreadable, Name, type PdfDict, type PdfObjects, type PdfValue } from './pdfObjects.js';

export interface StoredJpeg {
  width: number;
  height: number;
  gray: boolean;
  /** the DCTDecode parameter: −1 when the JPEG's own markers decide */
  colorTransform: number;
  bytes: Uint8Array;
}

/**
 * The page's one large image, when it is a JPEG that decodes to grey or RGB as it is stored (no Decode array, no
 * mask) and has the page's shape; null otherwise, or when the file does not hold together here.
 */
export function storedPageJpeg(objects: PdfObjects, pageRef: { num: number; gen: number } | null, pageWidth: number, pageHeight: number): StoredJpeg | null {
  if (!pageRef) return null;
  try {
    const r = (v: PdfValue | undefined) => objects.resolve(v ?? null);
    const page = objects.get(pageRef.num);
    if (!(page instanceof Map)) return null;
    // Resources may be inherited from the page tree.
    let node: PdfValue = page;
    let resources: PdfValue = null;
    for (let depth = 0; node instanceof Map && depth < 32 && resources === null; depth++) {
      resources = r(node.get('Resources'));
      node = r(node.get('Parent'));
    }
    if (!(resources instanceof Map)) return null;
    const xobjects = r(resources.get('XObject'));
    if (!(xobjects instanceof Map)) return null;
    const large: { dict: PdfDict; data: Uint8Array }[] = [];
    for (const v of xobjects.values()) {
      const x = r(v);
      if (!isStream(x)) continue;
      // A form may draw images of its own: pdf.js follows it. One with none (OCRmyPDF's text layer) is no matter.
      if (isName(x.dict.get('Subtype'), 'Form')) {
        const own = r(x.dict.get('Resources'));
        if (!(own instanceof Map) || own.get('XObject') !== undefined) return null;
        continue;
      }
      if (!isName(x.dict.get('Subtype'), 'Image')) continue;
      const w = r(x.dict.get('Width'));
      const h = r(x.dict.get('Height'));
      if (typeof w === 'number' && typeof h === 'number' && w >= MIN_SIDE && h >= MIN_SIDE) large.push(x);
    }
    if (large.length !== 1) return null;
    const { dict, data } = large[0]!;
    const width = r(dict.get('Width')) as number;
    const height = r(dict.get('Height')) as number;
    if (!pageShaped(width, height, pageWidth, pageHeight)) return null;
    // DCT, or DCT inside Flate (OCRmyPDF's output): the stored bytes inflated first.
    const filter = r(dict.get('Filter'));
    const filters = Array.isArray(filter) ? filter.map(r) : [filter];
    if (!isName(filters.at(-1), 'DCTDecode') || !filters.slice(0, -1).every((f) => isName(f, 'FlateDecode'))) return null;
    const absent = (k: string) => [null, false, 0].includes(r(dict.get(k)) as null);
    if (!['Decode', 'SMask', 'Mask', 'ImageMask', 'SMaskInData'].every(absent)) return null;
    if (r(dict.get('BitsPerComponent') ?? 8) !== 8) return null;
    const space = r(dict.get('ColorSpace'));
    if (!(space instanceof Name) || (space.name !== 'DeviceGray' && space.name !== 'DeviceRGB')) return null;
    const parms = r(dict.get('DecodeParms'));
    const each = Array.isArray(parms) ? parms.map(r) : filters.map((_, k) => (k === filters.length - 1 ? parms : null));
    // A predictor on the Flate layer is not followed here.
    if (each.slice(0, -1).some((p) => p !== null)) return null;
    const dct = each.at(-1);
    const transform = dct instanceof Map ? r(dct.get('ColorTransform')) : null;
    let bytes = data;
    for (let k = 1; k < filters.length; k++) bytes = new Uint8Array(inflateSync(bytes, { maxOutputLength: MAX_STREAM_BYTES }));
    return { width, height, gray: space.name === 'DeviceGray', colorTransform: Number.isInteger(transform) ? (transform as number) : -1, bytes };
  } catch (err) {
    if (isUnreadable(err)) return null;
    throw err;
  }
}

/**
 * The size and number of colour components a JPEG's frame header (SOF0–SOF2, the ones pdf.js decodes) declares, or
 * null where none is found: read before decoding, so that a frame larger than its dictionary says allocates nothing.
 */
export function jpegFrame(b: Uint8Array): { width: number; height: number; components: number } | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    // Fill bytes, and markers with no length (RSTn, TEM).
    if (marker === 0xff) {
      at++;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xc2) return { height: (b[at + 5]! << 8) | b[at + 6]!, width: (b[at + 7]! << 8) | b[at + 8]!, components: b[at + 9]! };
    if (marker === 0xda || marker === 0xd9) return null;
    at += 2 + ((b[at + 2]! << 8) | b[at + 3]!);
  }
  return null;
}

/** The JPEG as grey pixels, or null when it does not decode to what its dictionary says (then pdf.js reads it). */
export async function decodeStoredJpeg(jpeg: StoredJpeg, native = true): Promise<Raster | null> {
  // Bytes before the start-of-image marker are junk some writers leave (pdf.js skips them too).
  let start = 0;
  while (start + 1 < jpeg.bytes.length && !(jpeg.bytes[start] === 0xff && jpeg.bytes[start + 1] === 0xd8)) start++;
  const { width, height } = jpeg;
  const frame = jpegFrame(jpeg.bytes.subarray(start));
  if (!frame || frame.width !== width || frame.height !== height) return null;
  if (native) {
    const pixels = await decodeNative(jpeg.bytes.subarray(start), jpeg, frame.components);
    if (pixels) return pixels;
  }
  return decodePdfJs(jpeg, start);
}

/** sharp, loaded once; null where it cannot load (no prebuilt binary for the platform). */
let sharpLoaded: Promise<typeof import('sharp') | null> | undefined;
function loadSharp(): Promise<typeof import('sharp') | null> {
  return (sharpLoaded ??= import('sharp').then(
    (m) => {
      // One thread an image (the --jobs workers share the cores), and no cache of decoded images: a page is read once.
      m.default.concurrency(1);
      m.default.cache(false);
      return m.default;
    },
    () => null,
  ));
}

/**
 * The JPEG decoded by libjpeg-turbo, or null where sharp cannot load, the PDF sets the colour transform itself
 * (pdf.js follows it; libjpeg reads the JPEG's own markers), the frame has not the components its dictionary says,
 * or libvips warns of anything (a truncated or damaged stream is pdf.js's to read, as it always was).
 */
async function decodeNative(bytes: Uint8Array, jpeg: StoredJpeg, components: number): Promise<Raster | null> {
  if (jpeg.colorTransform !== -1 || components !== (jpeg.gray ? 1 : 3)) return null;
  const sharp = await loadSharp();
  if (!sharp) return null;
  const { width, height } = jpeg;
  try {
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const { data, info } = await sharp(input, { failOn: 'warning' })
      .toColourspace(jpeg.gray ? 'b-w' : 'srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.width !== width || info.height !== height || info.channels !== components) return null;
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { width, height, data: jpeg.gray ? pixels : grayFromColour(pixels, width, height, 3) };
  } catch {
    return null;
  }
}

/** The JPEG decoded by pdf.js's decoder, as pdf.js itself decodes it. */
function decodePdfJs(jpeg: StoredJpeg, start: number): Raster | null {
  const { width, height } = jpeg;
  try {
    const image = new JpegImage({ colorTransform: jpeg.colorTransform });
    image.parse(jpeg.bytes.subarray(start));
    if (image.width !== width || image.height !== height || image.numComponents !== (jpeg.gray ? 1 : 3)) return null;
    if (jpeg.gray) {
      const pixels = blockPixels(image as unknown as DecodedJpeg, width, height);
      if (pixels) return { width, height, data: pixels };
    }
    const data = image.getData({ width, height, forceRGB: !jpeg.gray, isSourcePDF: true });
    if (data.length !== width * height * (jpeg.gray ? 1 : 3)) return null;
    return { width, height, data: jpeg.gray ? new Uint8Array(data.buffer, data.byteOffset, data.length) : grayFromColour(data, width, height, 3) };
  } catch {
    // A JPEG the decoder refuses: pdf.js gets its own go at it, and its own error.
    return null;
  }
}

/** What pdf.js's JpegImage (5.4) holds once parsed: each component's pixels, in 8×8 blocks. */
interface DecodedJpeg {
  components: { output: Int16Array; scaleX: number; scaleY: number; blocksPerLine: number; blocksPerColumn: number }[];
  _decodeTransform?: unknown;
}

/**
 * A grey JPEG's pixels taken from the decoder's blocks, row by row: what its getData() gives at the image's own size.
 * getData() walks every pixel through a per-column table made for scaling (a third of the page's decoding); this
 * copies a block's row at a time. Null where the JPEG is not laid out as one full-size component.
 */
function blockPixels(image: DecodedJpeg, width: number, height: number): Uint8Array | null {
  const c = image.components?.[0];
  if (!c || image.components.length !== 1 || c.scaleX !== 1 || c.scaleY !== 1 || image._decodeTransform) return null;
  if (!(c.output instanceof Int16Array) || c.blocksPerLine * 8 < width || c.blocksPerColumn * 8 < height) return null;
  // A row of blocks is stored with one block to spare (pdf.js's layout), each block as 8 rows of 8.
  const blockRow = (c.blocksPerLine + 1) * 64;
  // pdf.js clamps each pixel to 0–255 as its inverse DCT writes it, so the plain byte store is exact.
  const out = new Uint8Array(width * height);
  const blocks = c.output;
  const whole = width & ~7;
  let o = 0;
  for (let y = 0; y < height; y++) {
    const line = (y >> 3) * blockRow + ((y & 7) << 3);
    for (let x = 0; x < whole; x += 8) {
      const i = line + (x << 3);
      out[o] = blocks[i]!;
      out[o + 1] = blocks[i + 1]!;
      out[o + 2] = blocks[i + 2]!;
      out[o + 3] = blocks[i + 3]!;
      out[o + 4] = blocks[i + 4]!;
      out[o + 5] = blocks[i + 5]!;
      out[o + 6] = blocks[i + 6]!;
      out[o + 7] = blocks[i + 7]!;
      o += 8;
    }
    for (let x = whole; x < width; x++) out[o++] = blocks[line + ((x & ~7) << 3) + (x & 7)]!;
  }
  return out;
}
