// A ruled table an English-model OCR read column by column (the legacy layers' habit: its page segmentation takes
// each column for a block of text): the header's cells each alone on a line, every column's cells under its own
// header cell, one column after another ("TT", "10", "Nội dung", its cells, "Cơ quan chủ trì", its cells, …). Put
// back in rows, as the "cell | cell | …" lines gridTables reads, so the tasks and the text read as the page does.
// The rows' count comes from the number column (what is left of it) or the work column; each column's lines are
// then cut into that many cells where the cut reads best: at a blank line, before a capital, where the language
// model does not read the words on, and for a time column, into cells that are periods. The last column must be
// a time column (its periods tell where the table ends) or notes, left out.
import type { DocLine } from '../model/document.js';
import { lmForm } from '../repair/lmTokens.js';
import { loadLanguageModel } from '../repair/models.js';
import { columnOf, HEADER_CELL } from './gridTables.js';
import { HEADER_WORDS, type Column } from './table.js';
import { parsePeriod } from './periods.js';
import { key } from './text.js';

type Kind = Column | 'number';

interface Head {
  /** line index of the header cell's (first) line */
  line: number;
  /** the line after it (a header cell may wrap: "Thời gian" / "hoàn thành") */
  end: number;
  column: Kind;
  text: string;
}

/** Words a header cell is made of: the flattened tables' and "Tháng", "Thời hạn", "Người/Bộ phận thực hiện". */
const isHeadWord = (w: string) => HEADER_WORDS.test(w) || /^(thang|han|bo|phan)$/.test(w);
/** A lone row number ("10", "11."). */
const NUMBER = /^\d{1,3}\.?$/;
const TIME: ReadonlySet<Kind> = new Set(['time', 'start', 'end']);
/** A cell runs to at most this many lines. */
const MAX_CELL_LINES = 15;
/** Columns of a table read column by column stand at most this many lines apart. */
const MAX_COLUMN_LINES = 150;
/** Where the text goes on after a table: a heading, the closing block, an appendix. */
const stops = (line: string) => /^(?:[IVX]{1,4}|[A-H])\.\s/.test(line.trim()) || /^(?:noi nhan|phu luc)/.test(key(line.trim()));

/** A key's words, a digit an OCR read for a letter inside a word given back ("Ngu0i" for "Người"). */
const words = (k: string) =>
  k
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => (/[a-z]/.test(w) ? w.replace(/[06]/g, 'o').replace(/4/g, 'a') : w));

/** The column a line names when it is a header cell alone on its line, else null. */
function headerOf(text: string): Kind | null {
  const k = key(text).trim();
  const w = words(k);
  // "Thời gian" as a repair may have misread it ("Thế gian"): "th…" and "gian".
  if (w.length === 2 && /^th/.test(w[0]!) && w[1] === 'gian') return 'time';
  if (!w.length || w.length > 6 || !HEADER_CELL.test(w.join(' '))) return null;
  if (w.filter(isHeadWord).length < 0.6 * w.length) return null;
  return columnOf(text, -1);
}

/** The column line i names as a header cell; "Tháng" over "12/2025" is a time cell's period, not a header. */
function headerAt(lines: string[], i: number): Kind | null {
  const column = headerOf(lines[i]!);
  const next = lines[i + 1]?.trim() ?? '';
  return column && !(next && parsePeriod(`${lines[i]!.trim()} ${next}`)) ? column : null;
}

/** Header cells alone on their lines, a wrapped cell's tail joined to it. */
function headers(lines: string[]): Head[] {
  const out: Head[] = [];
  for (let i = 0; i < lines.length; i++) {
    const column = headerAt(lines, i);
    if (!column) continue;
    const next = lines[i + 1]?.trim() ?? '';
    // A line of header words only, no header cell of its own, finishes the cell ("hoàn thành", "hợp").
    const tw = words(key(next));
    const tail = tw.length > 0 && tw.length <= 4 && tw.every(isHeadWord) && !headerOf(next);
    const text = tail ? `${lines[i]!.trim()} ${next}` : lines[i]!.trim();
    out.push({ line: i, end: tail ? i + 2 : i + 1, column: tail ? columnOf(text, -1) : column, text });
    if (tail) i++;
  }
  return out;
}

/**
 * How much likelier (ln) the line's first word is after the line before's last two than at a cell's start, within
 * ±4.
 */
