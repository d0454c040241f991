// A PDF page's text layer as printed lines. pdf.js hands out text items (words, for OCR layers) with their
// positions; we rebuild lines from the positions because OCR layers mark every word as its own line.
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { findTables, insideTable, placedTableLines, type PlacedWord } from '../layout/grid.js';
import { boxAround, superscript } from '../layout/page.js';
import type { Box, PlacedLine } from '../model/document.js';
import { pdfRules } from '../layout/pdfRules.js';

export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** The page's text items with their positions (blank ones left out). */
export async function pageTextItems(page: PDFPageProxy): Promise<TextItem[]> {
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const it of content.items) {
    if (!('str' in it) || it.str.trim() === '') continue;
    const [a, b, , d, e, f] = it.transform as number[];
    items.push({ str: it.str, x: e!, y: f!, width: it.width, size: Math.max(Math.hypot(a!, b!), Math.abs(d!), 1) });
  }
  return items;
}

/**
 * The page's text lines, a bordered table's items put into its cells, each with its box (in the page's points, top
 * down). Finding the rules means reading the page's drawing (and decoding its images): a caller that only judges
 * the layer takes `linesOf(items)`.
 */
export async function pageTextLines(page: PDFPageProxy, items: TextItem[]): Promise<PlacedLine[]> {
  // A bordered table's text items go into its cells (the same grid as a scan's words); the rest is read in the
  // layer's own order, and the table's rows stand where its first item stood.
  if (!items.length) return [];
  const viewport = page.getViewport({ scale: 1 });
  const boxOf = (it: TextItem): Box => {
    const [x, y] = viewport.convertToViewportPoint(it.x, it.y) as [number, number];
    return { x0: x, x1: x + it.width, y0: y - 0.75 * it.size, y1: y + 0.2 * it.size };
  };
  const grids = findTables(await pdfRules(page), viewport.width, viewport.height, 2);
  if (!grids.length) return placedLinesOf(items, boxOf);
  const inTable = grids.map(() => [] as PlacedWord[]);
  // Runs of text lines, and each table (by index) where its first item stood.
  const parts: (PlacedLine[] | number)[] = [];
  let run: TextItem[] = [];
  for (const it of items) {
    const box = boxOf(it);
    const t = grids.findIndex((tb) => insideTable(tb, box));
    if (t < 0) {
      run.push(it);
      continue;
    }
    if (!inTable[t]!.length) {
      parts.push(placedLinesOf(run, boxOf), t);
      run = [];
    }
    inTable[t]!.push({ text: it.str, box });
  }
  parts.push(placedLinesOf(run, boxOf));
  return parts.flatMap((p) => (typeof p === 'number' ? placedTableLines(grids[p]!, inTable[p]!) : p));
}

/** Printed lines from text items in the layer's order. */
export function linesOf(items: TextItem[]): string[] {
  return placedLinesOf(items).map((l) => l.text);
}

/**
 * Printed lines from text items in the layer's order, each with the box round its items (when `boxOf` is given).
 * A line is told by its baseline and its type size, not by the item before: a footnote marker set small and raised
 * ("8/1945¹", "¹ Ngày 23/8/1945 …") would otherwise end its line. Such a marker is written as a superscript digit,
 * and a line that starts with a marker in smaller type than the line above (a footnote at the page's foot) stands
 * after a blank line, as a paragraph of its own.
 */
function placedLinesOf(items: TextItem[], boxOf?: (it: TextItem) => Box): PlacedLine[] {
  const groups: { items: TextItem[]; base: number; size: number }[] = [];
  let prev: TextItem | undefined;
  for (const it of items) {
    const line = groups[groups.length - 1];
    // Items come in reading order; a new line starts when the pen goes back left or leaves the line's baseline.
    const newLine = !line || it.x < prev!.x - prev!.size * 0.5 || Math.abs(it.y - line.base) > Math.max(line.size, it.size) * 0.6;
    if (newLine) groups.push({ items: [it], base: it.y, size: it.size });
    else {
      line.items.push(it);
      // The line's baseline and size are those of its largest type.
      if (it.size > line.size) [line.base, line.size] = [it.y, it.size];
    }
    prev = it;
  }
  const lines: PlacedLine[] = [];
  groups.forEach((g, n) => {
    const raised = (it: TextItem) => it.size <= 0.85 * g.size && it.y - g.base >= 0.2 * g.size && /^\d{1,2}$/.test(it.str.trim());
    let cur = '';
    g.items.forEach((it, k) => {
      const sup = raised(it);
      if (k > 0 && !sup) {
        const p = g.items[k - 1]!;
        if (it.x - (p.x + p.width) > p.size * 0.15 && !cur.endsWith(' ') && !it.str.startsWith(' ')) cur += ' ';
      }
      cur += sup ? superscript(it.str.trim()) + (k === 0 ? ' ' : '') : it.str;
    });
    // A footnote: its marker first (raised, or a number in the note's own type), smaller type than the line above.
    const first = g.items[0]!;
    const before = groups[n - 1];
    const marked = raised(first) || (/^\d{1,2}$/.test(first.str.trim()) && !!before && g.size <= 0.9 * before.size);
    if (marked && g.items.length > 1 && (lines.length || raised(first))) lines.push({ text: '', box: null });
    lines.push({ text: cur.trim().replace(/\s+/g, ' '), box: boxOf ? boxAround(g.items.map(boxOf)) : null });
  });
  return lines;
}
