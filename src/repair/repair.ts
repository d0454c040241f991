// Stage 3 — repair: restore Vietnamese diacritics and undo OCR errors, line for line (line N of the output is
// line N of the input), with a confidence per token.
import type { Doc } from '../model/document.js';
import { assessText } from '../ingest/textQuality.js';
import { documentCache } from './cache.js';
import { Decoder, type Bias, type Decision, type InputStyle } from './decoder.js';
import { loadRepairModels } from './models.js';
import { detokenize, tokenize, type Token } from './tokens.js';
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
  style: InputStyle;
  tokens: number;
  changed: number;
  lowConfidence: LowConfidenceToken[];
}

export const DEFAULT_THRESHOLD = 0.5;

/** English-model OCR keeps some marks (é, ¢) but loses most; typed text without marks has none at all. */
export function detectStyle(text: string): InputStyle {
  const q = assessText(text);
  if (q.verdict === 'good') return 'vietnamese';
  if (q.words > 0 && q.markedShare < 0.03 && !/[0-9][\p{L}]|[\p{L}][0-9]|[¢€]/u.test(text)) return 'plain';
  return 'legacy';
}

const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

/**
 * "I11." / "1V." / "Il." at the head of a line are section numerals the OCR read as digits and l's; so is a lone
 * "L" before a capitalised heading ("L Mục đích" for "I. Mục đích": no Vietnamese word is one L).
 */
function romanLabel(t: Token, firstOnLine: boolean, next: Token | undefined): string | null {
  if (!firstOnLine) return null;
  if (t.core === 'L' && !t.suffix && next?.line === t.line && /^\p{Lu}\p{Ll}/u.test(next.core)) return 'I';
  if (!/^[.)]/.test(t.suffix) || !/^[IVXl1]{1,4}$/.test(t.core) || !/[IV]/.test(t.core)) return null;
  const r = t.core.replace(/[l1]/g, 'I');
  return ROMAN.test(r) ? r : null;
}

/**
 * A quarter's Roman numeral an OCR wrote with digits ("Quý I11/2026", "quý 1V năm 2025"): after "quý", a numeral
 * with at least one Roman letter that reads as I–IV is written as one. Plain digits ("Quý 1/2026") stay.
 */
function readQuarterNumerals(decisions: Decision[]): void {
  decisions.forEach((d, i) => {
    const prev = decisions[i - 1];
    if (!prev || stripMarks(prev.output).toLowerCase() !== 'quy') return;
    // The token as read: the decoder may have taken "1V" for a word.
    const m = d.token.core.match(/^([IVl1]{1,4})(?=$|[/,])/);
    if (!m || !/[IV]/.test(m[1]!)) return;
    const roman = m[1]!.replace(/[l1]/g, 'I');
    if (!['I', 'II', 'III', 'IV'].includes(roman) || roman === m[1]) return;
    d.output = roman + d.token.core.slice(m[1]!.length);
    d.changed = d.output !== d.token.core;
  });
}

/** Tokens an OCR glued together ("donvi") become two, with the space put back. */
function splitMerged(tokens: Token[], decoder: Decoder, style: InputStyle): Token[] {
  return tokens.flatMap((t) => {
    if (t.kind !== 'word') return [t];
    const k = decoder.splitPoint(t.core, style);
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

export function repairLines(lines: string[], opts: RepairOptions = {}): RepairResult {
  const decoder = opts.decoder ?? loadRepairModels().decoder;
  const style = !opts.style || opts.style === 'auto' ? detectStyle(lines.join('\n')) : opts.style;
  const tokens = splitMerged(tokenize(lines), decoder, style);
  // Sentences to decode, and the Roman section labels decided on their own.
  const units: (Token[] | Decision)[] = [];
  let sentence: Token[] = [];
  const flush = () => {
    if (sentence.length) units.push(sentence);
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
  const decode = (bias?: Bias) => units.flatMap((u) => (Array.isArray(u) ? decoder.decodeSentence(u, style, bias) : [u]));
  // A first reading, then readings that know which words the document uses and how it read each OCR form.
  let decisions = decode();
  const cache = decoder.params.cache;
  if (cache.weight > 0 || cache.form[style] > 0)
    for (let pass = 1; pass < cache.passes[style]; pass++) decisions = decode(documentCache(decoder.lm, decisions, cache, style));
  capitaliseInCapitals(decisions);
  readQuarterNumerals(decisions);
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
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
  return { lines: detokenize(tokens, lines.length, lines), style, tokens: words, changed, lowConfidence };
}

/** The stage: repair all pages as one text (sentences run across page breaks), then hand each page its lines. */
export function repair(doc: Doc, opts: RepairOptions = {}): Doc {
  const all = doc.pages.flatMap((p) => p.lines);
  const result = repairLines(all, opts);
  let at = 0;
  for (const p of doc.pages) {
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
