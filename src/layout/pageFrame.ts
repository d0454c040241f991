// Line boxes for the plan: where each line stands on its page as the source shows it, as fractions of the page's
// width and height, so a viewer can draw them over the page rendered at any size. The OCR read a straightened
// image (turned a few degrees about its centre, then by quarter turns); its boxes are taken back through both.
import type { Doc, Box } from '../model/document.js';
import type { PlanLayout } from '../model/plan.js';

/** A box on the image the OCR read, in the unstraightened source image's frame, as fractions of its size. */
export function toPageFractions(b: Box, source: { width: number; height: number }, straightened: { angle: number; turn: number }): Box {
  const { width: w, height: h } = source;
  const turn = ((straightened.turn % 360) + 360) % 360;
  const t = (straightened.angle * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const corners = [
    [b.x0, b.y0],
    [b.x1, b.y0],
    [b.x0, b.y1],
    [b.x1, b.y1],
  ].map(([X, Y]) => {
    // Undo the quarter turn (raster.ts turnRaster: clockwise), then the skew (deskew.ts rotateGray: each
    // straightened point was read from (cx + dx·cos + dy·sin, cy − dx·sin + dy·cos)).
    const [x, y] = turn === 90 ? [Y!, h - X!] : turn === 180 ? [w - X!, h - Y!] : turn === 270 ? [w - Y!, X!] : [X!, Y!];
    const dx = x - w / 2;
    const dy = y - h / 2;
    return [w / 2 + dx * cos + dy * sin, h / 2 - dx * sin + dy * cos] as const;
  });
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return {
    x0: clamp(Math.min(...corners.map((c) => c[0])) / w),
    y0: clamp(Math.min(...corners.map((c) => c[1])) / h),
    x1: clamp(Math.max(...corners.map((c) => c[0])) / w),
    y1: clamp(Math.max(...corners.map((c) => c[1])) / h),
  };
}

/** A box in a page's own units as fractions of the page. */
export function fractionsOf(b: Box, width: number, height: number): Box {
  return { x0: b.x0 / width, y0: b.y0 / height, x1: b.x1 / width, y1: b.y1 / height };
}

/** 1/10,000 of a page: a tenth of a millimetre on A4, more than any viewer draws. */
const round = (v: number) => Math.round(v * 1e4) / 1e4;

/** The plan's layout: page sizes and, per line of its text, the page and box it came from; null for a text file. */
export function planLayout(doc: Doc): PlanLayout | null {
  if (!doc.lines.some((l) => l.box)) return null;
  return {
    pages: doc.pages.flatMap((p) => (p.size ? [{ page: p.number, ...p.size }] : [])),
    lines: doc.lines.map((l) => (l.box ? [l.page, round(l.box.x0), round(l.box.y0), round(l.box.x1), round(l.box.y1)] : null)),
  };
}
