// Stamps over the signature. A signed original carries a round stamp in red ink across the signer's title and
// name; a grey scan turns the red into a mid grey, which tesseract's binarisation keeps as ink, so the title and
// the name under it are lost (tesseract takes the block for a picture). Printed text is near black with a thin
// mid-grey rim; stamp ink is mid grey through and through. So a mid-grey pixel with no dark pixel near it is
// stamp (or paper noise) and is turned white, while every rim of a printed stroke stays.
import { type RunMinima, runMinima, runsUnder, stretchBuffer } from '../model/runMinima.js';

/** Ink darker than this is print (a red stamp in a grey scan sits at 75–130). */
const DARK = 72;
/** The same on a blurred scan, where noise and blur take the stamp down to 60–80 and print's core is near black. */
const BLURRED_DARK = 45;
/** Pixels lighter than this are paper already. */
export const PAPER = 200;
/**
 * Only where print is clearly darker than a stamp: on a sharp scan most ink pixels are near black (0.55–0.6),
 * on a faint or blurred one (0.3–0.4) print itself is mid grey and would be taken for stamp.
 */
const MIN_DARK_SHARE = 0.45;
/** A blurred scan's dark share (0.3–0.4); fainter than this, nothing is told apart. */
const MIN_BLURRED_SHARE = 0.2;
/** A block where the dropout whitened this share of the pixels lies in a stamp. */
const STAMP_BLOCK_SHARE = 0.03;
/** A seal's radius: 15–25 mm (Decree 30's seals are 30–50 mm across), a millimetre's margin each way. */
const SEAL_RADIUS_MM = [14, 26] as const;
/** A seal's outer ring is there along this share of its length at least (its letters and the signature cut it). */
const SEAL_RING_SHARE = 0.6;
/** A dark pixel with this many dark neighbours (of 8) is part of a stroke, not a speck of noise. */
const MIN_DARK_NEIGHBOURS = 3;
/** Ink pieces with fewer dark pixels than this (at 300 dpi on A4) inside a stamp are specks, no mark of print. */
const MIN_MARK_DARK = 15;
/** The same on a blurred scan, counting pixels under `BLURRED_DARK`: a diacritic there has few so dark. */
const BLURRED_MIN_MARK_DARK = 5;

/**
 * Whitens, in place, the mid-grey pixels that lie further than a radius from any dark pixel: on a sharp scan all of
 * them (3 px on an A4 page at 300 dpi, where a text stroke's rim is 1–2 px wide), on a blurred one only inside the
 * stamp. True when the page was sharp or blurred enough to tell stamp from print.
 */
export function dropStampInk(gray: Uint8Array, width: number, height: number, runs: RunMinima = runMinima(gray, width, height)): boolean {
  const { ink, dark } = inkCount(gray, width, height, runs);
  const share = ink ? dark / ink : 0;
  const sharp = share >= MIN_DARK_SHARE;
  if (!sharp && share < MIN_BLURRED_SHARE) return false;
  const scale = Math.min(width, height) / 2480;
  // Blocks of 32 px at 300 dpi on A4, to tell where a stamp lies.
  const blocks = new Blocks(width, height, Math.max(16, Math.round(32 * scale)));
  if (sharp) {
    const radius = Math.max(2, Math.round(3 * scale));
    const whitened = whitenFarGrey(gray, width, height, radius, blocks, runs);
    if (whitened) despeckleStamp(gray, width, height, blocks, blocks.near(whitened, STAMP_BLOCK_SHARE), radius, DARK, MIN_MARK_DARK);
    return true;
  }
  // Blurred: rims are wide and light, and noise darkens single stamp pixels, so only a stroke's body counts as
  // print, and only inside the stamp, found as the ring of grey far from any stroke (a seal is round). A faint
  // stamp shows at 72; one that blur and noise took down to 60–80 only at 45, where small print is as light.
  const radius = Math.max(2, Math.round(6 * scale));
  for (const dark of [DARK, BLURRED_DARK]) {
    const candidate = farGrey(gray, width, height, strokeBody(gray, width, height, dark), radius, dark);
    const seal = findSeal(candidate, width, height, scale);
    if (!seal) continue;
    const stamp = blocks.disc(seal.x, seal.y, seal.r * 1.08);
    for (let i = 0; i < gray.length; i++) if (candidate[i] && stamp[blocks.of(i)]) gray[i] = 255;
    despeckleStamp(gray, width, height, blocks, stamp, radius, dark, dark === DARK ? MIN_MARK_DARK : BLURRED_MIN_MARK_DARK);
    return true;
  }
  return false;
}

