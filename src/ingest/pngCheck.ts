// A PNG checked before it reaches the native decoder. @napi-rs/canvas (Skia) crashes the whole process (SIGSEGV)
// on some damaged PNGs — a zeroed stretch of the compressed data was enough in fuzzing — and a crash cannot be
// caught. So the chunks' checksums, the chunk order and the compressed pixels (inflated with Node's zlib, bounded)
// are checked here first; a PNG that fails is refused with its reason.
import { crc32, inflateSync } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Channels per colour type (greyscale, RGB, palette, grey + alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Null when the PNG is whole, else why not. */
export function pngDamage(bytes: Uint8Array): string | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 8 || SIGNATURE.some((v, i) => b[i] !== v)) return 'no PNG signature';
  let at = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | null = null;
  const data: Buffer[] = [];
  let ended = false;
  while (at + 12 <= b.length) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (length > b.length - at - 12) return `chunk ${JSON.stringify(type)} runs past the end of the file`;
    const body = b.subarray(at + 8, at + 8 + length);
    if ((crc32(b.subarray(at + 4, at + 8 + length)) >>> 0) !== b.readUInt32BE(at + 8 + length)) return `chunk ${JSON.stringify(type)} is damaged (checksum)`;
    if (!header && type !== 'IHDR') return 'the header chunk is not first';
    if (type === 'IHDR') {
      if (length !== 13) return 'a header chunk of the wrong size';
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colour: body[9]!, interlace: body[12]! };
      if (!(header.colour in CHANNELS) || ![1, 2, 4, 8, 16].includes(header.depth)) return 'an unknown pixel format';
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    at += 12 + length;
  }
  if (!header) return 'no header chunk';
  if (!ended) return 'cut short (no end chunk)';
  if (!data.length) return 'no pixel data';
  const row = 1 + Math.ceil((header.width * header.depth * CHANNELS[header.colour]!) / 8);
  // Non-interlaced: exactly a filter byte and the row, for every row. Interlaced passes add a little to that.
  const expected = header.height * row;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: expected * 2 + 1024 });
  } catch (err) {
    return `the pixel data does not decompress (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  if (header.interlace === 0 ? raw.length !== expected : raw.length < expected) return 'the pixel data is not the size the header says';
  return null;
}
