// What an input is, decided by its bytes, never by its name (a ".pdf" that is really HTML is an error, not a PDF).
export type InputFormat = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'bmp' | 'webp' | 'gif' | 'text';

const EXTENSION_FORMATS: Record<string, InputFormat> = {
  '.pdf': 'pdf',
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.tif': 'tiff',
  '.tiff': 'tiff',
  '.bmp': 'bmp',
  '.webp': 'webp',
  '.gif': 'gif',
  '.txt': 'text',
};

/** Extensions the directory walker picks up. */
export const INPUT_EXTENSIONS = Object.keys(EXTENSION_FORMATS).filter((e) => e !== '.gif');

export function formatFromExtension(ext: string): InputFormat | undefined {
  return EXTENSION_FORMATS[ext.toLowerCase()];
}

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

export function sniffFormat(bytes: Uint8Array): InputFormat | 'binary' {
  // %PDF- may follow a little junk (some scanners prepend bytes); the spec allows it within the first 1 KiB.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x42, 0x4d])) return 'bmp';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  return looksLikeText(bytes) ? 'text' : 'binary';
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  try {
    // A sample may cut a multi-byte character at its end: allow that one.
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? trimPartialUtf8(sample) : sample);
    return true;
  } catch {
    return false;
  }
}

function trimPartialUtf8(b: Uint8Array): Uint8Array {
  let end = b.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const c = b[end - i]!;
    if ((c & 0xc0) === 0xc0) return b.subarray(0, end - i);
    if ((c & 0x80) === 0) break;
  }
  return b;
}

export function describeFormat(f: InputFormat | 'binary'): string {
  return f === 'binary' ? 'binary data of an unknown format' : f === 'text' ? 'text' : f.toUpperCase();
}
