// Skew. A sheet fed a degree off true makes every printed line climb across the page; tesseract copes inside one
// column, but across the gap of a two-column block (issuer | motto, Nơi nhận | signature) it joins words of
// different rows into one line. The angle is found as the one whose horizontal projection of the ink is the most
// peaked (Postl's projection-profile method, as leptonica's and OCRmyPDF's --deskew find it), on a page shrunk
// four times, and the page is turned back by it.
import { RUN, type RunMinima, runMinima } from '../model/runMinima.js';

/** The angles tried, in degrees either way; archive scans are rarely more than 3° off. */
const MAX_ANGLE = 4;
const STEP = 0.05;
/** The sweep's step (in fine steps), and how far either side of its best the fine search goes. */
const COARSE = 5;
const HILL = 9;
/** Below this the page is left as it is (not worth a resampling). */
const MIN_ANGLE = 0.15;
/** The page is shrunk 2^SHRINK_BITS times for the search (a cell's column is then x >> SHRINK_BITS). */
const SHRINK_BITS = 2;
const SHRINK = 1 << SHRINK_BITS;

/** The page's skew in degrees: positive when lines climb to the right (on screen, y growing downwards). */
export function skewAngle(gray: Uint8Array, width: number, height: number, runs: RunMinima = runMinima(gray, width, height)): number {
  const w = Math.floor(width / SHRINK);
  const h = Math.floor(height / SHRINK);
  // The cells with ink, as columns of whole numbers the score's loop reads ~50 times (typed, not arrays of numbers:
  // the search a third faster), found a row of cells at a time (a function called per row is optimised whole).
  const cells = pageCells;
  cells.n = 0;
  // Dark pixels counted per cell (memory in order).
  const dark = new Int32Array(w);
  for (let y = 0; y < h; y++) inkRow(gray, width, runs, w, y, dark, cells);
  const { xs, ys, n } = cells;
  if (n < 200) return 0;
  const pad = Math.ceil(w * Math.tan((MAX_ANGLE * Math.PI) / 180)) + 1;
  const ink: InkCells = { xs, ys, n, pad, bins: new Float64Array(h + 2 * pad) };
  // The profile's peak is about as wide as a line's height over the page's width (most of a degree): a sweep at
  // every COARSE-th angle finds its hill, and only the hill's angles are tried at the fine step (leptonica's sweep,
  // then search), a third of the work. The angles are the fine grid's as a running sum makes them.
  const grid: number[] = [];
  for (let a = -MAX_ANGLE; a <= MAX_ANGLE + 1e-9; a += STEP) grid.push(a);
  const scores = new Float64Array(grid.length).fill(-1);
  const hill = bestAngle(ink, grid, scores, 0, grid.length - 1, COARSE);
  const at = bestAngle(ink, grid, scores, Math.max(0, hill - HILL), Math.min(grid.length - 1, hill + HILL), 1);
  return Math.round(grid[at]! * 100) / 100;
}

/** Cells found so far, in columns that grow by doubling. */
class CellList {
  xs = new Int32Array(1 << 14);
  ys = new Int32Array(1 << 14);
  n = 0;
  push(x: number, y: number): void {
    if (this.n === this.xs.length) this.grow();
    this.xs[this.n] = x;
    this.ys[this.n] = y;
    this.n++;
  }
  private grow(): void {
    // (Not a destructuring swap: inlined into inkRow, its iterators threw the row's optimised code away.)
    this.xs = doubled(this.xs);
    this.ys = doubled(this.ys);
  }
}

/** The page's cells, kept from page to page (a text page has ~50 thousand): grown on the first pages only, where a
 *  list of its own grew two or three times on every page. */
const pageCells = new CellList();

/** Row y of the shrunk page: the dark pixels of its SHRINK rows of pixels counted per cell into `dark`, and the
 *  cells with ink (3 dark pixels or more) added to `cells`. */
function inkRow(gray: Uint8Array, width: number, runs: RunMinima, w: number, y: number, dark: Int32Array, cells: CellList): void {
  dark.fill(0);
  for (let dy = 0; dy < SHRINK; dy++) {
    const row = (y * SHRINK + dy) * width;
    const runRow = (y * SHRINK + dy) * runs.across;
    for (let from = 0; from < w * SHRINK; from += RUN) {
      if (runs.min[runRow + from / RUN]! >= 128) continue;
      const to = Math.min(w * SHRINK, from + RUN);
      for (let x = from; x < to; x++) if (gray[row + x]! < 128) dark[x >> SHRINK_BITS]!++;
    }
  }
  for (let x = 0; x < w; x++) if (dark[x]! >= 3) cells.push(x, y);
}