/** The page's ink (pixels darker than paper) and how much of it is dark (darker than DARK). Runs of a row with
 *  nothing darker than paper are passed over (most of a page). */
function inkCount(gray: Uint8Array, width: number, height: number, runs: RunMinima): { ink: number; dark: number } {
  const stretches = stretchBuffer(runs);
  const counts = new Float64Array(2);
  for (let y = 0; y < height; y++) countRow(gray, stretches, runsUnder(runs, width, y, PAPER, stretches), counts);
  return { ink: counts[0]!, dark: counts[1]! };
}

/** The pixels of a row's `n` stretches darker than paper and than DARK, added to counts[0] and counts[1]. */
function countRow(gray: Uint8Array, stretches: Int32Array, n: number, counts: Float64Array): void {
  let ink = 0;
  let dark = 0;
  for (let k = 0; k < n; k++)
    for (let i = stretches[2 * k]!; i < stretches[2 * k + 1]!; i++) {
      const v = gray[i]!;
      if (v < PAPER) ink++;
      if (v < DARK) dark++;
    }
  counts[0]! += ink;
  counts[1]! += dark;
}

/** findSeal's cell (in pixels) and the largest seal's radius (in cells) on a page of this scale. */
export function sealCells(scale: number): { cell: number; rMax: number } {
  const cell = Math.max(2, Math.round(4 * scale));
  return { cell, rMax: Math.round((SEAL_RADIUS_MM[1] * 300 * scale) / 25.4 / cell) };
}

/** The angles a cell votes at, round each circle it may lie on. */
const ANGLES = 48;

/** The votes of a grey cell at (x, y) for the centres of the circles through it, one accumulator a radius. */
function voteCell(acc: Uint16Array, x: number, y: number, cw: number, ch: number, radii: number[], cos: Float64Array, sin: Float64Array): void {
  for (let ri = 0; ri < radii.length; ri++) {
    const r = radii[ri]!;
    for (let a = 0; a < ANGLES; a++) {
      const cx = Math.round(x - r * cos[a]!);
      const cy = Math.round(y - r * sin[a]!);
      if (cx >= 0 && cx < cw && cy >= 0 && cy < ch) acc[(ri * ch + cy) * cw + cx]!++;
    }
  }
}

/** The first index of the most votes (−1 for none). */
function mostVotes(acc: Uint16Array): number {
  let best = -1;
  for (let k = 0; k < acc.length; k++) if (best < 0 || acc[k]! > acc[best]!) best = k;
  return best;
}

/**
 * The round seal among the grey pixels: a Hough transform for circles of a seal's size (30–50 mm across) on a
 * coarse grid, the best centre kept when its ring is there along most of its length.
 */
