// The signature block read a second time, on its own. Read with the whole page, the block's right column
// (authority, title, signature, name) is where the seal and the handwriting lie: tesseract takes it for a picture
// or runs the seal's letters into its lines, and on a bitonal scan, where the seal is as black as the print, the
// title and the name are lost ("T/M BAN THƯỜNG VỤ", then "q", "À"). Alone on an otherwise white band of the page,
// with the seal's rings (found as circles) erased where they cross the lines, the column reads again; the better
// reading of the two is kept. The title's and the name's rows, where still garbled, are read once more as strips of
// their own.
import type { Box, OcrLine, OcrWord } from '../model/document.js';
import { crop, keepOnly, pad, pixelBox, type Raster } from '../model/raster.js';
import { findSeal, PAPER, sealCells } from '../ingest/stamp.js';
import { boxAround, lineOfWords } from '../layout/page.js';
import { ARCHIVE_NOTE, readTitle } from '../parse/closing.js';
import { key } from '../parse/text.js';
import { FAMILY_NAMES } from '../parse/vocabulary.js';
import { personNames } from '../repair/personNames.js';
import { isVietnameseSyllable } from '../repair/vietnamese.js';
import type { PageOcr } from './engine.js';

/** "T/M", "TM.", "KT.", "K/T", "TL.", "TUQ.", "Q." as words of their own (an OCR may double T/M's T). */
const AUTHORITY_WORD = /^(?:T\/T?M|TM\.|KT\.|K\/T|TL\.|T\/L|TUQ\.|Q\.)$/;
/** The block reaches this share of the page below its first line (title, a signature's space, the name). */
const BLOCK_DEPTH = 0.25;
/** Ink darker than this is ink on any scan the page preparation left (bitonal, grey). */
const INK = 128;
/** A ring is ink along at least this share of its circle (the seal's letters and the signature cut it a little). */
const RING_SHARE = 0.8;
/** A line of the second reading whose words are all under this confidence is a piece of the seal, not print. */
const MIN_LINE_CONFIDENCE = 40;

/** A name's word that no reading spelling it so read with this much confidence is no evidence (voteName). */
const MIN_NAME_WORD_CONFIDENCE = 30;

type Recognize = (image: Raster) => Promise<PageOcr>;

/** A line's words up to its first wide gap (a line's height and more): after it come the right column's. */
function leftRun(line: OcrLine): OcrWord[] {
  const words = line.words.filter((w) => w.text.trim());
  const height = line.bbox.y1 - line.bbox.y0;
  let end = 1;
  while (end < words.length && words[end]!.bbox.x0 - words[end - 1]!.bbox.x1 < 1.5 * height) end++;
  return words.slice(0, end);
}

/**
 * The first item of a recipients' list whose "Nơi nhận:" the OCR lost (a seal's letters or the underline): the
 * dashed lines of the left column up to the archive copy's "- Lưu …" (Decree 30), two at least. Its row is the
 * signature column's top but a line.
 */
function headlessList(lines: OcrLine[], left: (l: OcrLine) => boolean): OcrLine | undefined {
  const dashed = (l: OcrLine) => left(l) && /^[-+•]\s*\S/u.test(l.text.trim());
  let last = lines.length - 1;
  while (last >= 0 && !(dashed(lines[last]!) && ARCHIVE_NOTE.test(lines[last]!.text.trim()))) last--;
  if (last < 1) return undefined;
  let first = last;
  while (first > 0 && dashed(lines[first - 1]!)) first--;
  if (first === last) return undefined;
  const item = lines[first]!;
  const h = item.bbox.y1 - item.bbox.y0;
  return { ...item, bbox: { ...item.bbox, y0: item.bbox.y0 - 1.5 * h, y1: item.bbox.y1 - 1.5 * h } };
}

/**
 * Where the signature's column is: from its authority ("T/M BAN THƯỜNG VỤ", the last such word right of the page's
 * middle) or, when the OCR lost that too, from "Nơi nhận:", whose row it shares (or where it stood, over its list);
 * from the right edge of the recipients' column to the page's edge, a quarter of the page deep. Null on a page with
 * no closing block.
 */
