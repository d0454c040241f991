// Stage 3 — repair: restore Vietnamese diacritics and undo OCR errors, line for line (line N of the output is
// line N of the input), with a confidence per token.
import type { Doc } from '../model/document.js';
import { assessText } from '../ingest/textQuality.js';
import { Decoder, type Decision, type InputStyle } from './decoder.js';
import { readAgain, type Unit } from './rereading.js';
import { loadRepairModels } from './models.js';
import { classify, detokenize, SENTENCE_END, tokenize, type Token } from './tokens.js';
import { FAMILY_NAMES } from '../parse/vocabulary.js';
import { isVietnameseSyllable, stripMarks } from './vietnamese.js';

export interface RepairOptions {
  /** what kind of text this is; 'auto' decides from the text itself */
  style?: InputStyle | 'auto';
  /** tokens below this confidence are reported */
  threshold?: number;
  decoder?: Decoder;
}

export interface LowConfidenceToken {
  line: number;
  original: string;
  output: string;
  confidence: number;
}

export interface RepairResult {
  lines: string[];
  /** the style of most of the text (each stretch of it is read in its own: lineStyles) */
  style: InputStyle;
  tokens: number;
  changed: number;
  lowConfidence: LowConfidenceToken[];
}

export const DEFAULT_THRESHOLD = 0.5;

/** An English-model OCR's misreadings of marked letters: digits inside small-letter words ("s6", "ctia", "m6i"), and
 *  "¢", "€" for "c", "ê". Capitals with digits ("3G", "H5N1") and numbers with units ("50m2") are written so. */
function misreadShare(words: string[]): number {
  const misread = words.filter((w) => /[¢€]/.test(w) || (/\p{Ll}\d|\d\p{Ll}/u.test(w) && !/^\d+([.,]\d+)?(m2|m3|km2|ha|kg|km|cm|mm|kw|kwh)$/i.test(w)));
  return misread.length / Math.max(1, words.length);
}

/**
 * What a stretch of text is: Vietnamese (good text, or a Vietnamese OCR), typed without marks (no marks at all, and
 * at most a stray alphanumeric token), or an English-model OCR's (some marks kept, e.g. "Ké", and digits for letters).
 */
export function detectStyle(text: string): InputStyle {
  const q = assessText(text);
  if (q.verdict === 'good') return 'vietnamese';
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (q.words > 0 && q.markedShare < 0.03 && misreadShare(words) < 0.01) return 'plain';
  return 'legacy';
}

/** Words a stretch of text needs to be judged on its own; shorter paragraphs go with their neighbours. */
const STYLE_WORDS = 40;

/**
 * Each line's style, decided where it changes: the text is cut into stretches of at least STYLE_WORDS words at
 * blank lines (paragraphs, pages), and each stretch is judged on its own — so a typed cover sheet before an old OCR
 * layer, or a few alphanumeric tokens in text typed without marks, each get the right reading.
 */
export function lineStyles(lines: string[]): InputStyle[] {
  const stretches: { from: number; to: number; words: number }[] = [];
  let from = 0;
  let words = 0;
  lines.forEach((line, i) => {
    words += line.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    const paragraphEnds = i + 1 === lines.length || lines[i + 1]!.trim() === '' || line.includes('\f');
    if (paragraphEnds && words >= STYLE_WORDS) {
      stretches.push({ from, to: i + 1, words });
      from = i + 1;
      words = 0;
    }
  });
  // A short tail joins the stretch before it.
  if (from < lines.length) {
    const last = stretches.pop();
    stretches.push({ from: last?.from ?? from, to: lines.length, words: (last?.words ?? 0) + words });
  }
  const styles: InputStyle[] = [];
  for (const s of stretches) styles.push(...Array<InputStyle>(s.to - s.from).fill(detectStyle(lines.slice(s.from, s.to).join('\n'))));
  return styles;
}

const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

/**
 * "I11." / "1V." / "Il." at the head of a line are section numerals the OCR read as digits and l's; so is a lone
 * "L" before a capitalised heading ("L Mục đích" for "I. Mục đích": no Vietnamese word is one L), and a numeral
 * whose period was lost, its I's read as L's, before a heading in capitals ("IL NỘI DUNG" for "II. NỘI DUNG":
 * the LM would make it the word "LÀ").
 */
