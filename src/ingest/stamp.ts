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

/**
 * Whitens, in place, the mid-grey pixels that lie further than `radius` from any dark pixel. The radius scales with
 * the image (3 px on an A4 page at 300 dpi, where a text stroke's rim is 1–2 px wide).
 */
export function dropStampInk(gray: Uint8Array, width: number, height: number): boolean {
  let ink = 0;
  let dark = 0;
  for (let i = 0; i < gray.length; i++) {
    const v = gray[i]!;
    if (v < PAPER) ink++;
    if (v < DARK) dark++;
  }
  if (ink === 0 || dark / ink < MIN_DARK_SHARE) return false;
  const radius = Math.max(2, Math.round((3 * Math.min(width, height)) / 2480));
  // Distance to dark ink by a separable box dilation: rows, then columns.
  const near = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let last = -1e9;
    for (let x = 0; x < width; x++) {
      if (gray[row + x]! < DARK) last = x;
      if (x - last <= radius) near[row + x] = 1;
    }
    last = 1e9;
    for (let x = width - 1; x >= 0; x--) {
      if (gray[row + x]! < DARK) last = x;
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
  for (let i = 0; i < gray.length; i++) {
    const v = gray[i]!;
    if (v >= DARK && v < PAPER && !near[i]) gray[i] = 255;
  }
  return true;
}
