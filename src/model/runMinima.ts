// Most of a scanned page is paper. The passes over a page's pixels (the skew's search, the straightening, the search
// for table rules, the stamp's dropout) act on ink only, so each skips the stretches of a row whose darkest pixel
// is lighter than what it acts on: the darkest pixel of each run of RUN pixels along each row, found once for the
// page as scanned and once, as its pixels are made, for the page straightened. A pass that only lightens pixels
// leaves the minima a bound from below, still safe to skip by.

/** Pixels per run (a multiple of 4, so that a run is whole shrunk cells of the skew's search). */
export const RUN = 32;

export interface RunMinima {
  /** Runs per row (the last one may be short). */
  across: number;
  /** min[y * across + b]: the darkest value among row y's pixels b·RUN … (b + 1)·RUN − 1. */
  min: Uint8Array;
}

export function runMinima(gray: Uint8Array, width: number, height: number): RunMinima {
  const across = Math.ceil(width / RUN);
  const min = new Uint8Array(across * height);
  // Most runs are paper at 255: read four pixels at a time where the buffer lets a 32-bit view line up, and only a
  // run with a pixel under 255 is read pixel by pixel (a page's minima ~3× faster, the same values).
  const aligned = gray.byteOffset % 4 === 0;
  const words = aligned ? new Uint32Array(gray.buffer, gray.byteOffset, gray.length >> 2) : null;
  // A row at a time, by a function of the module: optimised whole, not compiled on the stack mid-page and thrown
  // out of it at the first statement the loop had not reached.
  for (let y = 0; y < height; y++) minimaRow(gray, words, width, across, y, min);
  return { across, min };
}

/** Row y's run minima into `min`. */
function minimaRow(gray: Uint8Array, words: Uint32Array | null, width: number, across: number, y: number, min: Uint8Array): void {
  const row = y * width;
  for (let b = 0; b < across; b++) {
    const start = row + b * RUN;
    const end = row + Math.min(width, (b + 1) * RUN);
    if (words && allWhite(gray, words, start, end)) {
      min[y * across + b] = 255;
      continue;
    }
    let m = 255;
    for (let i = start; i < end; i++) if (gray[i]! < m) m = gray[i]!;
    min[y * across + b] = m;
  }
}

/** Whether gray[start … end − 1] are all 255: the bytes up to a 4-byte boundary, whole words, and the bytes after. */
function allWhite(gray: Uint8Array, words: Uint32Array, start: number, end: number): boolean {
  const w0 = (start + 3) >> 2;
  const w1 = end >> 2;
  if (w1 <= w0) {
    for (let i = start; i < end; i++) if (gray[i] !== 255) return false;
    return true;
  }
  for (let i = start; i < w0 << 2; i++) if (gray[i] !== 255) return false;
  for (let k = w0; k < w1; k++) if (words[k] !== 0xffffffff) return false;
  for (let i = w1 << 2; i < end; i++) if (gray[i] !== 255) return false;
  return true;
}

/** A buffer for `runsUnder`'s stretches of one row of a page `across` runs wide (at most one stretch in two runs). */
export function stretchBuffer(runs: RunMinima): Int32Array {
  return new Int32Array(2 * (runs.across + 1));
}

/**
 * The stretches of row y that hold a pixel darker than `below`, as page indices from (inclusive) and to (exclusive)
 * in `out` (from at 2k, to at 2k + 1, adjacent runs joined into one), in page order; returns how many. (Written into
 * a buffer, not handed to a callback: a closure made for each row and page left its caller's optimised code at each
 * new one.)
 */
export function runsUnder(runs: RunMinima, width: number, y: number, below: number, out: Int32Array): number {
  const { across, min } = runs;
  const row = y * width;
  let n = 0;
  let start = -1;
  for (let b = 0; b < across; b++) {
    if (min[y * across + b]! < below) {
      if (start < 0) start = b;
    } else if (start >= 0) {
      out[2 * n] = row + start * RUN;
      out[2 * n + 1] = row + b * RUN;
      n++;
      start = -1;
    }
  }
  if (start >= 0) {
    out[2 * n] = row + start * RUN;
    out[2 * n + 1] = row + width;
    n++;
  }
  return n;
}