export function findSeal(mask: Uint8Array, width: number, height: number, scale: number): { x: number; y: number; r: number } | null {
  // Cells of 4 px at 300 dpi, on where a quarter of their pixels are grey.
  const { cell, rMax } = sealCells(scale);
  const grid = new Blocks(width, height, cell);
  const cw = grid.across;
  const ch = grid.down;
  const on = grid.density(mask).map((d) => (d >= 0.25 ? 1 : 0));
  const rMin = Math.round((SEAL_RADIUS_MM[0] * 300 * scale) / 25.4 / cell);
  const radii: number[] = [];
  for (let r = rMin; r <= rMax; r += 2) radii.push(r);
  const cos = Float64Array.from({ length: ANGLES }, (_, a) => Math.cos((2 * Math.PI * a) / ANGLES));
  const sin = Float64Array.from({ length: ANGLES }, (_, a) => Math.sin((2 * Math.PI * a) / ANGLES));
  const acc = new Uint16Array(cw * ch * radii.length);
  // A cell's votes by a function of the module, called per cell with grey: optimised whole. As one loop nest here,
  // the search was compiled on the stack mid-loop, and thrown out and compiled again five times a run.
  for (let y = 0; y < ch; y++)
    for (let x = 0; x < cw; x++) if (on[y * cw + x]) voteCell(acc, x, y, cw, ch, radii, cos, sin);
  const best = mostVotes(acc);
  if (best < 0 || acc[best] === 0) return null;
  const ri = Math.floor(best / (cw * ch));
  const cy = Math.floor((best % (cw * ch)) / cw);
  const cx = best % cw;
  const r = radii[ri]!;
  // The ring must be there: grey within a cell of the circle along most of it (text on a seal leaves gaps).
  const STEPS = 90;
  let hits = 0;
  for (let a = 0; a < STEPS; a++) {
    const px = cx + r * Math.cos((2 * Math.PI * a) / STEPS);
    const py = cy + r * Math.sin((2 * Math.PI * a) / STEPS);
    let hit = false;
    for (let d = -1; d <= 1 && !hit; d++) {
      const x = Math.round(px + d * Math.cos((2 * Math.PI * a) / STEPS));
      const y = Math.round(py + d * Math.sin((2 * Math.PI * a) / STEPS));
      hit = x >= 0 && x < cw && y >= 0 && y < ch && on[y * cw + x] === 1;
    }
    if (hit) hits++;
  }
  if (hits < SEAL_RING_SHARE * STEPS) return null;
  return { x: (cx + 0.5) * cell, y: (cy + 0.5) * cell, r: r * cell };
}

/**
 * Whitens the ink lighter than DARK (and not paper) that lies further than `radius` (a square) from every pixel
 * darker than DARK, as farGrey would find it with those pixels for seeds, and says what share of each block it whitened
 * (null when it whitened nothing). In one sweep down the page with a window of rows: each row's dark pixels
 * widened along the row as it enters the window, a count per column of the widened rows in the window, and a row's
 * grey whitened where its column counts none. No page-sized mask is made (they were most of this step's time).
 */
function whitenFarGrey(gray: Uint8Array, width: number, height: number, radius: number, blocks: Blocks, runs: RunMinima): Float32Array | null {
  const w: Window = {
    span: 2 * radius + 1,
    radius,
    // The widened rows of the window, a ring of span + 1 rows (the one leaving is read after the one entering is
    // made), each as its stretches of columns (from, to inclusive): a row of text is counted and uncounted over its
    // widened ink only, not across the page.
    stretches: new Int32Array((2 * radius + 2) * (width + 1) * 2),
    stretchCount: new Int32Array(2 * radius + 2),
    count: new Int32Array(width),
    runStretches: stretchBuffer(runs),
  };
  const blockOfX = Int32Array.from({ length: width }, (_, x) => (x / blocks.size) | 0);
  const whitened = new Float32Array(blocks.across * blocks.down);
  // A row at a time, each step a function of the module (optimised whole, with no closure made for each page).
  for (let y = 0; y < Math.min(radius, height); y++) widenRow(gray, width, y, runs, w);
  let any = false;
  for (let y = 0; y < height; y++) {
    if (y + radius < height) widenRow(gray, width, y + radius, runs, w);
    if (y - radius - 1 >= 0) uncountRow(w, (y - radius - 1) % (w.span + 1));
    const n = runsUnder(runs, width, y, PAPER, w.runStretches);
    if (whitenRow(gray, width, y, w, n, whitened, ((y / blocks.size) | 0) * blocks.across, blockOfX)) any = true;
  }
  if (!any) return null;
  const area = blocks.size * blocks.size;
  for (let k = 0; k < whitened.length; k++) whitened[k]! /= area;
  return whitened;
}