function romanLabel(t: Token, firstOnLine: boolean, next: Token | undefined): string | null {
  if (!firstOnLine) return null;
  if (t.core === 'L' && !t.suffix && next?.line === t.line && /^\p{Lu}\p{Ll}/u.test(next.core)) return 'I';
  const dotted = /^[.)]/.test(t.suffix);
  const beforeCaps = !t.suffix && next?.line === t.line && isCapsSyllable(next.prefix + next.core + next.suffix);
  if (!(dotted ? /^[IVXl1]{1,4}$/ : /^[IVXlL1]{2,4}$/).test(t.core) || !/[IV]/.test(t.core) || !(dotted || beforeCaps)) return null;
  const r = t.core.replace(/[lL1]/g, 'I');
  return ROMAN.test(r) ? r : null;
}

/**
 * A quarter's Roman numeral an OCR wrote with digits ("Quý I11/2026", "quý 1V năm 2025"): after "quý", a numeral
 * with at least one Roman letter that reads as I–IV is written as one. Plain digits ("Quý 1/2026") stay.
 */
function readQuarterNumerals(decisions: Decision[]): void {
  decisions.forEach((d, i) => {
    const prev = decisions[i - 1];
    // ("quý" has three letters: the others are not worth stripping of their marks.)
    if (!prev || prev.output.length !== 3 || stripMarks(prev.output).toLowerCase() !== 'quy') return;
    // The token as read: the decoder may have taken "1V" for a word.
    const m = d.token.core.match(/^([IVl1]{1,4})(?=$|[/,])/);
    if (!m || !/[IV]/.test(m[1]!)) return;
    const roman = m[1]!.replace(/[l1]/g, 'I');
    if (!['I', 'II', 'III', 'IV'].includes(roman) || roman === m[1]) return;
    d.output = roman + d.token.core.slice(m[1]!.length);
    d.changed = d.output !== d.token.core;
  });
}

/**
 * An English-model OCR writes a hook or a horn it cannot place as "?" ("xt? ly" for "xử lý", "git?" for "giữ",
 * "dang ti? co so" for "đảng ủy cơ sở", "chi?c" for "chiếc"). Kept, it made the word no word, or stayed after the
 * word read; it is dropped, and the letters are read as the word they are with their marks lost. After a word only
 * where the sentence goes on after it on its line (a word in small letters next) or where the letters before it are
 * no syllable: a question's own mark ("… không?") stays. Old OCR's lines only.
 */
function dropHookMarks(tokens: Token[], styles: InputStyle[]): void {
  tokens.forEach((t, i) => {
    if (styles[t.line] !== 'legacy') return;
    if (/\p{L}\?+\p{L}/u.test(t.core)) {
      const letters = t.core.replace(/\?/g, '');
      if (classify(letters) === 'word') [t.core, t.kind] = [letters, 'word'];
    }
    if (!t.suffix.startsWith('?') || t.kind !== 'word' || !/\p{L}$/u.test(t.core)) return;
    const next = tokens[i + 1];
    const goesOn = next !== undefined && next.line === t.line && /^\p{Ll}/u.test(next.prefix + next.core);
    if (goesOn || !isVietnameseSyllable(t.core.toLowerCase())) {
      t.suffix = t.suffix.replace(/^\?+/, '');
      // Where the sentence goes on, the mark was all that ended it there.
      if (goesOn) t.end = SENTENCE_END.test(t.suffix);
    }
  });
}

/** Tokens an OCR glued together ("donvi") become two, with the space put back. */
function splitMerged(tokens: Token[], decoder: Decoder, styles: InputStyle[]): Token[] {
  // A document writes the same forms again and again: each form's split point is asked for once here (the checks
  // that pass most tokens by cost as much as a lookup in the decoder's bounded cache).
  const points = new Map<string, number>();
  return tokens.flatMap((t) => {
    if (t.kind !== 'word') return [t];
    const style = styles[t.line]!;
    const key = `${style}\u0000${t.core}`;
    let k = points.get(key);
    if (k === undefined) points.set(key, (k = decoder.splitPoint(t.core, style)));
    if (k < 0) return [t];
    const chars = [...t.core];
    return [
      { ...t, core: chars.slice(0, k).join(''), suffix: '', end: false },
      { ...t, space: ' ', prefix: '', core: chars.slice(k).join('') },
    ];
  });
}

const isCaps = (s: string) => s.length >= 2 && /\p{L}/u.test(s) && s === s.toUpperCase();
/** A word in capitals that is a syllable: a heading's word, not an abbreviation ("UBND", "CT"). */
const isCapsSyllable = (s: string) => isCaps(s) && isVietnameseSyllable(s.replace(/[^\p{L}\p{M}]/gu, ''));

