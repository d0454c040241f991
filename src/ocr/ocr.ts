// Stage 2 — ocr: read every page that carries an image, in the shared worker pool.
import type { Doc } from '../model/document.js';
import { readingOrder } from './columns.js';
import { OCR_ENGINE, type OcrPool } from './pool.js';

export async function ocr(doc: Doc, pool: OcrPool, onPage?: () => void): Promise<Doc> {
  const todo = doc.pages.filter((p) => p.image);
  if (todo.length === 0) return doc;
  await Promise.all(
    todo.map(async (page) => {
      const result = await pool.recognize(page.image!);
      page.ocrLines = result.lines;
      page.lines = readingOrder(result.lines);
      page.confidence = result.confidence;
      page.image = undefined; // the bytes are no longer needed: free them before the next document
      onPage?.();
    }),
  );
  const mean = todo.reduce((s, p) => s + (p.confidence ?? 0), 0) / todo.length;
  doc.ocr = { engine: OCR_ENGINE, languages: [...pool.languages], meanConfidence: Math.round(mean * 10) / 10 };
  return doc;
}