/** whitenFarGrey's window of rows: each row's dark pixels widened along it, and a count per column of them. */
interface Window {
  span: number;
  radius: number;
  stretches: Int32Array;
  stretchCount: Int32Array;
  count: Int32Array;
  /** runsUnder's buffer */
  runStretches: Int32Array;
}

/** Row y's dark pixels, widened by the radius along the row, counted into the window (in slot y of its ring). */
function widenRow(gray: Uint8Array, width: number, y: number, runs: RunMinima, w: Window): void {
  const { radius, stretches, count, runStretches } = w;
  const slot = y % (w.span + 1);
  const at = slot * (width + 1) * 2;
  let n = 0;
  const row = y * width;
  let filled = -1;
  const runCount = runsUnder(runs, width, y, DARK, runStretches);
  for (let r = 0; r < runCount; r++)
    for (let x = runStretches[2 * r]! - row; x < runStretches[2 * r + 1]! - row; x++) {
      if (gray[row + x]! >= DARK) continue;
      const start = Math.max(filled + 1, x - radius);
      const end = Math.min(width - 1, x + radius);
      if (start > end) continue;
      for (let k = start; k <= end; k++) count[k]!++;
      // A stretch that carries on the last one extends it.
      if (n > 0 && start === filled + 1) stretches[at + 2 * n - 1] = end;
      else {
        stretches[at + 2 * n] = start;
        stretches[at + 2 * n + 1] = end;
        n++;
      }
      filled = end;
    }
  w.stretchCount[slot] = n;
}

/** The widened row in slot `leaving` of the window's ring taken out of its counts. */
function uncountRow(w: Window, leaving: number): void {
  const { stretches, count } = w;
  const at = leaving * (count.length + 1) * 2;
  for (let m = 0; m < w.stretchCount[leaving]!; m++) for (let k = stretches[at + 2 * m]!; k <= stretches[at + 2 * m + 1]!; k++) count[k]!--;
}

/** Row y's grey whitened where its column counts no widened dark pixel (over its `n` stretches lighter than paper
 *  in w.runStretches), each pixel added to its block's tally; whether any was. */
function whitenRow(gray: Uint8Array, width: number, y: number, w: Window, n: number, whitened: Float32Array, blockRow: number, blockOfX: Int32Array): boolean {
  const { count, runStretches } = w;
  const row = y * width;
  let any = false;
  for (let r = 0; r < n; r++)
    for (let x = runStretches[2 * r]! - row; x < runStretches[2 * r + 1]! - row; x++) {
      const v = gray[row + x]!;
      if (v >= DARK && v < PAPER && count[x] === 0) {
        gray[row + x] = 255;
        whitened[blockRow + blockOfX[x]!]!++;
        any = true;
      }
    }
  return any;
}

/** Ink lighter than `dark` (and not paper) further than `radius` from every seed. */
function farGrey(gray: Uint8Array, width: number, height: number, seeds: Uint8Array, radius: number, dark: number): Uint8Array {
  const near = nearMask(seeds, width, height, radius);
  const out = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    const v = gray[i]!;
    if (v >= dark && v < PAPER && !near[i]) out[i] = 1;
  }
  return out;
}

/** The set pixels of the mask's row starting at `row` counted into the blocks of the row of blocks at `blocks`. */
function countRowInto(mask: Uint8Array, d: Float32Array, row: number, width: number, blocks: number, size: number): void {
  for (let x = 0; x < width; x++) if (mask[row + x]) d[blocks + ((x / size) | 0)]!++;
}