export function signatureRegion(lines: OcrLine[], width: number, height: number): Box | null {
  let top: Box | null = null;
  for (const line of lines)
    for (const w of line.words) if (AUTHORITY_WORD.test(w.text) && w.bbox.x0 > 0.4 * width) top = w.bbox;
  if (!top) {
    const left = (l: OcrLine) => l.bbox.x0 < 0.3 * width;
    const recipients = lines.filter((l) => key(l.text).startsWith('noi nhan') && left(l)).at(-1) ?? headlessList(lines, left);
    if (!recipients) return null;
    top = { ...recipients.bbox, x0: width / 2, x1: width / 2 };
  }
  const lineHeight = top.y1 - top.y0;
  const y0 = Math.max(0, top.y0 - lineHeight / 2);
  const y1 = Math.min(height, top.y0 + BLOCK_DEPTH * height);
  // The recipients' column ends where the longest of its lines in the block's rows ends.
  let left = 0;
  for (const line of lines) {
    if (line.bbox.y1 < y0 || line.bbox.y0 > y1) continue;
    const run = leftRun(line);
    if (!run.length) continue;
    const end = run.at(-1)!.bbox.x1;
    if (run[0]!.bbox.x0 < 0.4 * width && end < top.x0 - lineHeight) left = Math.max(left, end);
  }
  const x0 = left ? left + lineHeight / 2 : Math.max(0, top.x0 - 0.12 * width);
  return { x0, y0, x1: width, y1 };
}

/** The share of the circle of radius d round (cx, cy) that is ink. */
function inkAround(image: Raster, cx: number, cy: number, d: number, steps: number): number {
  let ink = 0;
  let seen = 0;
  for (let a = 0; a < steps; a++) {
    const x = Math.round(cx + d * Math.cos((2 * Math.PI * a) / steps));
    const y = Math.round(cy + d * Math.sin((2 * Math.PI * a) / steps));
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue;
    seen++;
    if (image.data[y * image.width + x]! < INK) ink++;
  }
  return seen ? ink / seen : 0;
}

/**
 * The seal's centre to the pixel: the circle finder works on cells of a few pixels, and a ring erased about a
 * centre a pixel or two off leaves a crescent of it. About the true centre the ring's stroke is ink all round
 * over its whole width; about a centre e off, over its width less 2e. So the centre is where most radii near the
 * seal's are ink all round (nearly: the letters and the signature cross it).
 */
function refineCentre(image: Raster, seal: { x: number; y: number; r: number }, reach: number): { x: number; y: number } {
  let best = { x: seal.x, y: seal.y, score: -1 };
  for (let dy = -reach; dy <= reach; dy++)
    for (let dx = -reach; dx <= reach; dx++) {
      let score = 0;
      for (let d = Math.round(0.85 * seal.r); d <= 1.15 * seal.r; d++) {
        const share = inkAround(image, seal.x + dx, seal.y + dy, d, 180);
        if (share >= 0.9) score += 1 + share;
      }
      if (score > best.score) best = { x: seal.x + dx, y: seal.y + dy, score };
    }
  return { x: best.x, y: best.y };
}

/** A seal's rings: radii (from its centre) along which the ink runs round nearly the whole circle. */
function sealRings(image: Raster, cx: number, cy: number, r: number): { from: number; to: number }[] {
  const rings: { from: number; to: number }[] = [];
  for (let d = Math.round(0.25 * r); d <= Math.round(1.15 * r); d++) {
    if (inkAround(image, cx, cy, d, 720) < RING_SHARE) continue;
    const last = rings.at(-1);
    if (last && last.to === d - 1) last.to = d;
    else rings.push({ from: d, to: d });
  }
  // A ring is a stroke: a band of ink as wide as a tenth of the seal is no ring but a blot.
  return rings.filter((g) => g.to - g.from <= 0.1 * r);
}

/**
 * Erases, in place, a seal's rings in the region (with a margin of their stroke's edge; not where a printed stroke
 * goes through them) and, where it has an inner ring (a seal's emblem or star inside it), all within that: what is
 * left of the seal is its lettering, which the reading then mostly drops as low-confidence specks. Nothing is
 * erased when no seal is found.
 */
