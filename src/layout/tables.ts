// The bordered tables of a page image, found before the OCR: their grids are kept on the page (for putting the
// OCR's words into cells) and their rules erased from the image (so the OCR reads no rule as a letter).
import type { Page } from '../model/document.js';
import { findTables } from './grid.js';
import { eraseRules, findRules } from './ruling.js';

export function markTables(page: Page, gray: Uint8Array, width: number, height: number): void {
  const rules = findRules(gray, width, height);
  const tables = findTables(rules, width, height);
  if (!tables.length) return;
  eraseRules(gray, width, height, tables.flatMap((t) => t.rules ?? []));
  // The rules are not needed after this: the page keeps only its grids.
  page.tables = tables.map(({ rules: _rules, ...t }) => t);
}
