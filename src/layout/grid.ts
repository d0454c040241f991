// Bordered tables from ruling lines, and the words of a page put into their cells. A table is a set of horizontal
// rules joined by vertical ones; its rows lie between the rules that run (nearly) across it, and each row's cells
// between the vertical rules that cross that row — so a header cell spanning two columns ("Thời gian" over
// "Bắt đầu | Hoàn thành") is one cell of its row. Words go to the cell their centre lies in, whatever order the
// OCR or the PDF's text layer gave them in: that is what keeps columns apart.
import type { Box, PlacedLine } from '../model/document.js';
import { joinLines } from '../parse/text.js';
import type { Rule } from './ruling.js';

export interface TableGrid {
  box: Box;
  /** y of each row rule, top to bottom: row i lies between rows[i] and rows[i + 1] */
  rows: number[];
  /** per row, x of the cell boundaries, left to right (table edges included) */
  cols: number[][];
  /** only the table's top and bottom rules were found: its rows are to be found from its words */
  rowsFromText?: boolean;
  /** where its first column is a row-number column ("TT", "STT"), that column's right edge */
  numbers?: number;
  /** the rules that draw it (to be erased before the OCR; a line of small serif print can look like a rule) */
  rules?: Rule[];
}

export interface PlacedWord {
  text: string;
  box: Box;
}

/** Rules closer than this (px) are one (a doubled or thick rule). */
const TOLERANCE = 8;
/** A table is at least this share of the page wide. */
const MIN_TABLE_WIDTH = 0.3;
/** … and its borders at least this share of the page high (two rows of text). */
const MIN_TABLE_HEIGHT = 0.04;

const mid = (a: number, b: number) => (a + b) / 2;

/**
 * A table's first column narrower than this share of the page is a row-number column ("TT", "STT": 4–7 % of an A4
 * page): a number or two per row, centred in the row's height.
 */
const NUMBER_COLUMN = 0.08;

/** Whether the x lies in the table's row-number column. */
const inNumbers = (t: TableGrid, x: number) => t.numbers !== undefined && x < t.numbers;

/** Values closer than `tol` are one (a doubled or thick rule). */
function dedupe(xs: number[], tol: number): number[] {
  const out: number[] = [];
  for (const x of [...xs].sort((a, b) => a - b)) if (!out.length || x - out[out.length - 1]! > tol) out.push(x);
  return out;
}

/**
 * The bordered tables among the rules: three or more vertical rules standing side by side over the same height
 * (two or more columns). Rows lie between the horizontal rules that run (nearly) across the table; where a scan
 * lost them (a bitonal master drops thin light rules) only the table's top and bottom are known, and its rows are
 * found from the words (`rowsFromText`).
 */