export function eraseSeal(image: Raster, region: Box): boolean {
  const { width, height, data } = image;
  const scale = Math.min(width, height) / 2480;
  // The seal is looked for in the region and as far round it as a seal's centre can lie from its ink, cut out on
  // the finder's grid of cells: the same cells, votes and circle as on the whole page, without its passes over
  // the page's paper.
  const { cell, rMax } = sealCells(scale);
  const around = (rMax + 2) * cell;
  const ox = Math.max(0, Math.floor((region.x0 - around) / cell) * cell);
  const oy = Math.max(0, Math.floor((region.y0 - around) / cell) * cell);
  const mw = Math.min(width, Math.ceil(region.x1 + around)) - ox;
  const mh = Math.min(height, Math.ceil(region.y1 + around)) - oy;
  const mask = new Uint8Array(mw * mh);
  for (let y = Math.floor(region.y0); y < region.y1; y++)
    for (let x = Math.floor(region.x0); x < region.x1; x++) if (data[y * width + x]! < INK) mask[(y - oy) * mw + x - ox] = 1;
  const inCut = findSeal(mask, mw, mh, scale);
  if (!inCut) return false;
  const found = { ...inCut, x: inCut.x + ox, y: inCut.y + oy };
  const seal = { ...found, ...refineCentre(image, found, Math.max(3, Math.round(6 * scale))) };
  const rings = sealRings(image, seal.x, seal.y, seal.r);
  // The seal's own outer ring must be among them, or the circle was found in the print.
  const outer = rings.at(-1);
  if (!outer || Math.abs((outer.from + outer.to) / 2 - seal.r) > 0.15 * seal.r) return false;
  const margin = Math.max(2, Math.round(3 * scale));
  const inner = rings[0]!.to < 0.5 * seal.r ? rings[0]! : null;
  const reach = outer.to + margin;
  // The pixels as they were, round the seal only: every point looked at below lies within `reach` and a few
  // pixels more of its centre (a copy of the page would be a fresh page of memory to fault in).
  const bx0 = Math.max(0, Math.floor(seal.x - reach) - 8);
  const by0 = Math.max(0, Math.floor(seal.y - reach) - 8);
  const bx1 = Math.min(width, Math.ceil(seal.x + reach) + 9);
  const by1 = Math.min(height, Math.ceil(seal.y + reach) + 9);
  const before = crop(image, bx0, by0, bx1, by1).data;
  const inkAt = (x: number, y: number) => {
    const [xi, yi] = [Math.round(x), Math.round(y)];
    return xi >= bx0 && yi >= by0 && xi < bx1 && yi < by1 && before[(yi - by0) * (bx1 - bx0) + xi - bx0]! < INK;
  };
  // A printed stroke across a ring goes on past it on both sides, where the ring alone has paper: there the
  // ring's pixels are the letter's and stay ("BÍ THƯ" with the ring through its middle, erased whole, is two
  // halves of letters no OCR reads).
  const crossing = (x: number, y: number, d: number, g: { from: number; to: number }) => {
    const [ux, uy] = [(x - seal.x) / d, (y - seal.y) / d];
    const near = (dist: number) => [1, 2].some((k) => inkAt(seal.x + ux * (dist - k), seal.y + uy * (dist - k)) || inkAt(seal.x + ux * (dist + k), seal.y + uy * (dist + k)));
    return near(g.from - margin - 2) && near(g.to + margin + 2);
  };
  for (let y = Math.max(0, Math.floor(seal.y - reach)); y <= Math.min(height - 1, seal.y + reach); y++)
    for (let x = Math.max(0, Math.floor(seal.x - reach)); x <= Math.min(width - 1, seal.x + reach); x++) {
      const d = Math.hypot(x - seal.x, y - seal.y);
      if (inner && d < inner.from) data[y * width + x] = 255;
      else {
        const g = rings.find((r) => d >= r.from - margin && d <= r.to + margin);
        if (g && !crossing(x, y, d, g)) data[y * width + x] = 255;
      }
    }
  return true;
}

/**
 * What a reading of a row is worth: its letters, each weighted by its word's confidence; words read with less
 * confidence than this are a seal's or a signature's strokes taken for letters, and worth nothing.
 */
