// A page's printed lines in reading order, from its positioned words and the bordered tables found on its image:
// each table's rows as "cell | cell | …" lines where the table stands, the text around it in the column-aware
// reading order (columns.ts). The same for words from the OCR and, through the same grid, for a text layer.
import type { Box, OcrLine, OcrWord, PlacedLine } from '../model/document.js';
import { placedReadingOrder } from '../ocr/columns.js';
import { insideTable, placedTableLines, type PlacedWord, type TableGrid } from './grid.js';

/** The box round some boxes (at least one). */
export function boxAround(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** A line made of some words (a line's, or several lines'): their text in order and the box round them. */
export function lineOfWords(words: OcrWord[], confidence: number): OcrLine {
  return { text: words.map((w) => w.text).join(' '), confidence, bbox: boxAround(words.map((w) => w.bbox)), words };
}

/** `tableWords`: each table's words read on their own (column by column), in place of the page's reading of them. */
export function pageLines(lines: OcrLine[], tables: TableGrid[] = [], tableWords?: PlacedWord[][]): PlacedLine[] {
  if (!tables.length) return placedReadingOrder(lines);
  const inTable = tables.map(() => [] as { text: string; box: OcrLine['bbox'] }[]);
  const outside: OcrLine[] = [];
  for (const line of lines) {
    const rest = line.words.filter((w) => {
      const t = tables.findIndex((tb) => insideTable(tb, w.bbox));
      if (t < 0) return true;
      inTable[t]!.push({ text: w.text, box: w.bbox });
      return false;
    });
    if (rest.length === line.words.length) outside.push(line);
    else if (rest.length) outside.push(lineOfWords(rest, line.confidence));
  }
  // Text above each table, the table, and so on down the page.
  const out: PlacedLine[] = [];
  let pending = outside;
  tables.forEach((t, k) => {
    const above = pending.filter((l) => (l.bbox.y0 + l.bbox.y1) / 2 < t.box.y0);
    pending = pending.filter((l) => (l.bbox.y0 + l.bbox.y1) / 2 >= t.box.y0);
    out.push(...placedReadingOrder(above), ...placedTableLines(t, tableWords?.[k] ?? inTable[k]!));
  });
  out.push(...placedReadingOrder(pending));
  return out;
}
