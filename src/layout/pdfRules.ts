// Ruling lines of a born-digital PDF page: the straight strokes (and hairline-thin filled rectangles) its drawing
// operators paint, in page points with y growing downwards (the viewport's space), so that the same table finder
// as for scans (grid.ts) reads them. A table's border is often drawn cell by cell: collinear pieces are joined.
import { OPS } from '../ingest/pdfjs.js';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { Rule } from './ruling.js';

type Matrix = [number, number, number, number, number, number];

const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/** Painting operators whose path is drawn: strokes, and fills (a rule may be a thin filled rectangle). */
const STROKES = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILLS = new Set([OPS.fill, OPS.eoFill]);
/** A filled rectangle thinner than this (points) is a rule. */
const HAIRLINE = 2.5;

export async function pdfRules(page: PDFPageProxy): Promise<Rule[]> {
  const ops = await page.getOperatorList();
  const viewport = page.getViewport({ scale: 1 });
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const segs: Rule[] = [];
  const pt = (x: number, y: number) => {
    const [a, b, c, d, e, f] = ctm;
    return viewport.convertToViewportPoint(a * x + c * y + e, b * x + d * y + f) as [number, number];
  };
  const addSeg = ([x0, y0]: [number, number], [x1, y1]: [number, number]) => {
    if (Math.abs(y1 - y0) < 0.5) segs.push({ dir: 'h', x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    else if (Math.abs(x1 - x0) < 0.5) segs.push({ dir: 'v', y0: Math.min(y0, y1), y1: Math.max(y0, y1), x0: (x0 + x1) / 2, x1: (x0 + x1) / 2 });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ctm, args as Matrix);
    else if (fn === OPS.constructPath) {
      const [paint, paths] = args as [number, ArrayLike<number>[] | null];
      const stroke = STROKES.has(paint);
      if (!stroke && !FILLS.has(paint)) continue;
      for (const path of paths ?? []) {
        const points: [number, number][] = [];
        let start: [number, number] | null = null;
        let k = 0;
        while (k < path.length) {
          const op = path[k]!;
          if (op === 0) {
            start = pt(path[k + 1]!, path[k + 2]!);
            points.push(start);
            k += 3;
          } else if (op === 1) {
            points.push(pt(path[k + 1]!, path[k + 2]!));
            k += 3;
          } else if (op === 2) {
            points.length = 0; // a curve: no rule
            k += 7;
          } else {
            if (start) points.push(start);
            k += 1;
          }
        }
        if (stroke) for (let j = 1; j < points.length; j++) addSeg(points[j - 1]!, points[j]!);
        else if (points.length >= 4) {
          // A filled rectangle: a rule when it is a hairline across.
          const xs = points.map((p) => p[0]);
          const ys = points.map((p) => p[1]);
          const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          if (y1 - y0 <= HAIRLINE && x1 - x0 > 4 * HAIRLINE) segs.push({ dir: 'h', x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
          else if (x1 - x0 <= HAIRLINE && y1 - y0 > 4 * HAIRLINE) segs.push({ dir: 'v', y0, y1, x0: (x0 + x1) / 2, x1: (x0 + x1) / 2 });
        }
      }
    }
  }
  return joinCollinear(segs);
}

/** Pieces on one line that touch or overlap are one rule. */
function joinCollinear(segs: Rule[], tol = 1): Rule[] {
  const out: Rule[] = [];
  for (const dir of ['h', 'v'] as const) {
    const along = (r: Rule) => (dir === 'h' ? [r.x0, r.x1] : [r.y0, r.y1]) as [number, number];
    const across = (r: Rule) => (dir === 'h' ? r.y0 : r.x0);
    const list = segs.filter((s) => s.dir === dir).sort((a, b) => across(a) - across(b) || along(a)[0] - along(b)[0]);
    let cur: Rule | null = null;
    for (const s of list) {
      if (cur && Math.abs(across(s) - across(cur)) <= tol && along(s)[0] <= along(cur)[1] + tol) {
        if (dir === 'h') cur.x1 = Math.max(cur.x1, s.x1);
        else cur.y1 = Math.max(cur.y1, s.y1);
        continue;
      }
      cur = { ...s };
      out.push(cur);
    }
  }
  return out;
}