const WORTH_FROM = 50;
/**
 * A word as print has it: letters in one case, or capitalised, with a closing mark at most ("AzA^x" is a scrawl),
 * that spell a Vietnamese syllable (a name's "Xuâu" for "Xuân", read with more confidence, is no better a reading).
 */
const WORDLIKE = /^(?:\p{Lu}+|\p{Lu}?\p{Ll}+)[.,;:]?$/u;
const isPrint = (text: string) => WORDLIKE.test(text) && isVietnameseSyllable(text.replace(/[.,;:]$/, '').toLowerCase());
const worth = (line: OcrLine) =>
  line.words.reduce((n, w) => {
    const text = w.text.normalize('NFC');
    return n + (w.confidence < WORTH_FROM || !isPrint(text) ? 0 : ((text.match(/\p{L}/gu)?.length ?? 0) * w.confidence) / 100);
  }, 0);
/** The second reading of a row is taken when it is worth this much more (a letter read well). */
const BETTER_BY = 1;

const centreIn = (b: Box, r: Box) => (b.x0 + b.x1) / 2 >= r.x0 && (b.x0 + b.x1) / 2 < r.x1 && (b.y0 + b.y1) / 2 >= r.y0 && (b.y0 + b.y1) / 2 < r.y1;

/** A line's printed words whose centres lie in the region. */
const wordsIn = (line: OcrLine, region: Box) => line.words.filter((w) => w.text.trim() && centreIn(w.bbox, region));
/** A word (or a line's box) moved by (dx, dy): from a strip's coordinates to the page's, or back. */
const shifted = <T extends { bbox: Box }>(w: T, dx: number, dy: number): T => ({ ...w, bbox: { x0: w.bbox.x0 + dx, y0: w.bbox.y0 + dy, x1: w.bbox.x1 + dx, y1: w.bbox.y1 + dy } });
/** A reading's words, blanks dropped, moved by (dx, dy). */
const wordsRead = (ocr: PageOcr, dx = 0, dy = 0) => ocr.lines.flatMap((l) => l.words.filter((w) => w.text.trim()).map((w) => shifted(w, dx, dy)));

/**
 * The page's lines with the region's words replaced by `again`'s: a new line that shares its row with a line of the
 * recipients' column joins it (the column reader splits them again), others go in where they stand on the page.
 */
export function spliceRegion(lines: OcrLine[], again: OcrLine[], region: Box): OcrLine[] {
  const out: OcrLine[] = [];
  for (const line of lines) {
    const rest = line.words.filter((w) => !centreIn(w.bbox, region));
    if (rest.length === line.words.length) out.push(line);
    else if (rest.length) out.push(lineOfWords(rest, line.confidence));
  }
  for (const line of again) {
    const words = wordsIn(line, region);
    if (!words.some((w) => w.confidence >= MIN_LINE_CONFIDENCE)) continue;
    const add = lineOfWords(words, line.confidence);
    const mid = (add.bbox.y0 + add.bbox.y1) / 2;
    const row = out.findIndex((l) => l.bbox.y0 < mid && l.bbox.y1 > mid && l.bbox.x1 < region.x0 + (region.x1 - region.x0) / 4);
    if (row >= 0) {
      out[row] = lineOfWords([...out[row]!.words, ...add.words], out[row]!.confidence);
      continue;
    }
    let at = out.length;
    while (at > 0 && (out[at - 1]!.bbox.y0 + out[at - 1]!.bbox.y1) / 2 > mid) at--;
    out.splice(at, 0, add);
  }
  return out;
}

/**
 * Row by row, the better of two readings of the region: its lines are grouped into the rows they share, and each
 * row is taken from the second reading only where it reads clearly more of it (a seal's erased ring gives a title
 * back, while the whole page read another row as well or better).
 */