/** The ink cells of a page shrunk for the skew's search, and the bins of their projection. */
interface InkCells {
  xs: Int32Array;
  ys: Int32Array;
  n: number;
  /** bins either side of the page's rows, for the cells a turn moves above or below it */
  pad: number;
  bins: Float64Array;
}

/**
 * The grid's index from `from` to `to` (every `step`-th) whose angle's projection is the most peaked, each angle's
 * score kept in `scores` (−1: not yet scored). Functions of the module, not closures made for each page: a closure
 * made anew starts with no type feedback, and its optimised code was thrown away at each page (~50 times on a
 * 14-page scan).
 */
function bestAngle(cells: InkCells, grid: number[], scores: Float64Array, from: number, to: number, step: number): number {
  let at = -1;
  let bestScore = -1;
  for (let k = from; k <= to; k += step) {
    if (scores[k]! < 0) scores[k] = profileScore(cells, grid[k]!);
    if (scores[k]! > bestScore) [bestScore, at] = [scores[k]!, k];
  }
  return at;
}

/** How peaked the cells' projection along the angle is: the sum of squared differences of neighbouring bins. */
function profileScore({ xs, ys, n, pad, bins }: InkCells, degrees: number): number {
  const t = Math.tan((degrees * Math.PI) / 180);
  project(xs, ys, n, t, pad, bins);
  return roughness(bins);
}

/**
 * The cells counted into bins by their row shifted `t` rows per column. (The score's two loops are functions of
 * their own, each nothing but its loop: compiled on the stack in its first loop, the score was thrown out of its
 * optimised code at the second ~160 times a scan, for want of type feedback there.)
 */
function project(xs: Int32Array, ys: Int32Array, n: number, t: number, pad: number, bins: Float64Array): void {
  bins.fill(0);
  // Shifted by the pad, the bin is ≥ 0: a half added and truncated rounds it, as Math.round would, faster.
  for (let i = 0; i < n; i++) bins[(ys[i]! + xs[i]! * t + pad + 0.5) | 0]! += 1;
}

/** The sum of squared differences of neighbouring bins. */
function roughness(bins: Float64Array): number {
  let sum = 0;
  for (let i = 1; i < bins.length; i++) sum += (bins[i]! - bins[i - 1]!) ** 2;
  return sum;
}

/** The array in one twice as long. */
function doubled(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}

/**
 * The page turned clockwise by `degrees` about its centre (a page whose lines climb is turned back level),
 * paper-white where the turn uncovers the edges. Each pixel is read back from where it came from, between its four
 * neighbours (bilinear, as a canvas draws a turned image).
 */
export function rotateGray(gray: Uint8Array, width: number, height: number, degrees: number, runs: RunMinima = runMinima(gray, width, height)): Uint8Array {
  const out = new Uint8Array(width * height);
  turnInto(gray, out, width, height, degrees, runs);
  return out;
}

/**
 * The pixels a page is turned from, copied into a buffer kept for the process (grown to the largest page yet).
 * The page is then turned back into its own buffer: a fresh page-sized buffer a page would be faulted in and
 * zeroed by the kernel first (~20 ms an A4 page at 300 dpi on this project's 2-core VM, where the copy takes
 * ~1.5 ms).
 */
let scratch = new Uint8Array(0);
function copyOfPage(gray: Uint8Array): Uint8Array {
  // An eighth to spare: a scan's pages differ in size by a few rows and columns, and each growth is faulted in anew.
  if (scratch.length < gray.length) scratch = new Uint8Array(gray.length + (gray.length >> 3));
  const copy = scratch.subarray(0, gray.length);
  copy.set(gray);
  return copy;
}

/** `gray` turned as rotateGray turns it, written into `out` (all of it), with the run minima of `out` (found as
 *  its pixels are made). */
function turnInto(gray: Uint8Array, out: Uint8Array, width: number, height: number, degrees: number, runs: RunMinima): RunMinima {
  // Paper-white to begin with: the runs that read only white are then left as they are.
  out.fill(255);
  const outMin = new Uint8Array(runs.min.length).fill(255);
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cx = width / 2;
  const cy = height / 2;
  // Each column's part of its pixels' source points, the centre and the column's share of the turn, worked out
  // once for the page (the same products and sums in the same order, so the same pixels).
  const colX = new Float64Array(width);
  const colY = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    colX[x] = cx + (x + 0.5 - cx) * cos;
    colY[x] = cy - (x + 0.5 - cx) * sin;
  }
  // A row at a time, each by a function of the module: V8 optimises a function called per row whole, with type
  // feedback from all of it. A page-long loop was compiled on the stack mid-loop (OSR) and thrown away at each
  // statement it had not yet reached, five to seven times a scan, while the page ran unoptimised.
  for (let y = 0; y < height; y++) {
    const dy = y + 0.5 - cy;
    turnRow(gray, out, outMin, width, height, runs, colX, colY, y, dy * sin, dy * cos);
  }
  return { across: runs.across, min: outMin };
}

