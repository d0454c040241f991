// Stamps over the signature. A signed original carries a round stamp in red ink across the signer's title and
// name; a grey scan turns the red into a mid grey, which tesseract's binarisation keeps as ink, so the title and
// the name under it are lost (tesseract takes the block for a picture). Printed text is near black with a thin
// mid-grey rim; stamp ink is mid grey through and through. So a mid-grey pixel with no dark pixel near it is
// stamp (or paper noise) and is turned white, while every rim of a printed stroke stays.

/** Ink darker than this is print (a red stamp in a grey scan sits at 75–130). */
const DARK = 72;
/** Pixels lighter than this are paper already. */
const PAPER = 200;
/**
 * Only where print is clearly darker than a stamp: on a sharp scan most ink pixels are near black (0.55–0.6),
 * on a faint or blurred one (0.3–0.4) print itself is mid grey and would be taken for stamp.
 */
const MIN_DARK_SHARE = 0.45;
/** A blurred scan's dark share (0.3–0.4); fainter than this, nothing is told apart. */
const MIN_BLURRED_SHARE = 0.2;
/** A block where the dropout whitened this share of the pixels lies in a stamp. */
const STAMP_BLOCK_SHARE = 0.03;
/**
 * On a blurred scan, a block of the stamp: this share of its pixels are grey ink far from any stroke (20–60 % in a
 * stamp's ring and letters; under 10 % in a block of blurred print, where only rims are that far).
 */
const BLURRED_STAMP_BLOCK_SHARE = 0.2;
/** A dark pixel with this many dark neighbours (of 8) is part of a stroke, not a speck of noise. */
const MIN_DARK_NEIGHBOURS = 3;
/** Ink pieces with fewer dark pixels than this (at 300 dpi on A4) inside a stamp are specks, no mark of print. */
const MIN_MARK_DARK = 15;

/**
 * Whitens, in place, the mid-grey pixels that lie further than `radius` from any dark pixel. The radius scales with
 * the image (3 px on an A4 page at 300 dpi, where a text stroke's rim is 1–2 px wide). On a blurred scan, where a
 * stroke's rim is wide and light, only where such pixels crowd (the stamp's ring and letters), so no rim of print
 * is taken.
 */
export function dropStampInk(gray: Uint8Array, width: number, height: number): boolean {
  let ink = 0;
  let dark = 0;
  for (let i = 0; i < gray.length; i++) {
    const v = gray[i]!;
    if (v < PAPER) ink++;
    if (v < DARK) dark++;
  }
  const share = ink ? dark / ink : 0;
  const sharp = share >= MIN_DARK_SHARE;
  if (!sharp && share < MIN_BLURRED_SHARE) return false;
  const scale = Math.min(width, height) / 2480;
  const radius = Math.max(2, Math.round((sharp ? 3 : 6) * scale));
  // On a sharp scan any dark pixel is print; on a blurred one noise darkens single stamp pixels, so only a
  // stroke's body counts.
  const seeds = sharp ? gray.map((v) => (v < DARK ? 1 : 0)) : strokeBody(gray, width, height);
  const near = nearMask(seeds, width, height, radius);
  const candidate = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    const v = gray[i]!;
    if (v >= DARK && v < PAPER && !near[i]) candidate[i] = 1;
  }
  const blocks = new Blocks(width, height, scale);
  const stamp = blocks.near(blocks.density(candidate), sharp ? STAMP_BLOCK_SHARE : BLURRED_STAMP_BLOCK_SHARE);
  let any = false;
  for (let i = 0; i < gray.length; i++)
    if (candidate[i] && (sharp || stamp[blocks.of(i)])) {
      gray[i] = 255;
      any = true;
    }
  if (any) despeckleStamp(gray, width, height, blocks, stamp, radius);
  return true;
}