export function betterRows(first: OcrLine[], second: OcrLine[], region: Box): OcrLine[] {
  const inRegion = (lines: OcrLine[], from: number) =>
    lines.flatMap((l) => {
      const words = wordsIn(l, region);
      return words.length ? [{ line: lineOfWords(words, l.confidence), from }] : [];
    });
  const all = [...inRegion(first, 0), ...inRegion(second, 1)].sort((a, b) => a.line.bbox.y0 - b.line.bbox.y0);
  const rows: (typeof all)[] = [];
  let bottom = -Infinity;
  for (const e of all) {
    const mid = (e.line.bbox.y0 + e.line.bbox.y1) / 2;
    if (rows.length && mid < bottom) {
      rows.at(-1)!.push(e);
      bottom = Math.max(bottom, e.line.bbox.y1);
    } else {
      rows.push([e]);
      bottom = e.line.bbox.y1;
    }
  }
  return rows.flatMap((row) => {
    const value = [0, 1].map((k) => row.filter((e) => e.from === k).reduce((n, e) => n + worth(e.line), 0));
    // A printed line the first reading broke in pieces side by side ("T/M BA" | "N THƯỜNG VỤ", a seal's edge
    // between) and the second read whole is the second's where it reads as much.
    const pieces = row.filter((e) => e.from === 0).map((e) => e.line.bbox).sort((a, b) => a.x0 - b.x0);
    const again = row.filter((e) => e.from === 1).length;
    const sideBySide = pieces.length > 1 && pieces.every((b, k) => k === 0 || b.x0 >= pieces[k - 1]!.x1 - 2);
    const whole = sideBySide && again > 0 && again < pieces.length && value[1]! >= value[0]!;
    const pick = value[1]! > value[0]! + BETTER_BY || whole ? 1 : 0;
    return row.filter((e) => e.from === pick).map((e) => e.line);
  });
}

/** How far under the authority (in its line's heights) a title's row may start. */
const TITLE_REACH = 3;
/** How deep under its top a title's strip is cut (in the authority's heights): a line and its dots under, or the
 *  letters alone. */
const TITLE_DEPTHS = [1.15, 1];
/** The white margin round a title's or a name's strip (in its row's heights). */
const STRIP_MARGIN = 0.4;

/** The first row of pixels in [y0, y1) with ink across a hundredth of [x0, x1), or null. */
function firstInkRow(image: Raster, x0: number, x1: number, y0: number, y1: number): number | null {
  const [xa, xb] = [Math.max(0, Math.round(x0)), Math.min(image.width, Math.round(x1))];
  const need = Math.max(2, (xb - xa) / 100);
  for (let y = Math.max(0, Math.round(y0)); y < Math.min(image.height, y1); y++) {
    let ink = 0;
    for (let x = xa; x < xb; x++) if (image.data[y * image.width + x]! < INK) ink++;
    if (ink >= need) return y;
  }
  return null;
}

/**
 * The title's row under the authority, read alone, where neither reading of the block has it: on a bitonal scan a
 * seal's letters, as black as the print and round the title, make tesseract's layout analysis of the block drop the
 * row, while the row on its own reads ("PHÓ BỊ THƯ"). Null when the row is read already or reads as no title.
 */
export async function rereadTitleRow(alone: Raster, rows: OcrLine[], region: Box, recognize: Recognize): Promise<OcrLine | null> {
  const marks = (w: OcrWord) => AUTHORITY_WORD.test(w.text) && w.bbox.x0 >= region.x0;
  const authority = rows.filter((l) => l.words.some(marks)).at(-1);
  if (!authority) return null;
  const b = boxAround(authority.words.slice(authority.words.findIndex(marks)).map((w) => w.bbox));
  const h = b.y1 - b.y0;
  const below = rows.filter((l) => l !== authority && (l.bbox.y0 + l.bbox.y1) / 2 > b.y1 && (l.bbox.y0 + l.bbox.y1) / 2 < b.y1 + 1.5 * h);
  if (below.some((l) => readTitle(l.words.filter((w) => centreIn(w.bbox, region)).map((w) => w.text).join(' ')))) return null;
  // The row is as tall as the authority's, the first ink under it, and a title is centred under the authority.
  // Cut out as an image of its own: kept on a page of white, the same row reads worse.
  const [x0, x1] = [Math.max(region.x0, b.x0 - 2 * h), Math.min(region.x1, b.x1 + 2 * h)];
  const top = firstInkRow(alone, x0, x1, b.y1 + 0.05 * h, b.y1 + TITLE_REACH * h) ?? b.y1;
  // The strip as cut, then in a white margin, then also cut at the letters' foot: a seal's letters just under
  // the title, cut off by the strip's edge, make tesseract drop the row ("BÍ THƯ" reads in a margin, above them).
  const margin = Math.round(STRIP_MARGIN * h);
  const strips = TITLE_DEPTHS.flatMap((depth, k) => {
    const cut = pixelBox(alone, x0, top - 0.15 * h, x1, top + depth * h);
    const strip = crop(alone, cut.x0, cut.y0, cut.x1, cut.y1);
    const padded = { image: pad(strip, margin), dx: cut.x0 - margin, dy: cut.y0 - margin };
    return k === 0 ? [{ image: strip, dx: cut.x0, dy: cut.y0 }, padded] : [padded];
  });
  for (const { image, dx, dy } of strips) {
    const read = wordsRead(await recognize(image), dx, dy);
    if (read.some((w) => w.confidence >= MIN_LINE_CONFIDENCE) && readTitle(read.map((w) => w.text).join(' ')))
      return lineOfWords(read, Math.max(...read.map((w) => w.confidence)));
  }
  return null;
}

