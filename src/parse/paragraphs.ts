// Printed lines → logical paragraphs: a paragraph ends at a blank line (unless what follows is a lone fragment
// of it), before a list item or label, and where a line ends a sentence and the next starts with a capital.
import { ITEM_START, joinLines } from './text.js';

export interface Para {
  /** index of its first line in the document's lines */
  start: number;
  lines: string[];
  text: string;
}

const DOTLESS_ROMAN = /^\s*[IVX][IVXlL]{0,4}\s\p{Lu}[^.;:]*$/u;
/** A Roman numeral an OCR read with an l, L or H for strokes ("IH.", "IL.", "l."), before a heading in capitals. */
const LOOKALIKE_ROMAN = /^\s*[IVX]{0,3}[lLH][IVXlLH]{0,3}[.)]\s*\p{Lu}{2}/u;

export function paragraphs(lines: string[], from: number, to: number): Para[] {
  const out: Para[] = [];
  let cur: Para | undefined;
  const close = () => {
    if (cur) {
      cur.text = joinLines(cur.lines);
      out.push(cur);
    }
    cur = undefined;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      close();
      continue;
    }
    // A word or two in small letters after a blank line is the end of the paragraph before it, broken by the
    // OCR or a page ("… gắn với triển khai ở cơ" / "" / "sở").
    const last = out[out.length - 1];
    const lastLine = last?.lines[last.lines.length - 1]?.trim() ?? '';
    if (!cur && last && /^\s*\p{Ll}/u.test(line) && !ITEM_START.test(line) && line.trim().split(/\s+/).length <= 2 && !/[.;:!?]["”)]?$/.test(lastLine)) {
      cur = out.pop()!;
      cur.lines.push(line);
      continue;
    }
    const prev = cur?.lines[cur.lines.length - 1];
    const startsNew =
      !cur ||
      ITEM_START.test(line) ||
      // A Roman numeral whose dot the OCR lost, before a short heading ("I Mục đích", "IL Yêu cầu"): whether it
      // is a heading the section numbering decides.
      DOTLESS_ROMAN.test(line) ||
      LOOKALIKE_ROMAN.test(line) ||
      /^\s*(Đơn vị|Cơ quan|Thời gian|Chủ trì|Phối hợp)[^:]{0,30}:/u.test(line) ||
      (prev !== undefined && /[.;:!?]["”)]?$/.test(prev.trim()) && /^\s*["“(]?\p{Lu}/u.test(line));
    if (startsNew) {
      close();
      cur = { start: i, lines: [], text: '' };
    }
    cur!.lines.push(line);
  }
  close();
  return out;
}
