// Stage 4 — normalise: one list of printed lines in reading order for the whole document. Unicode NFC,
// whitespace folded, page numbers, scanner noise and digital-signature metadata dropped, blank runs collapsed.
import type { Doc, DocLine } from '../model/document.js';
import { isVietnameseSyllable } from '../repair/vietnamese.js';

const PAGE_NUMBER = /^\s*(?:[-–—]\s*)?(?:trang\s+)?\d{1,3}(?:\s*\/\s*\d{1,3})?(?:\s*[-–—])?\s*$/i;

/** Lines a digital signature adds to an exported PDF: e-mail, timestamp, JSON, certificate subject. */
export function isSignatureMetadata(line: string): boolean {
  const t = line.trim();
  return (
    /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(t) ||
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?$/.test(t) ||
    (/^\{.*\}$/.test(t) && /"\w+"\s*:/.test(t)) ||
    /^(EMAILADDRESS|CN|OU|O|L|C)=/.test(t)
  );
}

/** A line in capitals of two words at least: an issuer's or a title's, whose last word may wrap onto a line of its own. */
const CAPITALS_LINE = /^(?=.*\p{L}\S*\s+\S*\p{L})[^\p{Ll}]+$/u;

/**
 * Scanner and stamp noise: a short line with no word of two letters, which is no list label either. Not a
 * capital syllable under a line in capitals: an issuer's name wrapped there ("TRƯỜNG TIỂU HỌC THẠNH" / "MỸ").
 */
export function isNoise(line: string, before = ''): boolean {
  const t = line.trim();
  if (t === '' || t.length > 4) return false;
  if (/^([IVXLC]+|\d+|[a-zđ])[.)]?$/i.test(t)) return false;
  if (/^\p{Lu}{2}$/u.test(t) && isVietnameseSyllable(t.toLowerCase()) && CAPITALS_LINE.test(before.trim())) return false;
  return !/\p{L}{2,}/u.test(t) || /^[\p{L}\d]{1,2}$/u.test(t);
}

export function normaliseLine(line: string): string {
  return line
    .normalize('NFC')
    .replace(/\u00D0/g, 'Đ')
    // A fraction or division slash is an OCR's slash ("Tháng 3⁄2027", "Quý IV∕2025").
    .replace(/[\u2044\u2215]/g, '/')
    .replace(/[\t\u00A0\u2000-\u200B]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/\s+$/, '');
}

export function normalise(doc: Doc): Doc {
  const lines: DocLine[] = [];
  // Where each input line (1-based, across pages) ends up, so warnings keep pointing at their line.
  const moved = new Map<number, number>();
  let input = 0;
  for (const page of doc.pages) {
    const texts = page.lines.map(normaliseLine);
    // Page numbers sit alone on the first or last non-empty line of a page.
    const nonEmpty = texts.map((t, i) => (t.trim() ? i : -1)).filter((i) => i >= 0);
    const edges = new Set([nonEmpty[0], nonEmpty[nonEmpty.length - 1]]);
    texts.forEach((text, i) => {
      input++;
      if (edges.has(i) && PAGE_NUMBER.test(text) && doc.pages.length > 1) return;
      if (isSignatureMetadata(text) || isNoise(text, texts[i - 1])) text = '';
      if (text === '' && (lines.length === 0 || lines[lines.length - 1]!.text === '')) return;
      lines.push({ text: text.trim(), page: page.number, box: page.lineBoxes?.[i] ?? null });
      moved.set(input, lines.length);
    });
  }
  while (lines.length && lines[lines.length - 1]!.text === '') lines.pop();
  doc.lines = lines;
  doc.warnings = doc.warnings.map((w) => (w.line === null ? w : { ...w, line: moved.get(w.line) ?? null }));
  return doc;
}