/** A short word between capitals on its line is in capitals too ("PHÓ Bi THƯ": the OCR lost the case). Not
 *  between abbreviations: "HĐND và UBND", "CT, các PCT". */
function capitaliseInCapitals(decisions: Decision[]): void {
  decisions.forEach((d, i) => {
    const prev = decisions[i - 1];
    const next = decisions[i + 1];
    if (d.token.kind !== 'word' || isCaps(d.output) || [...d.output].length > 4) return;
    if (!prev || !next || prev.token.line !== d.token.line || next.token.line !== d.token.line) return;
    if (isCapsSyllable(prev.output) && isCapsSyllable(next.output)) {
      d.output = d.output.toUpperCase();
      d.changed = d.output !== d.token.core;
    }
  });
}

/**
 * An English-model OCR writes a small vowel under a stacked mark as a capital ("BO Chinh tri" for "Bộ Chính trị",
 * "SO Tai chinh" for "Sở Tài chính"), and the word read keeps the capitals. A word the OCR wrote in capitals,
 * before a word in small letters and after one (or first on its line), that the repair gave marks it did not have,
 * is written with its first capital only. Abbreviations (UBND, HĐND, ATTP) are no syllables and keep theirs.
 */
function lowerCapitalsAmongSmall(decisions: Decision[], styles: InputStyle[]): void {
  // A word in small letters: none but the first is a capital ("Chính", "trị"; not "CHfJ", a scrap of capitals).
  const small = (d: Decision) => /^\p{L}\p{Ll}*$/u.test(d.output.replace(/\P{L}/gu, ''));
  const hasLetters = (d: Decision) => /\p{L}/u.test(d.output);
  decisions.forEach((d, i) => {
    const t = d.token;
    if (styles[t.line] !== 'legacy' || t.kind !== 'word' || !isCaps(t.core) || !isCapsSyllable(d.output)) return;
    if (d.output === t.core || stripMarks(d.output) !== t.core) return;
    const next = decisions[i + 1];
    if (!next || next.token.line !== t.line || !hasLetters(next) || !small(next)) return;
    // Before it on its line, a word in small letters, or none ("- SO Tai chinh la …").
    let k = i - 1;
    while (k >= 0 && decisions[k]!.token.line === t.line && !hasLetters(decisions[k]!)) k--;
    if (k >= 0 && decisions[k]!.token.line === t.line && !small(decisions[k]!)) return;
    d.output = d.output[0] + d.output.slice(1).toLowerCase();
    d.changed = d.output !== t.core;
  });
}

/** A line that is a person's name alone, as a Vietnamese OCR read it: 2–4 capitalised syllables ("Quách Hiền"). */
const NAME_LINE = /^\s*\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,3}\s*$/u;

/**
 * A name on a line of its own in text a Vietnamese OCR read (a signer's, under the signature) is a sentence of its
 * own: the strokes read above it ran into its sentence ("A vV V⁄ 6 L Quách Hiền"), and in a text that uses "quá"
 * often, the reading "Là Quá Hiền" won. Alone, the name is still read ("Vũ Thị Thang Nhàn" → "Thanh"), but for its
 * family name.
 */
function nameLinesApart(tokens: Token[], lines: string[], styles: InputStyle[]): void {
  // Each line judged once, not once per token on it.
  const nameLine = lines.map(
    (line, k) => styles[k] === 'vietnamese' && NAME_LINE.test(line) && line.trim().split(/\s+/).every((w) => isVietnameseSyllable(w.toLowerCase())),
  );
  tokens.forEach((t, i) => {
    if (!nameLine[t.line]) return;
    const before = tokens[i - 1];
    if (before && before.line !== t.line) {
      before.end = true;
      // At a sentence's start the language model hears a question ("Mai" read "Ai", who): a family name the OCR
      // read as one stays.
      if (FAMILY_NAMES.has(t.core.toLowerCase())) t.kind = 'protected';
    }
    const after = tokens[i + 1];
    if (!after || after.line !== t.line) t.end = true;
  });
}

