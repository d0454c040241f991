// Stage 2 — ocr: read every page that carries an image, in the shared worker pool.
import { imageSize } from 'image-size';
import { findTables } from '../layout/grid.js';
import { pageLines } from '../layout/page.js';
import { turnRules } from '../layout/tables.js';
import type { Doc } from '../model/document.js';
import { readUpright, TURN_BELOW } from './orientation.js';
import { readTableColumns } from './tableCells.js';
import { OCR_ENGINE, type OcrPool } from './pool.js';

export async function ocr(doc: Doc, pool: OcrPool, onPage?: () => void): Promise<Doc> {
  const todo = doc.pages.filter((p) => p.image);
  if (todo.length === 0) return doc;
  await Promise.all(
    todo.map(async (page) => {
      const { result, turn, png } = await readUpright(page.image!, (img) => pool.recognize(img));
      let tables = page.tables ?? [];
      if (turn) {
        page.reason += `; page turned ${turn}° to read it`;
        // The tables were found on the page as it lay: their rules, turned with it, give them upright.
        const { width = 0, height = 0 } = imageSize(page.image!);
        const upright = imageSize(png);
        tables = findTables(turnRules(page.tableRules ?? [], turn, width, height), upright.width ?? 0, upright.height ?? 0);
        page.tables = tables;
      }
      page.ocrLines = result.lines;
      const tableWords = tables.length ? await readTableColumns(png, tables, pool) : undefined;
      page.lines = pageLines(result.lines, tables, tableWords);
      page.confidence = result.confidence;
      page.tableRules = undefined;
      page.image = undefined; // the bytes are no longer needed: free them before the next document
      onPage?.();
    }),
  );
  // A page read this badly is not to be trusted: say which, so an archivist knows what to check.
  for (const p of todo)
    if ((p.confidence ?? 0) < TURN_BELOW)
      doc.warnings.push({
        code: 'LOW_OCR_CONFIDENCE',
        message: `page ${p.number}: OCR mean confidence ${Math.round(p.confidence ?? 0)} (under ${TURN_BELOW}): check the page's text`,
        line: null,
      });
  const mean = todo.reduce((s, p) => s + (p.confidence ?? 0), 0) / todo.length;
  doc.ocr = { engine: OCR_ENGINE, languages: [...pool.languages], meanConfidence: Math.round(mean * 10) / 10 };
  return doc;
}