/**
 * The stroke cores (and how far round them a rim reaches) tried for a name's strip: a sharp scan's print is near
 * black through, a blurred one's only at its core with a wider rim.
 */
const NAME_CORES = [
  [72, 1],
  [45, 1],
  [60, 2],
  [45, 2],
] as const;

/**
 * The print of a grey strip without the stamp's grey: a pixel lighter than `core` is kept only within `reach` of one
 * darker (a stroke's anti-aliased rim); the rest turns white. A red stamp in a grey scan is mid grey through, so
 * where its letters or rings touch the name the page's dropout kept them (they lie near print) and tesseract reads
 * them as ink ("Kim" as "KD"); printed strokes have a near-black core that this keeps with its rim.
 */
export function printOnly(strip: Raster, core: number, reach: number): Raster {
  const { width, height, data } = strip;
  const out = new Uint8Array(data.length).fill(255);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x]!;
      if (v < core) {
        out[y * width + x] = v;
        continue;
      }
      if (v >= PAPER) continue;
      search: for (let dy = -reach; dy <= reach; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -reach; dx <= reach; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width && data[yy * width + xx]! < core) {
            out[y * width + x] = v;
            break search;
          }
        }
      }
    }
  return { width, height, data: out };
}

const sameImage = (a: Raster, b: Raster) => a.width === b.width && a.height === b.height && a.data.every((v, i) => v === b.data[i]);

/** A word of a name as printed: capitalised, a Vietnamese syllable (a signature's stroke before it dropped: "'Thị"). */
function nameWord(text: string): string | null {
  const t = text.normalize('NFC').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return /^\p{Lu}\p{Ll}*$/u.test(t) && isVietnameseSyllable(t.toLowerCase()) ? t : null;
}

/**
 * A row that may be a garbled name: 2–6 words (a stroke splits one), half of them capitalised, some letter small
 * (no title).
 */
function nameLike(words: OcrWord[]): boolean {
  const caps = words.filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w.text)).length;
  return words.length >= 2 && words.length <= 6 && caps >= 2 && 2 * caps >= words.length && words.some((w) => /\p{Ll}/u.test(w.text));
}

/**
 * A name from several readings of its strip, word by word: words read at the same place (each centre within a
 * box read there) are one word of the name, spelt as the readings that spell a name's word say it, the
 * surest spelling by their confidence, where the first reading (the block's own) did not spell it already. A place
 * that at least half the readings saw and none spelt is a name's word lost: no name. A place fewer saw is a
 * stroke's speck.
 */