/** Square blocks of the page, `size` pixels a side. */
class Blocks {
  readonly across: number;
  readonly down: number;
  constructor(
    readonly width: number,
    readonly height: number,
    readonly size: number,
  ) {
    this.across = Math.ceil(width / this.size);
    this.down = Math.ceil(height / this.size);
  }
  of(i: number): number {
    // Integer division by truncation (i ≥ 0): called per pixel, Math.floor made it the page's slowest step.
    const y = (i / this.width) | 0;
    return ((y / this.size) | 0) * this.across + (((i - y * this.width) / this.size) | 0);
  }
  /** The share of each block's pixels that are set. */
  density(mask: Uint8Array): Float32Array {
    const d = new Float32Array(this.across * this.down);
    // A row at a time (a function optimised whole), its block's column worked out only for a pixel that is set:
    // a mask is mostly unset, and two divisions a pixel were most of the seal search's count.
    for (let y = 0; y < this.height; y++) countRowInto(mask, d, y * this.width, this.width, ((y / this.size) | 0) * this.across, this.size);
    return d.map((n) => n / (this.size * this.size));
  }
  /** Blocks that reach into the disc at (x, y) of radius r. */
  disc(x: number, y: number, r: number): Uint8Array {
    const out = new Uint8Array(this.across * this.down);
    for (let by = 0; by < this.down; by++)
      for (let bx = 0; bx < this.across; bx++) {
        const nx = Math.max(bx * this.size, Math.min(x, (bx + 1) * this.size));
        const ny = Math.max(by * this.size, Math.min(y, (by + 1) * this.size));
        if ((nx - x) ** 2 + (ny - y) ** 2 <= r * r) out[by * this.across + bx] = 1;
      }
    return out;
  }

  /** Blocks whose density reaches `share`, and their neighbours (where the ring's edge falls). */
  near(density: Float32Array, share: number): Uint8Array {
    const out = new Uint8Array(density.length);
    for (let by = 0; by < this.down; by++)
      for (let bx = 0; bx < this.across; bx++) {
        if (density[by * this.across + bx]! < share) continue;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const y = by + dy;
            const x = bx + dx;
            if (y >= 0 && y < this.down && x >= 0 && x < this.across) out[y * this.across + x] = 1;
          }
      }
    return out;
  }
}

/** Dark pixels with dark neighbours: the body of a printed or handwritten stroke, no speck of noise. */
function strokeBody(gray: Uint8Array, width: number, height: number, dark: number): Uint8Array {
  const body = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++)
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (gray[i]! >= dark) continue;
      let n = 0;
      for (let dy = -width; dy <= width; dy += width)
        for (let dx = -1; dx <= 1; dx++) if ((dy || dx) && gray[i + dy + dx]! < dark) n++;
      if (n >= MIN_DARK_NEIGHBOURS) body[i] = 1;
    }
  return body;
}

/**
 * Pixels within `radius` (a square) of a set pixel, by a separable box dilation: along the rows, then down the
 * columns, each a sliding count of the set pixels in the window (one pass over the page each way).
 */
function nearMask(seed: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const across = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    // Set pixels in [x - radius, x + radius]: the window's right end added as it comes in, its left end dropped.
    let n = 0;
    for (let x = 0; x < Math.min(radius, width); x++) n += seed[row + x]!;
    for (let x = 0; x < width; x++) {
      if (x + radius < width) n += seed[row + x + radius]!;
      if (x - radius - 1 >= 0) n -= seed[row + x - radius - 1]!;
      if (n) across[row + x] = 1;
    }
  }
  // Then down the columns, a row at a time (memory in order), the same window over the rows' marks.
  const near = new Uint8Array(width * height);
  const count = new Int32Array(width);
  for (let y = 0; y < Math.min(radius, height); y++) for (let x = 0; x < width; x++) count[x]! += across[y * width + x]!;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const enter = y + radius < height ? (y + radius) * width : -1;
    const leave = y - radius - 1 >= 0 ? (y - radius - 1) * width : -1;
    for (let x = 0; x < width; x++) {
      if (enter >= 0) count[x]! += across[enter + x]!;
      if (leave >= 0) count[x]! -= across[leave + x]!;
      if (count[x]) near[row + x] = 1;
    }
  }
  return near;
}

