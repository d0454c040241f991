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
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let b = 0; b < across; b++) {
      const end = row + Math.min(width, (b + 1) * RUN);
      let m = 255;
      for (let i = row + b * RUN; i < end; i++) if (gray[i]! < m) m = gray[i]!;
      min[y * across + b] = m;
    }
  }
  return { across, min };
}

/**
 * Calls `visit(from, to)` with the page indices of each run of rows y0 … y1 − 1 that holds a pixel darker than
 * `below`, in page order (adjacent runs joined into one call).
 */
export function forRunsUnder(runs: RunMinima, width: number, y0: number, y1: number, below: number, visit: (from: number, to: number) => void): void {
  const { across, min } = runs;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    let start = -1;
    for (let b = 0; b < across; b++) {
      if (min[y * across + b]! < below) {
        if (start < 0) start = b;
      } else if (start >= 0) {
        visit(row + start * RUN, row + b * RUN);
        start = -1;
      }
    }
    if (start >= 0) visit(row + start * RUN, row + width);
  }
}
