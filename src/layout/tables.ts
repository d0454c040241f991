// The bordered tables of a page image, found before the OCR: their grids are kept on the page (for putting the
// OCR's words into cells) and their rules erased from the image (so the OCR reads no rule as a letter).
import type { Page } from '../model/document.js';
import type { RunMinima } from '../model/runMinima.js';
import { findTables } from './grid.js';
import { eraseRules, findRules, type Rule } from './ruling.js';

export function markTables(page: Page, gray: Uint8Array, width: number, height: number, minima?: RunMinima): void {
  const rules = findRules(gray, width, height, {}, minima);
  const tables = findTables(rules, width, height);
  if (!tables.length) return;
  const drawn = tables.flatMap((t) => t.rules ?? []);
  eraseRules(gray, width, height, drawn);
  // The grids, and their rules: a page the OCR stage turns upright finds its tables again from them.
  page.tables = tables.map(({ rules: _rules, ...t }) => t);
  page.tableRules = drawn;
}

/** Rules of an image W×H as they lie once the image is turned clockwise by a quarter turn, half or three quarters. */
export function turnRules(rules: Rule[], degrees: number, width: number, height: number): Rule[] {
  const pt = (x: number, y: number): [number, number] =>
    degrees === 90 ? [height - 1 - y, x] : degrees === 180 ? [width - 1 - x, height - 1 - y] : degrees === 270 ? [y, width - 1 - x] : [x, y];
  return rules.map((r) => {
    const [ax, ay] = pt(r.x0, r.y0);
    const [bx, by] = pt(r.x1, r.y1);
    const dir = degrees % 180 === 0 ? r.dir : r.dir === 'h' ? 'v' : 'h';
    return { dir, x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: Math.min(ay, by), y1: Math.max(ay, by) };
  });
}