/** Row y of the turned page (see turnInto), whose source points are shifted by (dySin, dyCos) from its columns'. */
function turnRow(gray: Uint8Array, out: Uint8Array, outMin: Uint8Array, width: number, height: number, runs: RunMinima, colX: Float64Array, colY: Float64Array, y: number, dySin: number, dyCos: number): void {
  // Most of a clean scan is paper at 255, and four neighbours at 255 blend to 255 whatever the weights: a run of
  // output pixels that reads only white runs of the source stays white, without the arithmetic (the page's
  // straightening ~3× faster, every pixel the same).
  const row = y * width;
  const minRow = y * runs.across;
  for (let from = 0; from < width; from += RUN) {
    const to = Math.min(width, from + RUN);
    // The source points of the run's first and last pixels bound all of its (the turn is linear along a row).
    const sx0 = colX[from]! + dySin - 0.5;
    const sx1 = colX[to - 1]! + dySin - 0.5;
    const sy0 = colY[from]! + dyCos - 0.5;
    const sy1 = colY[to - 1]! + dyCos - 0.5;
    if (readsWhite(runs, width, height, sx0, sx1, sy0, sy1)) continue;
    let darkest = 255;
    for (let x = from; x < to; x++) {
      // The source point, in pixel-index coordinates (a pixel's centre is at index + 0.5).
      const sx = colX[x]! + dySin - 0.5;
      const sy = colY[x]! + dyCos - 0.5;
      let v: number;
      // Inside the page (all but a rim at the edges) the four neighbours are read directly, with integer
      // truncation for the floor: this loop is the page's whole straightening, twice as fast so.
      if (sx >= 0 && sy >= 0 && sx < width - 1 && sy < height - 1) {
        const x0 = sx | 0;
        const y0 = sy | 0;
        const fx = sx - x0;
        const fy = sy - y0;
        const i = y0 * width + x0;
        const top = gray[i]! * (1 - fx) + gray[i + 1]! * fx;
        const bottom = gray[i + width]! * (1 - fx) + gray[i + width + 1]! * fx;
        v = top * (1 - fy) + bottom * fy;
      } else {
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const fx = sx - x0;
        const fy = sy - y0;
        const top = pixelAt(gray, width, height, x0, y0) * (1 - fx) + pixelAt(gray, width, height, x0 + 1, y0) * fx;
        const bottom = pixelAt(gray, width, height, x0, y0 + 1) * (1 - fx) + pixelAt(gray, width, height, x0 + 1, y0 + 1) * fx;
        v = top * (1 - fy) + bottom * fy;
      }
      // v ≥ 0: a half added and truncated rounds it (Math.round here cost the loop half its time).
      const value = (v + 0.5) | 0;
      out[row + x] = value;
      if (value < darkest) darkest = value;
    }
    outMin[minRow + from / RUN] = darkest;
  }
}

/** The pixel at (px, py), paper-white beyond the page's edge. */
function pixelAt(gray: Uint8Array, width: number, height: number, px: number, py: number): number {
  return px < 0 || py < 0 || px >= width || py >= height ? 255 : gray[py * width + px]!;
}

/**
 * Whether the source pixels between the points (sx0, sy0) and (sx1, sy1), and their neighbours to the right and
 * below, are all white (the page's edge, which a turn uncovers, counts as not).
 */
function readsWhite({ across, min }: RunMinima, width: number, height: number, sx0: number, sx1: number, sy0: number, sy1: number): boolean {
  const x0 = Math.floor(Math.min(sx0, sx1));
  const x1 = Math.floor(Math.max(sx0, sx1)) + 1;
  const y0 = Math.floor(Math.min(sy0, sy1));
  const y1 = Math.floor(Math.max(sy0, sy1)) + 1;
  if (x0 < 0 || y0 < 0 || x1 >= width || y1 >= height) return false;
  const b0 = (x0 / RUN) | 0;
  const b1 = (x1 / RUN) | 0;
  for (let r = y0; r <= y1; r++) for (let b = b0; b <= b1; b++) if (min[r * across + b] !== 255) return false;
  return true;
}

/** The page straightened (in its own buffer), the angle it was off by (0 when it was straight enough), and its run
 *  minima. */
export function deskew(gray: Uint8Array, width: number, height: number): { gray: Uint8Array; angle: number; runs: RunMinima } {
  const runs = runMinima(gray, width, height);
  const angle = skewAngle(gray, width, height, runs);
  if (Math.abs(angle) < MIN_ANGLE) return { gray, angle: 0, runs };
  // Turned in place, from a copy: the page's buffer is its own (the preparation's later steps write into it too).
  return { gray, angle, runs: turnInto(copyOfPage(gray), gray, width, height, angle, runs) };
}
