// Tokens of a line as the repair step sees them: leading punctuation, the core it may change, trailing punctuation.
export type TokenKind =
  /** letters (maybe with OCR digits/symbols for letters): decoded */
  | 'word'
  /** a short number that may be a word read as digits ("13" for "là"): decoded, keeping it is the default */
  | 'numword'
  /** numbers, dates, document symbols, URLs, e-mails, anything with inner punctuation: never changed */
  | 'protected';

export interface Token {
  line: number;
  /** text before the token on its line (the whitespace), kept as is */
  space: string;
  prefix: string;
  core: string;
  suffix: string;
  kind: TokenKind;
  /** true when a sentence ends after this token */
  end: boolean;
  /** the decoder's options for this token, kept on it once looked up (decoder.ts `layerOf`); undefined until then */
  options?: unknown;
}

/** Glyphs an English-model OCR writes for Vietnamese letters ("hi¢n", "K&", "phu@ng" for "phường"): they belong
 *  to the word. (An e-mail address keeps its "@": its dots make it no word.) */
export const OCR_GLYPHS = '¢€&¥@';

const EDGE = new RegExp(`^([^\\p{L}\\p{N}${OCR_GLYPHS}]*)(.*?)([^\\p{L}\\p{N}${OCR_GLYPHS}]*)$`, 'u');

const LETTERS = /^\p{L}+$/u;
const WORD_RE = new RegExp(`^[\\p{L}\\p{M}${OCR_GLYPHS}]+(?:['’][\\p{L}\\p{M}]+)?$`, 'u');
const WORD_WITH_DIGITS_RE = new RegExp(`^[\\p{L}\\p{M}0-9${OCR_GLYPHS}]+$`, 'u');
const GLYPH = new RegExp(`[${OCR_GLYPHS}]`, 'u');

export function classify(core: string): TokenKind {
  if (core === '') return 'protected';
  if (/^\d{1,2}$/.test(core)) return 'numword';
  // Capitals with no vowel cannot be a syllable: an abbreviation (KT, TTr, HĐND, VT), kept, unless it has a D
  // that may be an Đ the OCR could not write (HDND for HĐND).
  if (!/D/.test(core) && /^[\p{Lu}][\p{L}]+$/u.test(core) && core.replace(/[^\p{Lu}]/gu, '').length >= 2 && !/[aeiouyăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu.test(core)) return 'protected';
  // A glyph standing alone ("&" for "ở", "¢" for "có") is a word the OCR wrote as one glyph.
  if (WORD_RE.test(core) && (/\p{L}/u.test(core) || [...core].length === 1)) return 'word';
  // Letters with a digit or two standing for letters ("s6", "d6i", "1y", "tir"; "¢6", a glyph and a digit, for
  // "có"): at most two digits.
  if (WORD_WITH_DIGITS_RE.test(core) && (/\p{L}/u.test(core) || (/\d/.test(core) && GLYPH.test(core))) && (core.match(/\d/g)?.length ?? 0) <= 2 && core.length <= 7) {
    // Codes like "BCĐ57", "KH2025", "A4" keep their digits: a run of digits at the end of an upper-case word.
    if (/^\p{Lu}{2,}\d+$/u.test(core)) return 'protected';
    return 'word';
  }
  return 'protected';
}

/** A part that ends a sentence: its last mark, closing quotes or brackets after it. */
export const SENTENCE_END = /[.!?;:…]["”’)]*$/;
/** "a)", "b." — or "¢)", an OCR's c — at the head of a line. */
const LIST_MARKER = new RegExp(`^[\\p{L}${OCR_GLYPHS}][.)]$`, 'u');

/**
 * "Trang/Cổng", "và/hoặc", "mục/chương": two words joined by a slash are two words (the slash stays with the
 * first). Not symbols and abbreviations ("KH/UBND", "b/c", "CTr/ĐU"), nor URLs, paths or numbers.
 */
function splitAtSlash(part: string): string[] {
  if (!part.includes('/') || /[\d.:@\\]/.test(part)) return [part];
  return part.split(/(?<=\p{Ll}{2}\/)(?=\p{Lu}?\p{Ll}{2})/u);
}

/** Split lines into tokens; a blank line or a list marker at a line start also ends a sentence. */
export function tokenize(lines: string[]): Token[] {
  const out: Token[] = [];
  lines.forEach((text, line) => {
    const normalized = text.replace(/\uFB01/g, 'fi').replace(/\uFB02/g, 'fl');
    // "1.Tuyên", "V.TỔ", "hoạch,tuyên", "Trang/Cổng": a word glued to a label, punctuation or a slash is a word of
    // its own (an empty space part between them).
    // (Most parts have none of those marks: they are taken whole, without the split's lookbehinds.)
    const parts = normalized
      .split(/(\s+)/)
      .flatMap((p) =>
        !/[.,;:/]/.test(p)
          ? [p]
          : p
              .split(/(?<=^\d{1,2}\.|[\p{L}][,;:])(?=\p{L})|(?<=^[IVX]{1,4}\.)(?=\p{Lu})/u)
              .flatMap(splitAtSlash)
              .flatMap((x, i) => (i ? ['', x] : [x])),
      );
    let space = '';
    let first = true;
    let quoted = false;
    for (const part of parts) {
      if (part === '' || /^\s+$/.test(part)) {
        space += part;
        continue;
      }
      // A part of letters alone is all core (most are): the edge pattern's backtracking is spared.
      const [, prefix = '', read = '', after = ''] = LETTERS.test(part) ? ['', '', part, ''] : part.match(EDGE)!;
      let [core, suffix] = [read, after];
      // An English-model OCR writes the horn of ơ and ư as an apostrophe after the letter ("Co’", "tru’ong",
      // "THU'"): it is no punctuation, and the channel, which learned those letters as a bare o and u, reads the
      // word best without it (kept as a horn, it scored the same on the dev texts). Not where a single quote was
      // opened before on the line.
      if (!quoted && /['’]/.test(part)) [core, suffix] = [core.replace(/([ouOU])['’]/g, '$1'), /[ouOU]$/.test(core) ? suffix.replace(/^['’]/, '') : suffix];
      if (part.includes('‘')) quoted = true;
      // A bullet or a numbered item starts a new sentence.
      if (first && out.length && (/^[-+•*–]$/.test(part) || /^(\d+|[a-zđ]|[IVX]+)[.)]$/.test(part))) out[out.length - 1]!.end = true;
      first = false;
      // "a)", "b." at the head of a line are list markers, not words.
      const marker = out.length === 0 || out[out.length - 1]!.line !== line ? LIST_MARKER.test(part) : false;
      out.push({ line, space, prefix, core, suffix, kind: marker ? 'protected' : classify(core), end: SENTENCE_END.test(part) || (core === '' && /[.!?;:]/.test(part)), options: undefined });
      space = '';
    }
    if (parts.every((p) => p.trim() === '') && out.length) out[out.length - 1]!.end = true;
  });
  if (out.length) out[out.length - 1]!.end = true;
  return out;
}

/** Put tokens back into lines, each line as it was but for the changed cores. */
export function detokenize(tokens: Token[], lineCount: number, original: string[]): string[] {
  const out = Array.from({ length: lineCount }, () => '');
  for (const t of tokens) out[t.line] += t.space + t.prefix + t.core + t.suffix;
  // Trailing whitespace of each line is kept as it was.
  return out.map((l, i) => l + (original[i]!.match(/\s*$/)?.[0] ?? ''));
}