export function findTables(rules: Rule[], pageWidth: number, pageHeight: number, tolerance = TOLERANCE): TableGrid[] {
  const hs = rules.filter((r) => r.dir === 'h');
  const vs = rules.filter((r) => r.dir === 'v').sort((a, b) => b.y1 - b.y0 - (a.y1 - a.y0));
  const overlap = (a: Rule, b: Rule) => Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  // Vertical rules grouped with the longest one they share most of their height with.
  const groups: Rule[][] = [];
  for (const v of vs) {
    const g = groups.find((grp) => overlap(grp[0]!, v) >= 0.5 * (v.y1 - v.y0));
    if (g) g.push(v);
    else groups.push([v]);
  }
  const tables: TableGrid[] = [];
  for (const all of groups) {
    // Its borders are taller than two rows of text; shorter uprights beside them are letters.
    const verticals = all.filter((v) => v.y1 - v.y0 >= MIN_TABLE_HEIGHT * pageHeight);
    const xs = dedupe(verticals.map((v) => mid(v.x0, v.x1)), tolerance);
    // A table is wide; a few upright strokes side by side (a handwritten signature) are not one.
    if (xs.length < 3 || xs[xs.length - 1]! - xs[0]! < MIN_TABLE_WIDTH * pageWidth) continue;
    const outer = verticals[0]!;
    const box: Box = { x0: xs[0]!, x1: xs[xs.length - 1]!, y0: outer.y0, y1: outer.y1 };
    const width = box.x1 - box.x0;
    // Row rules run across (nearly) the whole table; shorter ones part a header cell in two levels.
    const across = hs.filter(
      (h) => h.x1 - h.x0 >= 0.6 * width && h.x0 <= box.x0 + 0.2 * width && h.x1 >= box.x1 - 0.2 * width && mid(h.y0, h.y1) >= box.y0 - 2 * tolerance && mid(h.y0, h.y1) <= box.y1 + 2 * tolerance,
    );
    const rows = dedupe([box.y0, box.y1, ...across.map((h) => mid(h.y0, h.y1))], 2 * tolerance);
    box.y0 = rows[0]!;
    box.y1 = rows[rows.length - 1]!;
    // Where the row rules were lost, the columns are every vertical rule's: one that stops short (a heading across
    // a group of rows breaks it) still parts the rows it stands beside, which are found later from the words.
    const rowsFromText = rows.length === 2;
    const cols = rowsFromText ? [dedupe([box.x0, ...xs, box.x1], tolerance)] : rows.slice(0, -1).map((top, i) => crossingColumns(verticals, box, top, rows[i + 1]!, tolerance));
    const numbers = xs[1]! - xs[0]! < NUMBER_COLUMN * pageWidth ? xs[1] : undefined;
    tables.push({ box, rows, cols, rowsFromText, ...(numbers !== undefined && { numbers }), rules: [...verticals, ...across] });
  }
  return tables.sort((a, b) => a.box.y0 - b.box.y0);
}

/** A row's cell boundaries: the table's edges and the vertical rules that cross (most of) the row. */
function crossingColumns(verticals: Rule[], box: Box, top: number, bottom: number, tolerance: number): number[] {
  const crossing = verticals.filter((v) => Math.min(v.y1, bottom) - Math.max(v.y0, top) >= 0.5 * (bottom - top)).map((v) => mid(v.x0, v.x1));
  return dedupe([box.x0, ...crossing, box.x1], tolerance);
}

/**
 * Rows from the words, where the rules between them were lost: the table's printed lines (bands of words at one
 * height), cut where the gap between two lines is clearly wider than a cell's line spacing (cell padding and the
 * lost rule lie there). When no gap stands out, every printed line is a row. A row number places no line: centred
 * in a two-line row, it stands between the two.
 */
export function rowsFromWords(t: TableGrid, words: PlacedWord[]): number[] {
  const boxes = words
    .map((w) => w.box)
    .filter((b) => !inNumbers(t, mid(b.x0, b.x1)))
    .sort((a, b) => a.y0 - b.y0);
  const bands: { y0: number; y1: number }[] = [];
  for (const b of boxes) {
    const last = bands[bands.length - 1];
    if (last && b.y0 < last.y1 - 0.3 * (b.y1 - b.y0)) last.y1 = Math.max(last.y1, b.y1);
    else bands.push({ y0: b.y0, y1: b.y1 });
  }
  if (bands.length < 2) return [t.box.y0, t.box.y1];
  const gaps = bands.slice(1).map((b, i) => b.y0 - bands[i]!.y1);
  // Lines that overlap (a centred cell's line a little off its neighbour's) are of one row: they neither part rows
  // nor tell the spacing of lines from that of rows, which a few overlaps would bring under zero.
  const wide = rowGap(gaps.filter((g) => g > 0));
  const cut = gaps.map((g) => g > 0 && g >= wide);
  const rows = [t.box.y0];
  gaps.forEach((_, i) => {
    if (cut[i]) rows.push((bands[i]!.y1 + bands[i + 1]!.y0) / 2);
  });
  rows.push(t.box.y1);
  return rows;
}

/**
 * The least gap between two rows, from the gaps between a table's lines: they fall in two groups, a cell's line
 * spacing and the wider gaps where a row ends (its padding and the lost rule), parted where the two groups stand
 * furthest apart (Otsu's split). The wider group stands out when its least gap is clearly wider than the narrower
 * group's typical one; when none does, every gap parts rows (0).
 */
