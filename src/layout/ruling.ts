// Ruling lines of a page image: the long horizontal and vertical dark runs a bordered table is drawn with (the
// "lines" strategy of pdfplumber's table finder and of img2table). Found on the image whether it came from a
// scanner or from rendering a born-digital page, so one table finder serves both.
import { type RunMinima, runMinima, runsUnder, stretchBuffer } from '../model/runMinima.js';

export interface Rule {
  /** 'h': y0≈y1 is the rule's row; 'v': x0≈x1 its column */
  dir: 'h' | 'v';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RulingOptions {
  /** darker than this is ink */
  dark?: number;
  /** a horizontal rule is at least this share of the page's width */
  minHorizontal?: number;
  /** a vertical rule is at least this share of the page's height (a table row, not a letter's stem) */
  minVertical?: number;
  /** breaks this short (px) inside a horizontal rule are bridged: thin rules break up in a bitonal scan */
  gap?: number;
  /** the same for vertical rules, kept short: a letter's stem, its accent and its dot below would join up */
  gapVertical?: number;
}

const DEFAULTS: Required<RulingOptions> = { dark: 225, minHorizontal: 0.12, minVertical: 0.018, gap: 8, gapVertical: 2 };

interface Run {
  pos: number;
  from: number;
  to: number;
}

/**
 * Runs of ink along rows, or down columns, at least `min` long, with breaks up to `gap` bridged, and mostly ink (a
 * rule broken by binarisation is still mostly ink; a line of text, however close its words, is not). One state per
 * line (where its run started, its last ink, its ink so far), fed the page a row at a time: columns are read down
 * the page in memory order, not a pixel a row apart.
 */
class Runs {
  readonly out: Run[] = [];
  private readonly start: Int32Array;
  private readonly lastInk: Int32Array;
  private readonly ink: Int32Array;

  constructor(
    lines: number,
    private readonly min: number,
    private readonly gap: number,
  ) {
    this.start = new Int32Array(lines).fill(-1);
    this.lastInk = new Int32Array(lines).fill(-1e9);
    this.ink = new Int32Array(lines);
  }

  /** Ink at position i along line `line`. */
  inkAt(line: number, i: number): void {
    if (this.start[line]! < 0 || i - this.lastInk[line]! > this.gap + 1) {
      this.flush(line);
      this.start[line] = i;
      this.ink[line] = 0;
    }
    this.lastInk[line] = i;
    this.ink[line]!++;
  }

  flush(line: number): void {
    const start = this.start[line]!;
    const len = this.lastInk[line]! - start + 1;
    if (start >= 0 && len >= this.min && this.ink[line]! >= MIN_DENSITY * len) this.out.push({ pos: line, from: start, to: this.lastInk[line]! });
  }
}

/** A rule is at least this share ink along its length. */
const MIN_DENSITY = 0.8;

/** Runs on neighbouring rows that overlap along the rule are one rule (its thickness). */
function mergeRuns(runs: Run[], dir: 'h' | 'v', maxThickness: number): Rule[] {
  runs.sort((a, b) => a.pos - b.pos || a.from - b.from);
  const open: { first: number; last: number; to: number; from: number }[] = [];
  const done: Rule[] = [];
  const close = (o: (typeof open)[number]) => {
    // Thicker than a rule is a filled area (a logo, a shaded cell, a stamp in a bitonal scan).
    if (o.last - o.first > maxThickness) return;
    done.push(dir === 'h' ? { dir, x0: o.from, x1: o.to, y0: o.first, y1: o.last } : { dir, y0: o.from, y1: o.to, x0: o.first, x1: o.last });
  };
  for (const r of runs) {
    for (let k = open.length - 1; k >= 0; k--)
      if (open[k]!.last < r.pos - 1) {
        close(open[k]!);
        open.splice(k, 1);
      }
    // A rule a little off level steps from one row to the next: its runs there touch end to end.
    const o = open.find((c) => c.last >= r.pos - 1 && c.last < r.pos && r.from <= c.to + 4 && r.to >= c.from - 4);
    if (o) {
      o.last = r.pos;
      o.from = Math.min(o.from, r.from);
      o.to = Math.max(o.to, r.to);
    } else open.push({ first: r.pos, last: r.pos, from: r.from, to: r.to });
  }
  for (const o of open) close(o);
  return done;
}

/** Row y's ink fed to the rows' and the columns' runs: only the row's `n` stretches with ink (the rest is paper). */
function inkOfRow(gray: Uint8Array, width: number, y: number, dark: number, stretches: Int32Array, n: number, h: Runs, v: Runs): void {
  const row = y * width;
  for (let k = 0; k < n; k++)
    for (let x = stretches[2 * k]! - row; x < stretches[2 * k + 1]! - row; x++)
      if (gray[row + x]! < dark) {
        h.inkAt(y, x);
        v.inkAt(x, y);
      }
}

/** The page's horizontal and vertical rules. */
export function findRules(gray: Uint8Array, width: number, height: number, opts: RulingOptions = {}, minima: RunMinima = runMinima(gray, width, height)): Rule[] {
  const o = { ...DEFAULTS, ...opts };
  const h = new Runs(height, Math.max(20, o.minHorizontal * width), o.gap);
  const v = new Runs(width, Math.max(12, o.minVertical * height), o.gapVertical);
  const stretches = stretchBuffer(minima);
  for (let y = 0; y < height; y++) {
    inkOfRow(gray, width, y, o.dark, stretches, runsUnder(minima, width, y, o.dark, stretches), h, v);
    h.flush(y);
  }
  for (let x = 0; x < width; x++) v.flush(x);
  // A rule is a few points thick at most: 12 px at 300 dpi.
  const maxThickness = Math.max(4, Math.round((12 * Math.min(width, height)) / 2480));
  return [...mergeRuns(h.out, 'h', maxThickness), ...mergeRuns(v.out, 'v', maxThickness)];
}

/** Turns the rules' pixels white, so that the OCR does not read a rule as "|" or "l" nor lose a letter touching one. */
export function eraseRules(gray: Uint8Array, width: number, height: number, rules: Rule[], thickness = 2): void {
  for (const r of rules) {
    const x0 = Math.max(0, Math.floor(r.x0) - thickness);
    const x1 = Math.min(width - 1, Math.ceil(r.x1) + thickness);
    const y0 = Math.max(0, Math.floor(r.y0) - thickness);
    const y1 = Math.min(height - 1, Math.ceil(r.y1) + thickness);
    for (let y = y0; y <= y1; y++) gray.fill(255, y * width + x0, y * width + x1 + 1);
  }
}

