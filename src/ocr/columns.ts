// Reading order from the OCR's word boxes. Vietnamese administrative documents set the header (issuer | motto,
// number | place and date) and the closing block (Nơi nhận | signature) in two columns; an OCR that reads straight
// across writes each printed row of both columns as one line ("- Sở Nội vụ (b/c); PHÓ CHỦ TỊCH"). Where
// consecutive lines break at a wide gap in the same place, the left column is read first, then the right, as a
// reader would. A line with several wide gaps starts a table: from there on, each line's parts go to the columns
// they stand in (the header's column starts), joined with " | " — empty cells included, so that a cell's second
// line keeps its column — until a line runs across the columns.
import type { Box, OcrLine, OcrWord, PlacedLine } from '../model/document.js';
import { key } from '../parse/text.js';
import { median } from '../util/stats.js';

interface Segment {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A gap is wide when it is this many times the page's typical word gap … */
const GAP_FACTOR = 4;
/** … and at least this share of the text's width. */
const GAP_SHARE = 0.035;

/** A segment no taller than this share of its line's tallest word is a rule, not print. */
const FLAT_SHARE = 0.15;
/** A word of a few marks, smaller than this share of its line's tallest word and read with this little confidence, is
 *  a piece of a rule or a speck, not print … */
const SMALL_SHARE = 0.4;
const SPECK_CONFIDENCE = 30;
/** … unless it is a digit (a table's row number; an empty cell's dash is read with confidence). */
const FAINT_SPECK = /^[^\p{N}]{1,3}$/u;

function segmentsOf(line: OcrLine, minGap: number): Segment[] {
  const printed = line.words.filter((w) => w.text.trim());
  // The line's tallest word (a faint one, small by definition, never is).
  const tallest = Math.max(0, ...printed.map((w) => w.bbox.y1 - w.bbox.y0));
  const faint = (w: OcrWord) => w.confidence < SPECK_CONFIDENCE && FAINT_SPECK.test(w.text.trim()) && w.bbox.y1 - w.bbox.y0 < SMALL_SHARE * tallest;
  const words = printed.filter((w) => !faint(w));
  if (words.length === 0) return [{ text: line.text, ...line.bbox }];
  const out: Segment[] = [];
  let cur: Segment | undefined;
  for (const w of words) {
    if (cur && w.bbox.x0 - cur.x1 < minGap) {
      cur.text += ` ${w.text}`;
      cur.x1 = w.bbox.x1;
      cur.y0 = Math.min(cur.y0, w.bbox.y0);
      cur.y1 = Math.max(cur.y1, w.bbox.y1);
    } else {
      cur = { text: w.text, ...w.bbox };
      out.push(cur);
    }
  }
  // A speck standing alone between the columns (".", "“" where a stamp or an underline was) is no column, nor is
  // a rule read as dashes ("— —" under the issuer: as flat as a stroke, beside letters a line high).
  const kept = out.filter((g) => !SPECK.test(g.text) && g.y1 - g.y0 > FLAT_SHARE * tallest);
  return kept.length ? kept : out;
}

/** The State's and the Party's mottos, as the header's right column starts with them (on a key()). */
const MOTTO_START = /^(?:cong hoa xa hoi chu nghia|dang cong san viet nam)/;

/** A segment of one to three marks that are neither letters, digits, a dash (an empty table cell's "-") nor the star under a Party header. */
const SPECK = /^[^\p{L}\p{N}\-–—+*]{1,3}$/u;

/**
 * A line's segments as the cells of a table whose columns start at `grid`: each segment in the last column that
 * starts at or before it. Null when the line is no table line (it starts left of the table, or a segment runs
 * across the next column's start: a line of body text).
 */
function gridCells(s: Segment[], grid: number[], tolerance: number): string[] | null {
  const cells = grid.map(() => [] as string[]);
  for (const seg of s) {
    let c = -1;
    for (let k = 0; k < grid.length; k++) if (grid[k]! <= seg.x0 + tolerance) c = k;
    if (c < 0 || (c + 1 < grid.length && seg.x1 > grid[c + 1]! + tolerance)) return null;
    cells[c]!.push(seg.text);
  }
  return cells.map((c) => c.join(' '));
}

/** A narrow column gap is this many times the typical word gap … */
const NARROW_GAP_FACTOR = 2.5;
/** … and this many times the line's next widest (a justified line stretches all its gaps alike). */
const ALONE_FACTOR = 2;

/**
 * A row of a two-column block whose left part runs up to the right column ("ỦY BAN NHÂN DÂN TỈNH LONG" beside
 * "CỘNG HÒA …"): its gap between the columns is narrower than a wide gap, but it is the line's one wide gap and it
 * lies where a neighbouring row's two columns part. Such a line is split there (in place).
 */
function splitNarrowColumns(lines: OcrLine[], segs: Segment[][], wordGap: number): void {
  lines.forEach((line, i) => {
    if (segs[i]!.length !== 1) return;
    const words = line.words.filter((w) => w.text.trim());
    const gaps = words.slice(1).map((w, k) => w.bbox.x0 - words[k]!.bbox.x1);
    if (gaps.length < 2) return;
    const widest = Math.max(...gaps);
    const at = gaps.indexOf(widest);
    const next = Math.max(...gaps.filter((_, k) => k !== at));
    if (widest < NARROW_GAP_FACTOR * wordGap || widest < ALONE_FACTOR * next) return;
    const [from, to] = [words[at]!.bbox.x1, words[at + 1]!.bbox.x0];
    const parts = (t: Segment[] | undefined) => t?.length === 2 && t[0]!.x1 < to && t[1]!.x0 > from;
    if (parts(segs[i - 1]) || parts(segs[i + 1])) segs[i] = segmentsOf(line, widest);
  });
}

/** The page's lines in reading order, as text. */
export function readingOrder(lines: OcrLine[]): string[] {
  return placedReadingOrder(lines).map((l) => l.text);
}

const boxOf = (s: Segment): Box => ({ x0: s.x0, y0: s.y0, x1: s.x1, y1: s.y1 });

/** The page's lines in reading order, each with the box of the words it was made of. */
export function placedReadingOrder(lines: OcrLine[]): PlacedLine[] {
  const gaps = lines.flatMap((l) => l.words.slice(1).map((w, i) => w.bbox.x0 - l.words[i]!.bbox.x1));
  const width = Math.max(0, ...lines.map((l) => l.bbox.x1)) - Math.min(Infinity, ...lines.map((l) => l.bbox.x0));
  const wordGap = median(gaps.filter((g) => g > 0));
  const minGap = Math.max(GAP_FACTOR * wordGap, GAP_SHARE * width, 1);
  const segs = lines.map((l) => segmentsOf(l, minGap));
  splitNarrowColumns(lines, segs, wordGap);
  const isRow = (i: number) => (segs[i]?.length ?? 0) >= 3;
  const out: PlacedLine[] = [];
  // Inside a table: where its columns start (from its first row of three or more cells, the header).
  let grid: number[] | null = null;
  let i = 0;
  while (i < lines.length) {
    const s = segs[i]!;
    // A table starts at its first row of three or more cells; a header row ("TT | Nội dung | …") starts a new one
    // even right after another table, whose columns it need not share.
    if (s.length >= 3 && (!grid || /^s?tt\.?$/i.test(s[0]!.text.trim()))) grid = s.map((x) => x.x0);
    if (grid) {
      const cells = gridCells(s, grid, minGap);
      if (cells) {
        out.push({ text: cells.join(' | '), box: lines[i]!.bbox });
        i++;
        continue;
      }
      grid = null;
    }
    const cells = (): PlacedLine => ({
      text: s.length >= 3 || (s.length === 2 && (isRow(i - 1) || isRow(i + 1))) ? s.map((x) => x.text).join(' | ') : lines[i]!.text,
      box: lines[i]!.bbox,
    });
    if (s.length !== 2 || isRow(i - 1)) {
      out.push(cells());
      i++;
      continue;
    }
    // A run of two-column lines: the gap between the columns narrows to what every line leaves free.
    let gapFrom = s[0]!.x1;
    let gapTo = s[1]!.x0;
    const left = [s[0]!];
    const right = [s[1]!];
    let splits = 1;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const t = segs[j]!;
      // A motto starts a new header (an attached plan's, right under the closing block it follows on the page):
      // its two columns are read on their own, not as the rows of the block above.
      if (t.some((g) => MOTTO_START.test(key(g.text)))) break;
      if (t.length === 2 && t[0]!.x1 < gapTo && t[1]!.x0 > gapFrom) {
        left.push(t[0]!);
        right.push(t[1]!);
        gapFrom = Math.max(gapFrom, t[0]!.x1);
        gapTo = Math.min(gapTo, t[1]!.x0);
        splits++;
      } else if (t.length === 1 && t[0]!.x1 < gapTo) left.push(t[0]!);
      else if (t.length === 1 && t[0]!.x0 > gapFrom) right.push(t[0]!);
      else break;
    }
    if (splits >= 2 && !isRow(j)) {
      out.push(...[...left, ...right].map((g) => ({ text: g.text, box: boxOf(g) })));
      i = j;
    } else {
      out.push(cells());
      i++;
    }
  }
  return out;
}
