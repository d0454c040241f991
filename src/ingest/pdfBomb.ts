// A decompression bomb refused before pdf.js opens the file. A few megabytes of Flate data can inflate to
// gigabytes (fuzzing made a 1.5 MB PDF whose content stream is 1.5 GB of spaces: 81 s and 2.9 GB of memory to
// convert). pdf.js inflates a stream whole when it needs it, with no limit, so each Flate stream is inflated here
// first, with Node's zlib and a ceiling, and a file with a stream past it is refused with that reason.
import { constants, inflateSync } from 'node:zlib';
import { InputError } from '../util/errors.js';

/** Far beyond any real stream: a 600 dpi A3 page in colour, uncompressed, is 210 MB. */
export const MAX_STREAM_BYTES = 512 * 1024 * 1024;

export function checkPdfStreams(file: string, bytes: Uint8Array, limit = MAX_STREAM_BYTES): void {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (;;) {
    const start = b.indexOf('stream', at, 'latin1');
    if (start < 0) return;
    at = start + 6;
    // "endstream" ends a stream; a "stream" keyword is one that follows its dictionary's ">>".
    if (b.toString('latin1', Math.max(0, start - 3), start) === 'end') continue;
    const dictStart = b.lastIndexOf('<<', start, 'latin1');
    const dict = dictStart >= 0 && start - dictStart < 4096 ? b.toString('latin1', dictStart, start) : '';
    if (!/>>\s*$/.test(dict) || !dict.includes('/FlateDecode')) continue;
    let from = at;
    if (b[from] === 0x0d) from++;
    if (b[from] === 0x0a) from++;
    const end = b.indexOf('endstream', from, 'latin1');
    const data = b.subarray(from, end < 0 ? b.length : end);
    try {
      // Sync flush: a stream cut short or with bytes after its end is no bomb; only the size matters here.
      inflateSync(data, { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new InputError(file, `a stream in the PDF inflates to more than ${Math.round(limit / 2 ** 20)} MB (a decompression bomb?): refused`);
    }
    at = end < 0 ? b.length : end + 9;
  }
}