function rowGap(gaps: number[]): number {
  const g = [...gaps].sort((a, b) => a - b);
  let [best, at] = [-1, 0];
  let sum = 0;
  const total = g.reduce((a, b) => a + b, 0);
  for (let i = 1; i < g.length; i++) {
    sum += g[i - 1]!;
    const [m0, m1] = [sum / i, (total - sum) / (g.length - i)];
    const spread = i * (g.length - i) * (m1 - m0) ** 2;
    if (spread > best) [best, at] = [spread, i];
  }
  if (at === 0) return 0;
  const spacing = g[at >> 1]!;
  return g[at]! > 1.5 * spacing + 4 ? g[at]! : 0;
}

export function insideTable(t: TableGrid, b: Box): boolean {
  const cx = mid(b.x0, b.x1);
  const cy = mid(b.y0, b.y1);
  return cx >= t.box.x0 && cx <= t.box.x1 && cy >= t.box.y0 && cy <= t.box.y1;
}

/**
 * The table's rows as printed lines, "cell | cell | …", each cell's words in reading order (lines top to bottom,
 * words left to right) and its lines joined. Rows with no word are left out.
 */
export function tableLines(grid: TableGrid, words: PlacedWord[]): string[] {
  return placedTableLines(grid, words).map((l) => l.text);
}

/** The table's rows as lines, each with the box of its row (the table's width, between its row rules). */
export function placedTableLines(grid: TableGrid, words: PlacedWord[]): PlacedLine[] {
  let t = grid;
  if (grid.rowsFromText) {
    const rows = rowsFromWords(grid, words);
    const verticals = grid.rules?.filter((r) => r.dir === 'v') ?? [];
    // Each row found has the columns whose rules cross it: a heading across a group of rows is one cell.
    const cols = rows.slice(0, -1).map((top, i) => (verticals.length ? crossingColumns(verticals, grid.box, top, rows[i + 1]!, TOLERANCE) : grid.cols[0]!));
    t = { ...grid, rows, cols };
  }
  else t = splitMergedRows(grid, words);
  const cells: PlacedWord[][][] = t.cols.map((c) => c.slice(0, -1).map(() => []));
  for (const w of words) {
    const cx = mid(w.box.x0, w.box.x1);
    const cy = mid(w.box.y0, w.box.y1);
    const r = t.rows.findIndex((y, i) => i + 1 < t.rows.length && cy >= y && cy < t.rows[i + 1]!);
    if (r < 0) continue;
    const xs = t.cols[r]!;
    let c = xs.findIndex((x, i) => i + 1 < xs.length && cx >= x && cx < xs[i + 1]!);
    if (c < 0) c = cx < xs[0]! ? 0 : xs.length - 2;
    cells[r]![c]!.push(w);
  }
  const texts = cells.map((row) => row.map(cellText));
  mendRowNumbers(t, texts);
  const out: PlacedLine[] = [];
  texts.forEach((row, r) => {
    if (row.every((x) => x === '')) return;
    const xs = t.cols[r]!;
    out.push({ text: row.join(' | '), box: { x0: xs[0]!, y0: t.rows[r]!, x1: xs[xs.length - 1]!, y1: t.rows[r + 1]! } });
  });
  return out;
}

/** A row number as a word of the number column: "3", "3." */
const ROW_NUMBER = /^\d{1,3}\.?$/;

/**
 * Rows whose rule between them the scan lost (a faint rule on a poor or resampled scan): a ruled row whose number
 * column holds two numbers or more, each on a line of its own ("1" over "2"), is that many rows. Each cut lies in
 * the widest band free of words between two numbers' lines, where the lost rule ran between the rows' text.
 */
