// Footnotes: the small print at the foot of a page ("¹ Kế hoạch hành động …"). A block of lines is a footnote
// when it sits right before a page break (a page-number line, or the next page), stands after a blank line,
// starts with a marker (a number, or the "I", "l", "|" an OCR reads for a superscript 1) and a capital, and one
// more sign sets it apart from the body: its marker is a superscript, the body carries the same marker after a word
// ("số1."), or the block's lines are longer than the body's (smaller type).
import type { Footnote } from '../model/plan.js';
import { ONE_LOOKALIKES, SUPERSCRIPTS } from '../layout/page.js';
import { median } from '../util/stats.js';
import { joinLines } from './text.js';

export interface FootnoteBlock extends Footnote {
  /** its lines: [start, end) */
  start: number;
  end: number;
}

/** A page number alone on its line ("4", "- 4 -"). */
const PAGE_NUMBER = /^\s*(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?\s*$/;
const SUPERSCRIPT = SUPERSCRIPTS.slice(1);
const MARKER = new RegExp(`^\\s*([1-9]\\d?|[${ONE_LOOKALIKES}${SUPERSCRIPT}])\\s*(?=["“(]?\\p{Lu})`, 'u');
/** A 1 as printed, or as an OCR reads a superscript 1. */
const LOOKALIKE_ONE = `1${ONE_LOOKALIKES}¹`;
const MAX_LINES = 16;

const blank = (l: string | undefined) => l === undefined || l.trim() === '';

/** Lines that are page numbers alone between blank lines (or the text's ends): page breaks of a text input. */
export function pageNumberLines(lines: string[]): number[] {
  return lines.flatMap((l, i) => (PAGE_NUMBER.test(l) && blank(lines[i - 1]) && blank(lines[i + 1]) ? [i] : []));
}

function markerOf(s: string): string {
  if (SUPERSCRIPT.includes(s)) return String(SUPERSCRIPT.indexOf(s) + 1);
  return LOOKALIKE_ONE.includes(s) ? '1' : s;
}

/** The body carries the marker right after a word or its closing quote: "số1.", "số!." for a 1. */
function cited(body: string, marker: string): boolean {
  const forms = marker === '1' ? `[${LOOKALIKE_ONE.replace('|', '\\|')}]` : `(?:${marker}|[${SUPERSCRIPT[Number(marker) - 1] ?? ''}])`;
  return new RegExp(`\\p{L}["”)]?${forms}(?=[\\s.,;:)]|$)`, 'u').test(body);
}

/**
 * The footnotes of a document's lines. `breaks` are the indices where a new page starts (the first line of the
 * next page, or a page-number line).
 */
export function findFootnotes(lines: string[], breaks: number[]): FootnoteBlock[] {
  const notes: FootnoteBlock[] = [];
  // A page's notes stand one after another before its break: after each note found, the block above it is tried.
  const todo = [...new Set(breaks)].sort((x, y) => y - x);
  while (todo.length) {
    const b = todo.pop()!;
    let end = b;
    while (end > 0 && blank(lines[end - 1])) end--;
    let start = end;
    while (start > 0 && !blank(lines[start - 1])) start--;
    if (start === end || end - start > MAX_LINES || start === 0) continue;
    if (notes.some((n) => n.start === start)) continue;
    const m = lines[start]!.match(MARKER);
    if (!m) continue;
    const marker = markerOf(m[1]!);
    const block = lines.slice(start, end);
    const body = [...lines.slice(0, start), ...lines.slice(end)];
    const bodyLengths = body.map((l) => l.trim().length).filter((n) => n >= 20);
    const blockLengths = block.slice(0, -1).map((l) => l.trim().length);
    const smallType = blockLengths.length > 0 && median(blockLengths) > 1.15 * median(bodyLengths);
    // A superscript marker is a note's as printed (the layout writes one for a raised or small marker).
    if (!SUPERSCRIPT.includes(m[1]!) && !cited(body.join('\n'), marker) && !smallType) continue;
    const text = joinLines([block[0]!.slice(m[0].length), ...block.slice(1)]);
    notes.push({ marker, text, start, end });
    todo.push(start);
  }
  return notes.sort((a, b) => a.start - b.start);
}