export function voteName(readings: OcrWord[][]): OcrWord[] | null {
  type Seen = { word: OcrWord; reading: number };
  const places: Seen[][] = [];
  // Words that spell a name's word place first, the widest first: a piece of a word (a stroke cut "Lan" into
  // "Ì" and "an") then falls in the whole word's place, not one of its own.
  const width = (w: OcrWord) => w.bbox.x1 - w.bbox.x0;
  const all = readings.flatMap((r, k) => r.map((word) => ({ word, reading: k, spelt: nameWord(word.text) !== null })));
  all.sort((p, q) => Number(q.spelt) - Number(p.spelt) || width(q.word) - width(p.word));
  for (const seen of all) {
    const mid = (seen.word.bbox.x0 + seen.word.bbox.x1) / 2;
    const place = places.find((p) => p.some((q) => mid >= q.word.bbox.x0 && mid <= q.word.bbox.x1));
    if (place) place.push(seen);
    else places.push([seen]);
  }
  const name: OcrWord[] = [];
  // Places that half the readings saw and none spelt: their capitalised readings, surest first, for the person
  // names to mend ("Fhị", the T's bar cut by a stroke, is "Thị").
  const unspelt = new Map<number, OcrWord[]>();
  places.sort((p, q) => p[0]!.word.bbox.x0 - q[0]!.word.bbox.x0);
  for (const [k, place] of places.entries()) {
    // A name starts with a family name: where some reading spells one there, only those count ("Võ" over "Xã").
    const family = k === 0 && place.some((p) => FAMILY_NAMES.has(nameWord(p.word.text)?.toLowerCase() ?? ''));
    const spells = (text: string) => {
      const t = nameWord(text);
      return t !== null && (!family || FAMILY_NAMES.has(t.toLowerCase())) ? t : null;
    };
    // The first reading's word where it spells a name's word: the others, read off the same strip with its grey
    // thinned, lean the same way together ("Phúc" read "Phức" three times), and are asked only where it failed.
    const own = place.find((p) => p.reading === 0 && spells(p.word.text) === p.word.text.normalize('NFC'));
    // How surely some reading saw the word: the best confidence of those that spell it so. A word no reading saw
    // clearly ("Xô" at confidence 0, where a seal's letters cross "Ngô") gives no name: half a name guessed is
    // worse than none, which the plan's warning then asks to check.
    const seen = (text: string) => Math.max(...place.filter((p) => p.word.text.normalize('NFC') === text).map((p) => p.word.confidence));
    if (own) {
      if (seen(own.word.text.normalize('NFC')) < MIN_NAME_WORD_CONFIDENCE) return null;
      name.push(own.word);
      continue;
    }
    // A vote weighs its confidence by its width: a word read whole outweighs a piece of it read as a letter.
    const votes = new Map<string, { weight: number; boxes: Box[]; confidence: number }>();
    for (const { word } of place) {
      const t = spells(word.text);
      if (!t) continue;
      const v = votes.get(t) ?? { weight: 0, boxes: [], confidence: 0 };
      v.weight += word.confidence * (word.bbox.x1 - word.bbox.x0);
      v.boxes.push(word.bbox);
      v.confidence = Math.max(v.confidence, word.confidence);
      votes.set(t, v);
    }
    const best = [...votes].sort((p, q) => q[1].weight - p[1].weight)[0];
    if (best && best[1].confidence < MIN_NAME_WORD_CONFIDENCE) return null;
    // Its box is round every reading of it: a stroke across a letter can cut one reading's box short.
    if (best) name.push({ text: best[0], confidence: best[1].confidence, bbox: boxAround(best[1].boxes) });
    else if (new Set(place.map((p) => p.reading)).size * 2 >= readings.length) {
      const shaped = place.map((p) => p.word).filter((w) => /^\p{Lu}\p{Ll}+$/u.test(w.text.normalize('NFC')));
      if (!shaped.length) return null;
      unspelt.set(name.length, shaped.sort((a, b) => b.confidence - a.confidence));
      name.push(shaped[0]!);
    }
  }
  if (name.length < 2 || name.length > 5) return null;
  for (const [k, tries] of unspelt) {
    const mended = tries
      .map((w) => personNames().mend(name.map((n, j) => (j === k ? w.text : n.text).normalize('NFC')))[k]!)
      .find((t, j) => t !== tries[j]!.text.normalize('NFC') && nameWord(t) === t);
    if (!mended) return null;
    name[k] = { ...name[k]!, text: mended };
  }
  return name;
}