/** Square blocks of the page (32 px at 300 dpi on A4), to tell where a stamp lies. */
export class Blocks {
  readonly size: number;
  readonly across: number;
  readonly down: number;
  constructor(
    readonly width: number,
    readonly height: number,
    scale: number,
  ) {
    this.size = Math.max(16, Math.round(32 * scale));
    this.across = Math.ceil(width / this.size);
    this.down = Math.ceil(height / this.size);
  }
  of(i: number): number {
    return Math.floor(Math.floor(i / this.width) / this.size) * this.across + Math.floor((i % this.width) / this.size);
  }
  /** The share of each block's pixels that are set. */
  density(mask: Uint8Array): Float32Array {
    const d = new Float32Array(this.across * this.down);
    for (let i = 0; i < mask.length; i++) if (mask[i]) d[this.of(i)]!++;
    return d.map((n) => n / (this.size * this.size));
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
export function strokeBody(gray: Uint8Array, width: number, height: number): Uint8Array {
  const body = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++)
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (gray[i]! >= DARK) continue;
      let n = 0;
      for (let dy = -width; dy <= width; dy += width)
        for (let dx = -1; dx <= 1; dx++) if ((dy || dx) && gray[i + dy + dx]! < DARK) n++;
      if (n >= MIN_DARK_NEIGHBOURS) body[i] = 1;
    }
  return body;
}

/** Pixels within `radius` (a square) of a set pixel, by a separable box dilation: rows, then columns. */
export function nearMask(seed: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const near = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let last = -1e9;
    for (let x = 0; x < width; x++) {
      if (seed[row + x]) last = x;
      if (x - last <= radius) near[row + x] = 1;
    }
    last = 1e9;
    for (let x = width - 1; x >= 0; x--) {
      if (seed[row + x]) last = x;
      if (last - x <= radius) near[row + x] = 1;
    }
  }
  const col = new Uint8Array(height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) col[y] = near[y * width + x]!;
    let last = -1e9;
    for (let y = 0; y < height; y++) {
      if (col[y]) last = y;
      const down = y - last <= radius;
      if (down) near[y * width + x] = 1;
    }
    last = 1e9;
    for (let y = height - 1; y >= 0; y--) {
      if (col[y]) last = y;
      if (last - y <= radius) near[y * width + x] = 1;
    }
  }
  return near;
}

/**
 * Inside the stamp, scanner noise leaves single dark pixels, each of which kept its grey rim as print: tesseract
 * read those specks as letters ("_-Fương" for "Lương"). In the stamp's blocks, print is only what has a stroke's
 * body, and ink far from it goes. Elsewhere nothing changes: a thin italic stroke has few dark neighbours.
 */
function despeckleStamp(gray: Uint8Array, width: number, height: number, blocks: Blocks, stamp: Uint8Array, radius: number): void {
  const body = strokeBody(gray, width, height);
  const near = nearMask(body, width, height, radius);
  const inStamp = (i: number) => stamp[blocks.of(i)] === 1;
  for (let i = 0; i < gray.length; i++) if (gray[i]! < PAPER && !near[i] && inStamp(i)) gray[i] = 255;
  // Specks of a few dark pixels together survive that: a speck has fewer dark pixels than any printed mark (5–9
  // at 300 dpi, where a diacritic or a period has 25 and more).
  const minDark = Math.max(3, Math.round((MIN_MARK_DARK * Math.min(width, height) ** 2) / 2480 ** 2));
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const part: number[] = [];
  for (let i = 0; i < gray.length; i++) {
    if (seen[i] || gray[i]! >= PAPER || !inStamp(i)) continue;
    part.length = 0;
    let dark = 0;
    stack.push(i);
    seen[i] = 1;
    while (stack.length) {
      const j = stack.pop()!;
      part.push(j);
      if (gray[j]! < DARK) dark++;
      const x = j % width;
      for (const k of [j - width, j + width, x > 0 ? j - 1 : -1, x < width - 1 ? j + 1 : -1, j - width - 1, j - width + 1, j + width - 1, j + width + 1])
        if (k >= 0 && k < gray.length && !seen[k] && gray[k]! < PAPER) {
          seen[k] = 1;
          stack.push(k);
        }
    }
    if (dark < minDark) for (const j of part) gray[j] = 255;
  }
}