function splitMergedRows(t: TableGrid, words: PlacedWord[]): TableGrid {
  if (t.numbers === undefined) return t;
  const rows: number[] = [t.rows[0]!];
  const cols: number[][] = [];
  for (let r = 0; r + 1 < t.rows.length; r++) {
    const [top, bottom] = [t.rows[r]!, t.rows[r + 1]!];
    const inRow = words.filter((w) => mid(w.box.y0, w.box.y1) >= top && mid(w.box.y0, w.box.y1) < bottom);
    const numbers = inRow
      .filter((w) => inNumbers(t, mid(w.box.x0, w.box.x1)) && ROW_NUMBER.test(w.text.trim()))
      .sort((a, b) => a.box.y0 - b.box.y0);
    const lines = numbers.filter((w, k) => k === 0 || w.box.y0 > numbers[k - 1]!.box.y1);
    const run = lines.every((w, k) => k === 0 || parseInt(w.text, 10) === parseInt(lines[k - 1]!.text, 10) + 1);
    if (lines.length >= 2 && run)
      for (let k = 0; k + 1 < lines.length; k++) {
        const cut = widestFreeBand(inRow, lines[k]!.box.y1, lines[k + 1]!.box.y0);
        if (cut !== null) {
          rows.push(cut);
          cols.push(t.cols[r]!);
        }
      }
    rows.push(bottom);
    cols.push(t.cols[r]!);
  }
  return rows.length === t.rows.length ? t : { ...t, rows, cols };
}

/** The middle of the tallest band between y0 and y1 that no word's box reaches into, or null where words fill it. */
function widestFreeBand(words: PlacedWord[], y0: number, y1: number): number | null {
  const boxes = words.filter((w) => w.box.y1 > y0 && w.box.y0 < y1).map((w) => [Math.max(y0, w.box.y0), Math.min(y1, w.box.y1)] as const);
  boxes.sort((a, b) => a[0] - b[0]);
  let [best, at] = [0, null as number | null];
  let reach = y0;
  for (const [a, b] of [...boxes, [y1, y1] as const]) {
    if (a - reach > best) [best, at] = [a - reach, (a + reach) / 2];
    reach = Math.max(reach, b);
  }
  return at;
}

/**
 * Row numbers run in sequence: a short cell of a row-number column read as something else between n and n + 2
 * ("7", "ồ", "9"; "10", "1", "12": a digit read as a letter, or lost) is n + 1.
 */
function mendRowNumbers(t: TableGrid, texts: string[][]): void {
  // The row's first cell is the number column's (not a heading across the row).
  const numbered = (r: number) => t.numbers !== undefined && Math.abs(t.cols[r]![1]! - t.numbers) <= TOLERANCE;
  const number = (r: number) => (numbered(r) && /^\d{1,3}$/.test(texts[r]![0]!) ? Number(texts[r]![0]!) : null);
  for (let r = 1; r + 1 < texts.length; r++) {
    const [before, after] = [number(r - 1), number(r + 1)];
    const cell = texts[r]![0]!;
    if (before === null || after !== before + 2 || !cell || cell.length > 3 || !numbered(r)) continue;
    texts[r]![0] = String(before + 1);
  }
}

/**
 * A cell's words as text: grouped into lines by their vertical centres, each line left to right. A word joins a
 * line whose centre lies within half a typical word's height of its own: measured by the word alone, a dash or a
 * comma (a few pixels high) would start a line of its own and split its printed line in two ("2025 2030 -").
 */
function cellText(words: PlacedWord[]): string {
  if (!words.length) return '';
  const heights = words.map((w) => w.box.y1 - w.box.y0).sort((a, b) => a - b);
  const typical = Math.max(1, heights[Math.floor(heights.length / 2)]!);
  const sorted = [...words].sort((a, b) => mid(a.box.y0, a.box.y1) - mid(b.box.y0, b.box.y1));
  const lines: { words: PlacedWord[]; centre: number }[] = [];
  for (const w of sorted) {
    const last = lines[lines.length - 1];
    const m = mid(w.box.y0, w.box.y1);
    if (last && m - last.centre < 0.5 * typical) {
      last.words.push(w);
      last.centre += (m - last.centre) / last.words.length;
    } else lines.push({ words: [w], centre: m });
  }
  return joinLines(lines.map((l) => l.words.sort((a, b) => a.box.x0 - b.box.x0).map((w) => w.text.trim()).join(' ')));
}
