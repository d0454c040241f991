// Tables read column by column. Read whole, a ruled table's cells — centred at different heights, several lines
// each — make tesseract join words of neighbouring columns into one line and misread them ("ca chính" for "Sở Tài
// chính"). Each column of a table, alone on the page between its rules, is one column of text that tesseract
// reads well; its words are then put into cells by the grid.
import type { PlacedWord, TableGrid } from '../layout/grid.js';
import { keepOnly, type Raster } from '../model/raster.js';
import type { OcrPool } from './pool.js';

/** Pixels kept clear of a column's rules on each side. */
const INSET = 5;

/** The column boundaries most rows of the table share (a header's spanning cells aside). */
function bodyColumns(t: TableGrid): number[] {
  const count = new Map<string, { cols: number[]; n: number }>();
  for (const c of t.cols) {
    const k = c.map((x) => Math.round(x / 10)).join(',');
    const e = count.get(k) ?? { cols: c, n: 0 };
    e.n++;
    count.set(k, e);
  }
  return [...count.values()].sort((a, b) => b.n - a.n)[0]!.cols;
}

/** The words of each table on the page image, read column by column, in page coordinates. */
export async function readTableColumns(image: Raster, tables: TableGrid[], pool: OcrPool): Promise<PlacedWord[][]> {
  return Promise.all(
    tables.map(async (t) => {
      const xs = bodyColumns(t);
      const strips = await Promise.all(
        xs.slice(0, -1).map(async (x0, k) => {
          const x1 = xs[k + 1]!;
          // The page keeps its size, all white but the column: tesseract judges the print's resolution from the
          // whole image, and a narrow strip cut out alone is misjudged (small print garbled).
          const column = keepOnly(image, x0 + INSET, t.box.y0 + INSET, x1 - INSET, t.box.y1 - INSET);
          // A row-number column's cells are a number each, far apart: tesseract's column reading takes a lone "1"
          // to "9" for a speck (and reads "10"), while read as one uniform block the column reads whole.
          const result = await pool.recognize(column, k === 0 && t.numbers !== undefined ? '6' : undefined);
          return result.lines.flatMap((l) => l.words.filter((w) => w.text.trim()).map((w) => ({ text: w.text, box: w.bbox })));
        }),
      );
      return strips.flat();
    }),
  );
}