/**
 * The name's row, read again alone where the block's readings garbled it (under the seal's letters and the
 * signature's strokes): its strip as it is and with only the print's grey kept, at each stroke core, and the name
 * voted word by word from those readings and the block's own. The name is the block's last row that may be one.
 * Null where that row reads as a name already, or the readings give none.
 */
export async function rereadNameRow(alone: Raster, rows: OcrLine[], region: Box, recognize: Recognize): Promise<{ row: OcrLine; name: OcrLine } | null> {
  const row = rows.filter((l) => nameLike(wordsIn(l, region)) && !l.words.some((w) => AUTHORITY_WORD.test(w.text)) && !readTitle(l.text)).at(-1);
  if (!row) return null;
  const words = wordsIn(row, region);
  if (words.every((w) => nameWord(w.text) === w.text.normalize('NFC'))) return null;
  // The row's height from its words' (a stroke read into one word makes its box tall).
  const h = words.map((w) => w.bbox.y1 - w.bbox.y0).sort((p, q) => p - q)[words.length >> 1]!;
  const cut = pixelBox(alone, region.x0, row.bbox.y0 - 0.4 * h, region.x1, row.bbox.y1 + 0.4 * h);
  const strip = crop(alone, cut.x0, cut.y0, cut.x1, cut.y1);
  const readings = [words.map((w) => shifted(w, -cut.x0, -cut.y0))];
  // A bitonal strip has no grey to drop: each setting gives the strip again, read once.
  const images = [strip, ...NAME_CORES.map(([core, reach]) => printOnly(strip, core, reach))];
  for (const [k, image] of images.entries())
    if (!images.slice(0, k).some((other) => sameImage(other, image)))
      readings.push(wordsRead(await recognize(image)));
  // The strip in a white margin too: a seal's letters cut off by its edge make tesseract drop words.
  const margin = Math.round(STRIP_MARGIN * h);
  readings.push(wordsRead(await recognize(pad(strip, margin)), -margin, -margin));
  const name = voteName(readings);
  if (!name) return null;
  const moved = name.map((w) => shifted(w, cut.x0, cut.y0));
  return { row, name: lineOfWords(moved, Math.min(...moved.map((w) => w.confidence))) };
}

/** The paper kept above and below the block, in page widths. */
const BAND_MARGIN = 0.05;

/**
 * The region read on its own: the band of the page across it, the rest of the page white. Read on the whole page,
 * tesseract spends most of the reading on the paper (thresholding and layout analysis of ~9 Mpx, for a block of a
 * twelfth of them); in the band, a third of the page, the block reads as well (on the dev scans, the same facts and
 * a point more of one bitonal scan's text). A tighter cut, the block alone in a margin, reads worse: titles and
 * recipients lost on bitonal and poor scans, where tesseract's layout of the block needs the page's width.
 */
async function readBlock(alone: Raster, region: Box, recognize: Recognize): Promise<OcrLine[]> {
  const margin = BAND_MARGIN * alone.width;
  const band = pixelBox(alone, 0, region.y0 - margin, alone.width, region.y1 + margin);
  const read = await recognize(crop(alone, band.x0, band.y0, band.x1, band.y1));
  return read.lines.map((l) => ({ ...shifted(l, 0, band.y0), words: l.words.map((w) => shifted(w, 0, band.y0)) }));
}

/**
 * The page's lines, with its signature block read again on its own, row by row where that reads more, and its
 * title's and name's rows alone where neither reading has them right.
 */
export async function rereadSignatureBlock(image: Raster, lines: OcrLine[], recognize: Recognize): Promise<OcrLine[]> {
  const region = signatureRegion(lines, image.width, image.height);
  if (!region) return lines;
  const alone = keepOnly(image, region.x0, region.y0, region.x1, region.y1);
  eraseSeal(alone, region);
  const again = await readBlock(alone, region, recognize);
  const rows = betterRows(lines, again, region);
  const title = await rereadTitleRow(alone, rows, region, recognize);
  const name = await rereadNameRow(alone, rows, region, recognize);
  const block = name ? rows.map((r) => (r === name.row ? name.name : r)) : rows;
  return spliceRegion(lines, title ? [...block, title] : block, region);
}