/**
 * Inside the stamp, scanner noise leaves single dark pixels, each of which kept its grey rim as print: tesseract
 * read those specks as letters ("_-Fương" for "Lương"). In the stamp's blocks, print is only what has a stroke's
 * body, and ink far from it goes. Elsewhere nothing changes: a thin italic stroke has few dark neighbours.
 */
function despeckleStamp(
  gray: Uint8Array,
  width: number,
  height: number,
  blocks: Blocks,
  stamp: Uint8Array,
  radius: number,
  darkest: number,
  minMarkDark: number,
): void {
  // The stamp's blocks' bounds, in pixels (most pages have none: paper noise alone whitens a few pixels).
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let k = 0; k < stamp.length; k++)
    if (stamp[k]) {
      const bx = k % blocks.across;
      const by = (k - bx) / blocks.across;
      [x0, x1, y0, y1] = [Math.min(x0, bx), Math.max(x1, bx), Math.min(y0, by), Math.max(y1, by)];
    }
  if (x1 < 0) return;
  [x0, x1, y0, y1] = [x0 * blocks.size, Math.min(width, (x1 + 1) * blocks.size), y0 * blocks.size, Math.min(height, (y1 + 1) * blocks.size)];
  // Strokes' bodies are found in a crop reaching radius + 1 past them, all that a pixel inside can be near: a
  // stamp is a few hundred pixels across, the page thousands.
  const [cx0, cy0] = [Math.max(0, x0 - radius - 1), Math.max(0, y0 - radius - 1)];
  const [cw, ch] = [Math.min(width, x1 + radius + 1) - cx0, Math.min(height, y1 + radius + 1) - cy0];
  const crop = new Uint8Array(cw * ch);
  for (let y = 0; y < ch; y++) crop.set(gray.subarray((cy0 + y) * width + cx0, (cy0 + y) * width + cx0 + cw), y * cw);
  // A crop edge that is no page edge lies past the radius: strokeBody leaving its edge pixels out changes nothing.
  const near = nearMask(strokeBody(crop, cw, ch, darkest), cw, ch, radius);
  const inStamp = (i: number) => stamp[blocks.of(i)] === 1;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = y * width + x;
      if (gray[i]! < PAPER && !near[(y - cy0) * cw + x - cx0] && inStamp(i)) gray[i] = 255;
    }
  // Specks of a few dark pixels together survive that: a speck has fewer dark pixels than any printed mark (5–9
  // at 300 dpi, where a diacritic or a period has 25 and more). A speck starts inside the stamp; it may reach out.
  const minDark = Math.max(3, Math.round((minMarkDark * Math.min(width, height) ** 2) / 2480 ** 2));
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const part: number[] = [];
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = y * width + x;
      if (seen[i] || gray[i]! >= PAPER || !inStamp(i)) continue;
      part.length = 0;
      let dark = 0;
      stack.push(i);
      seen[i] = 1;
      while (stack.length) {
        const j = stack.pop()!;
        part.push(j);
        if (gray[j]! < darkest) dark++;
        const jx = j % width;
        for (const k of [j - width, j + width, jx > 0 ? j - 1 : -1, jx < width - 1 ? j + 1 : -1, j - width - 1, j - width + 1, j + width - 1, j + width + 1])
          if (k >= 0 && k < gray.length && !seen[k] && gray[k]! < PAPER) {
            seen[k] = 1;
            stack.push(k);
          }
      }
      if (dark < minDark) for (const j of part) gray[j] = 255;
    }
}
