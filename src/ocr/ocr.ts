// Stage 2 — ocr: read every page that carries an image, in the shared worker pool.
import type { Doc } from '../model/document.js';
import { pageLines } from '../layout/page.js';
import { readUpright, TURN_BELOW } from './orientation.js';
import { readTableColumns } from './tableCells.js';
import { OCR_ENGINE, type OcrPool } from './pool.js';

export async function ocr(doc: Doc, pool: OcrPool, onPage?: () => void): Promise<Doc> {
  const todo = doc.pages.filter((p) => p.image);
  if (todo.length === 0) return doc;
  await Promise.all(
    todo.map(async (page) => {
      const { result, turn } = await readUpright(page.image!, (png) => pool.recognize(png));
      if (turn) page.reason += `; page turned ${turn}° to read it`;
      page.ocrLines = result.lines;
      const tables = turn ? [] : (page.tables ?? []);
      const tableWords = tables.length ? await readTableColumns(page.image!, tables, pool) : undefined;
      page.lines = pageLines(result.lines, tables, tableWords);
      page.confidence = result.confidence;
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