function continues(before: string, text: string): number {
  const form = (w: string | undefined) => lmForm((w ?? '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  const prev = before.split(/\s+/);
  const [a0, a, b] = [form(prev.at(-2)), form(prev.at(-1)), form(text.split(/\s+/)[0])];
  if (!a || !b) return 0;
  const lm = loadLanguageModel();
  const after = a0 ? lm.score(lm.id(a0), lm.id(a), lm.id(b)) : lm.score2(lm.id(a), lm.id(b));
  return Math.max(-4, Math.min(4, after - lm.score2(lm.bos, lm.id(b))));
}

/**
 * A cut before a line: what it costs to cut there, and what not to. A cell's lines are kept together by no blank
 * line between them, a small letter going on, and words that go on from the line before ("Tổ quốc Việt" /
 * "Nam"; "… việc của" / "Ban Chấp hành").
 */
function cutCosts(before: string, text: string, blankBefore: boolean): { cut: number; keep: number } {
  const t = text.trim();
  const base = /^\p{Ll}/u.test(t) ? { cut: 6, keep: blankBefore ? 1 : 0 } : blankBefore ? { cut: 0, keep: 3 } : { cut: 2, keep: 0 };
  // A line that ends in a list's ";" or "," goes on in the next ("Ban Xây dựng Đảng;" / "Ủy ban Kiểm tra").
  const listGoesOn = /[;,]$/.test(before.trim()) ? 3 : 0;
  return { cut: base.cut + listGoesOn + continues(before, t), keep: base.keep };
}

/**
 * A column's lines cut into `n` cells at the cheapest cuts; a time column's cells each a period where they can
 * be. Null when the column has fewer lines than cells.
 */
export function cutCells(block: string[], n: number, time: boolean): string[] | null {
  const items: { text: string; blankBefore: boolean }[] = [];
  let blank = false;
  for (const l of block) {
    if (!l.trim()) blank = true;
    else {
      items.push({ text: l.trim(), blankBefore: blank });
      blank = false;
    }
  }
  const L = items.length;
  if (L < n || n < 1) return null;
  const costs = items.map((it, i) => cutCosts(items[i - 1]?.text ?? '', it.text, it.blankBefore));
  // keepSum[i]: the cost of cutting nowhere before lines 1..i-1
  const keepSum = [0];
  for (let i = 1; i <= L; i++) keepSum.push(keepSum[i - 1]! + (i - 1 > 0 ? costs[i - 1]!.keep : 0));
  const cellText = (j: number, i: number) => items.slice(j, i).map((x) => x.text).join(' ');
  // cellCost[j][i]: lines j+1..i-1 not cut (line j's cut is counted apart), and a time cell that is no period
  const cellCost = Array.from({ length: L + 1 }, (_, j) =>
    Array.from({ length: L + 1 }, (_, i) => {
      if (i <= j || i - j > MAX_CELL_LINES) return Infinity;
      return keepSum[i]! - keepSum[j + 1]! + (time && !parsePeriod(cellText(j, i)) ? 4 : 0);
    }),
  );
  // best[c][i]: the cheapest way to make lines [0, i) into c cells
  const best = Array.from({ length: n + 1 }, () => new Array<number>(L + 1).fill(Infinity));
  const from = Array.from({ length: n + 1 }, () => new Array<number>(L + 1).fill(-1));
  best[0]![0] = 0;
  for (let c = 1; c <= n; c++)
    for (let i = c; i <= L - (n - c); i++)
      for (let j = c - 1; j < i; j++) {
        const prev = best[c - 1]![j]!;
        if (prev === Infinity) continue;
        const v = prev + (j > 0 ? costs[j]!.cut : 0) + cellCost[j]![i]!;
        if (v < best[c]![i]!) {
          best[c]![i] = v;
          from[c]![i] = j;
        }
      }
  const cells: string[] = [];
  for (let c = n, i = L; c > 0; c--) {
    const j = from[c]![i]!;
    cells.unshift(cellText(j, i));
    i = j;
  }
  return cells;
}

interface Stacked {
  /** the lines [start, end) the table took */
  start: number;
  end: number;
  heads: Head[];
  first: number;
  rows: string[][];
}

/** The paragraphs of a last column that are periods (a time column), up to the table's end. */
function timeColumnEnd(lines: string[], from: number): number {
  let end = from;
  let i = from;
  while (i < lines.length) {
    while (i < lines.length && !lines[i]!.trim()) i++;
    let j = i;
    while (j < lines.length && lines[j]!.trim()) j++;
    // a header cell or a lone row number begins the next table (or the next page's part of this one)
    if (i >= lines.length || headerAt(lines, i) || NUMBER.test(lines[i]!.trim())) break;
    const para = lines.slice(i, j).join(' ');
    // a period's words may wrap over a blank line ("Trong Quý II," / "III/2025")
    const timeish = parsePeriod(para) || key(para).split(/\s+/).length <= 3;
    if (!timeish || stops(para) || /^\d{1,2}\.\s/.test(para)) break;
    end = j;
    i = j;
  }
  return end;
}

/** One table read column by column from its first header cell, or null. */
function stackedAt(lines: string[], heads: Head[], k: number, nextNumber: number): Stacked | null {
  const group: Head[] = [heads[k]!];
  for (let m = k + 1; m < heads.length; m++) {
    const h = heads[m]!;
    const last = group.at(-1)!;
    // A column named twice, or a number column, is the next table's (or the same table's on the next page).
    const same = (g: Head) => g.column === h.column || (TIME.has(g.column) && TIME.has(h.column));
    if (h.line - last.end > MAX_COLUMN_LINES || group.some(same) || h.column === 'number') break;
    if (lines.slice(last.end, h.line).some(stops)) break;
    group.push(h);
  }
  const kinds = group.map((g) => g.column);
  if (!kinds.includes('content') || !kinds.includes('lead') || group.filter((g) => g.column !== 'number').length < 3) return null;
  // The number column: its header ("TT", often lost) and the row numbers left of it, just before the work's header.
  let start = group[0]!.line;
  const numbers: number[] = [];
  const numberBlock = (a: number, b: number) => {
    for (let i = a; i < b; i++) if (NUMBER.test(lines[i]!.trim())) numbers.push(parseInt(lines[i]!, 10));
  };
  if (group[0]!.column === 'number') {
    numberBlock(group[0]!.end, group[1]!.line);
    group.shift();
  } else {
    let i = start - 1;
    while (i >= 0 && (!lines[i]!.trim() || NUMBER.test(lines[i]!.trim()))) i--;
    numberBlock(i + 1, start);
    if (numbers.length) start = i + 1;
  }
  // Every column's lines lie between its header and the next; a last time column's run on while they are periods.
  // A last column of notes ("Ghi chú"), written on a few rows only, cannot be cut into rows: the table ends at its
  // header, and its lines stay text.
  const lastHead = group.at(-1)!;
  let end: number;
  if (TIME.has(lastHead.column)) end = timeColumnEnd(lines, lastHead.end);
  else if (lastHead.column === 'notes' && group.length >= 4) {
    group.pop();
    end = lastHead.line;
  } else return null;
  const blocks = group.map((h, m) => lines.slice(h.end, m + 1 < group.length ? group[m + 1]!.line : end));
  // How many rows: to the last number left, from the first left or from the number after the table before
  // (the numbers above lost), whichever count is nearer the work column's paragraphs; without numbers, those.
  const content = group.findIndex((g) => g.column === 'content');
  const paragraphs = blocks[content]!.join('\n').split(/\n\s*\n/).filter((p) => p.trim()).length;
  const ordered = numbers.length > 0 && numbers.every((x, i) => i === 0 || x > numbers[i - 1]!);
  const starts = ordered ? [numbers[0]!, nextNumber].filter((f) => f <= numbers[0]!) : [];
  const near = (f: number) => Math.abs(numbers.at(-1)! - f + 1 - paragraphs);
  // (A tie goes to the count from the table before: numbers lost at a page's top are the commoner fault.)
  const first = starts.length ? starts.reduce((p, q) => (near(q) < near(p) || (near(q) === near(p) && q < p) ? q : p)) : nextNumber;
  const n = ordered ? numbers.at(-1)! - first + 1 : paragraphs;
  if (n < 2 || n > 60) return null;
  const columns = blocks.map((b, m) => cutCells(b, n, TIME.has(group[m]!.column)));
  // The work and its lead unit must both cut into the rows (a task's fields set one under another do not).
  const lead = group.findIndex((g) => g.column === 'lead');
  if (columns[content] === null || columns[lead] === null) return null;
  const rows = Array.from({ length: n }, (_, r) => columns.map((c) => (c ? c[r]! : '')));
  return { start, end, heads: group, first, rows };
}

/**
 * The lines with every table the OCR read column by column put back in rows: a header line, then a line per row,
 * "n | cell | …"; the rest as it was. `rebuilt` says where each such table now starts (a line index) and its rows.
 */
export function unstackColumns(lines: DocLine[]): { lines: DocLine[]; rebuilt: { line: number; rows: number }[] } {
  const text = lines.map((l) => l.text);
  const heads = headers(text);
  const out: DocLine[] = [];
  const rebuilt: { line: number; rows: number }[] = [];
  let at = 0;
  let nextNumber = 1;
  for (let k = 0; k < heads.length; k++) {
    if (heads[k]!.line < at) continue;
    const t = stackedAt(text, heads, k, nextNumber);
    if (!t) continue;
    out.push(...lines.slice(at, t.start));
    const line = (s: string): DocLine => ({ text: s, page: lines[t.start]!.page, box: null });
    const clean = (s: string) => s.replace(/\s*\|\s*/g, ' ');
    rebuilt.push({ line: out.length, rows: t.rows.length });
    out.push(line(['TT', ...t.heads.map((h) => clean(h.text))].join(' | ')));
    t.rows.forEach((r, i) => out.push(line([String(t.first + i), ...r.map(clean)].join(' | '))));
    nextNumber = t.first + t.rows.length;
    at = t.end;
  }
  out.push(...lines.slice(at));
  return { lines: out, rebuilt };
}