/** A line that starts with a Roman numeral and a word in capitals with no space between ("I'TÌNH", "ITÌNH"). */
const GLUED_NUMERAL = /^(\s*)([IVX]{1,4})(['’`]?)(\p{Lu}+)(?=\s+\p{Lu}{2})/u;

/**
 * A section's Roman numeral whose period an OCR read as an apostrophe or lost, glued to the heading's first word in
 * capitals ("I'TÌNH HÌNH DỊCH BỆNH", "ITÌNH HÌNH …"): read as one word, the repair would make it "TÌNH" and lose
 * the numeral. Without the apostrophe, only where the word alone is a syllable and the numeral with it is none.
 */
function unglueNumeral(line: string): string {
  const m = GLUED_NUMERAL.exec(line);
  if (!m) return line;
  const [whole, space, numeral, mark, word] = m;
  if (!mark && (!isVietnameseSyllable(word!.toLowerCase()) || isVietnameseSyllable((numeral! + word!).toLowerCase()))) return line;
  return `${space}${numeral}. ${word}${line.slice(whole.length)}`;
}

export function repairLines(input: string[], opts: RepairOptions = {}): RepairResult {
  const lines = input.map(unglueNumeral);
  const decoder = opts.decoder ?? loadRepairModels().decoder;
  const styles = !opts.style || opts.style === 'auto' ? lineStyles(lines) : lines.map(() => opts.style as InputStyle);
  const read = tokenize(lines);
  dropHookMarks(read, styles);
  const tokens = splitMerged(read, decoder, styles);
  nameLinesApart(tokens, lines, styles);
  // Sentences to decode, each in the style of the line it starts on, and the Roman section labels decided on their own.
  const units: Unit[] = [];
  let sentence: Token[] = [];
  const flush = () => {
    if (sentence.length) units.push({ tokens: sentence, style: styles[sentence[0]!.line]! });
    sentence = [];
  };
  tokens.forEach((t, i) => {
    const roman = romanLabel(t, i === 0 || tokens[i - 1]!.line !== t.line, tokens[i + 1]);
    if (roman) {
      flush();
      units.push({ token: t, word: -1, output: roman, confidence: 1, changed: roman !== t.core });
      return;
    }
    sentence.push(t);
    if (t.end) flush();
  });
  flush();
  // A first reading, then readings that know which words the document uses and how it read each OCR form.
  const first = units.map((u) => ('tokens' in u ? decoder.decodeSentence(u.tokens, u.style) : [u]));
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const readings = readAgain(decoder, units, first, threshold);
  const decisions = readings.flat();
  capitaliseInCapitals(decisions);
  lowerCapitalsAmongSmall(decisions, styles);
  readQuarterNumerals(decisions);
  const lowConfidence: LowConfidenceToken[] = [];
  let words = 0;
  let changed = 0;
  for (const d of decisions) {
    if (d.token.kind === 'protected') {
      d.token.core = d.output; // as read, but for a quarter's numeral
      continue;
    }
    words++;
    if (d.changed) changed++;
    if (d.confidence < threshold)
      lowConfidence.push({ line: d.token.line + 1, original: d.token.core, output: d.output, confidence: Math.round(d.confidence * 100) / 100 });
    d.token.core = d.output;
  }
  // The style of most of the text, as the result's one word for it.
  const byStyle = new Map<InputStyle, number>();
  for (const t of tokens) byStyle.set(styles[t.line]!, (byStyle.get(styles[t.line]!) ?? 0) + 1);
  const style = [...byStyle].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'legacy';
  return { lines: detokenize(tokens, lines.length, lines), style, tokens: words, changed, lowConfidence };
}

/**
 * The stage: repair the pages as one text (sentences run across page breaks), then hand each page its lines. A
 * PDF's own typeset text is exact and is left as it is: the language model would "mend" a rare phrase into a
 * common one ("các ấp", hamlets, into "các cấp", levels).
 */
export function repair(doc: Doc, opts: RepairOptions = {}): Doc {
  const pages = doc.pages.filter((p) => !p.typeset);
  const result = repairLines(pages.flatMap((p) => p.lines), opts);
  let at = 0;
  for (const p of pages) {
    p.lines = result.lines.slice(at, at + p.lines.length);
    at += p.lines.length;
  }
  doc.repair = { tokens: result.tokens, changed: result.changed, lowConfidence: result.lowConfidence.length };
  // Line numbers count all pages' lines; normalise moves them onto the plan's text lines.
  for (const t of result.lowConfidence)
    doc.warnings.push({
      code: 'LOW_CONFIDENCE',
      message: `repair of "${t.original}" → "${t.output}" is uncertain (${Math.round(t.confidence * 100)} %)`,
      line: t.line,
    });
  return doc;
}
