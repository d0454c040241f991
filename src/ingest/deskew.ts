// Skew. A sheet fed a degree off true makes every printed line climb across the page; tesseract copes inside one
// column, but across the gap of a two-column block (issuer | motto, Nơi nhận | signature) it joins words of
// different rows into one line. The angle is found as the one whose horizontal projection of the ink is the most
// peaked (Postl's projection-profile method, as leptonica's and OCRmyPDF's --deskew find it), on a page shrunk
// four times, and the page is turned back by it.

/** The angles tried, in degrees either way; archive scans are rarely more than 3° off. */
const MAX_ANGLE = 4;
const STEP = 0.05;
/** Below this the page is left as it is (not worth a resampling). */
const MIN_ANGLE = 0.15;
const SHRINK = 4;

/** The page's skew in degrees: positive when lines climb to the right (on screen, y growing downwards). */
export function skewAngle(gray: Uint8Array, width: number, height: number): number {
  const w = Math.floor(width / SHRINK);
  const h = Math.floor(height / SHRINK);
  const xs: number[] = [];
  const ys: number[] = [];
  // Dark pixels counted per cell a row of pixels at a time (memory in order).
  const dark = new Int32Array(w);
  for (let y = 0; y < h; y++) {
    dark.fill(0);
    for (let dy = 0; dy < SHRINK; dy++) {
      const row = (y * SHRINK + dy) * width;
      for (let x = 0; x < w * SHRINK; x++) if (gray[row + x]! < 128) dark[(x / SHRINK) | 0]!++;
    }
    for (let x = 0; x < w; x++)
      if (dark[x]! >= 3) {
        xs.push(x);
        ys.push(y);
      }
  }
  if (xs.length < 200) return 0;
  const pad = Math.ceil(w * Math.tan((MAX_ANGLE * Math.PI) / 180)) + 1;
  const bins = new Float64Array(h + 2 * pad);
  let best = 0;
  let bestScore = -1;
  for (let a = -MAX_ANGLE; a <= MAX_ANGLE + 1e-9; a += STEP) {
    const t = Math.tan((a * Math.PI) / 180);
    bins.fill(0);
    // Shifted by the pad, the bin is ≥ 0: a half added and truncated rounds it, as Math.round would, faster.
    for (let i = 0; i < xs.length; i++) bins[(ys[i]! + xs[i]! * t + pad + 0.5) | 0]! += 1;
    let score = 0;
    for (let i = 1; i < bins.length; i++) score += (bins[i]! - bins[i - 1]!) ** 2;
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return Math.round(best * 100) / 100;
}

/**
 * The page turned clockwise by `degrees` about its centre (a page whose lines climb is turned back level),
 * paper-white where the turn uncovers the edges. Each pixel is read back from where it came from, between its four
 * neighbours (bilinear, as a canvas draws a turned image).
 */
export function rotateGray(gray: Uint8Array, width: number, height: number, degrees: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cx = width / 2;
  const cy = height / 2;
  const at = (px: number, py: number) => (px < 0 || py < 0 || px >= width || py >= height ? 255 : gray[py * width + px]!);
  // Each column's share of the turn, worked out once for the page (the same products, so the same pixels).
  const dxCos = new Float64Array(width);
  const dxSin = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    dxCos[x] = (x + 0.5 - cx) * cos;
    dxSin[x] = (x + 0.5 - cx) * sin;
  }
  for (let y = 0; y < height; y++) {
    const dy = y + 0.5 - cy;
    const dySin = dy * sin;
    const dyCos = dy * cos;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      // The source point, in pixel-index coordinates (a pixel's centre is at index + 0.5).
      const sx = cx + dxCos[x]! + dySin - 0.5;
      const sy = cy - dxSin[x]! + dyCos - 0.5;
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
        const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
        const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
        v = top * (1 - fy) + bottom * fy;
      }
      // v ≥ 0: a half added and truncated rounds it (Math.round here cost the loop half its time).
      out[row + x] = (v + 0.5) | 0;
    }
  }
  return out;
}

/** The page straightened, and the angle it was off by (0 when it was straight enough). */
export function deskew(gray: Uint8Array, width: number, height: number): { gray: Uint8Array; angle: number } {
  const angle = skewAngle(gray, width, height);
  if (Math.abs(angle) < MIN_ANGLE) return { gray, angle: 0 };
  return { gray: rotateGray(gray, width, height, angle), angle };
}
