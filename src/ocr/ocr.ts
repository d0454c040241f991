// Stage 2 — ocr: read every page marked for OCR in the shared worker pool. A page's image is read from the
// document's source only when a worker is ready for it, and dropped once its words are in: the pixels of a long
// document are never all in memory.
import { findTables } from '../layout/grid.js';
import { pageLines } from '../layout/page.js';
import { toPageFractions } from '../layout/pageFrame.js';
import { turnRules } from '../layout/tables.js';
import type { Doc, Page, PageImages } from '../model/document.js';
import { readUpright, TURN_BELOW } from './orientation.js';
import { rereadSignatureBlock } from './signatureBlock.js';
import { readTableColumns } from './tableCells.js';
import type { OcrPool } from './pool.js';

export async function ocr(doc: Doc, pool: OcrPool, onPage?: () => void, signal?: AbortSignal): Promise<Doc> {
  const todo = doc.pages.filter((p) => p.method === 'ocr');
  const images = doc.images;
  if (todo.length === 0 || !images) return doc;
  let failed = false;
  try {
    const results = await Promise.allSettled(
      todo.map((page) =>
        pool.withPage(async () => {
          // After one page fails (or the document's time is up) the document is lost: the pages still waiting are
          // not read.
          if (failed || signal?.aborted) return;
          try {
            await readPage(page, images, pool);
          } catch (err) {
            failed = true;
            throw err;
          }
          onPage?.();
        }),
      ),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    doc.images = null;
    await images.close();
  }
  // A page read this badly is not to be trusted: say which, so an archivist knows what to check.
  for (const p of todo)
    if ((p.confidence ?? 0) < TURN_BELOW)
      doc.warnings.push({
        code: 'LOW_OCR_CONFIDENCE',
        message: `page ${p.number}: OCR mean confidence ${Math.round(p.confidence ?? 0)} (under ${TURN_BELOW}): check the page's text`,
        line: null,
      });
  const mean = todo.reduce((s, p) => s + (p.confidence ?? 0), 0) / todo.length;
  doc.ocr = { engine: pool.engineName, languages: [...pool.languages], meanConfidence: Math.round(mean * 10) / 10 };
  return doc;
}

async function readPage(page: Page, images: PageImages, pool: OcrPool): Promise<void> {
  const image = await images.read(page);
  const { result, turn, image: upright } = await readUpright(image, (img) => pool.recognize(img));
  let tables = page.tables ?? [];
  if (turn) {
    page.reason += `; page turned ${turn}° to read it`;
    // The tables were found on the page as it lay: their rules, turned with it, give them upright.
    tables = findTables(turnRules(page.tableRules ?? [], turn, image.width, image.height), upright.width, upright.height);
    page.tables = tables;
  }
  const lines = await rereadSignatureBlock(upright, result.lines, (img) => pool.recognize(img));
  const tableWords = tables.length ? await readTableColumns(upright, tables, pool) : undefined;
  const placed = pageLines(lines, tables, tableWords);
  page.lines = placed.map((l) => l.text);
  const straightened = { angle: page.straightened?.angle ?? 0, turn };
  page.lineBoxes = placed.map((l) => l.box && toPageFractions(l.box, image, straightened));
  page.size ??= { width: image.width, height: image.height, unit: 'px' };
  page.confidence = result.confidence;
  page.tableRules = undefined;
}
