// The Vietnamese syllable trigram language model: modified Kneser–Ney in backoff form over lowercase syllables,
// with 8-bit quantised log-probabilities and backoff weights. Bigrams are sorted keys found through an open-addressing hash table built at
// load time; the trigrams of a context (a b) sit in a sorted run that bigram (a b) points to, so a trigram costs
// one bigram lookup and a short binary search, and no table of their own. The file is uncompressed, to load
// fast. It is made by `npm run build:lm` (src/scripts/build-lm.ts).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { BOS, COMMA, EOS, NUM, UNK } from './lmTokens.js';
import { SectionReader, writeSections } from '../util/sections.js';

export const LM_FORMAT = 'vnplan-lm/3';
/** -ln p is stored ×8 in a byte: 0.125-nat steps down to −31.9. */
export const QUANT = 8;

export interface LmHeader {
  format: string;
  version: string;
  order: number;
  vocab: number;
  bigrams: number;
  trigrams: number;
  tokens: number;
  sources: string[];
  /** domain weighting (scripts/domain-weight.ts): the in-domain text, and the corpus share counted `times` times */
  domain?: { documents: string[]; share: number; times: number; /** the in-domain text itself, counted this many times */ text?: number };
}

export interface LmArrays {
  vocab: string[];
  /** ln of each word's corpus frequency (choosing candidates) */
  uni: Uint8Array;
  /** the smoothed unigram the bigrams back off to */
  uniKn: Uint8Array;
  /** ln α of each word as a bigram context, ×QUANT, signed */
  uniAlpha: Int8Array;
  biKeys: Uint32Array;
  biVals: Uint8Array;
  /** ln α of each kept bigram as a trigram context, ×QUANT, signed */
  biAlpha: Int8Array;
  /** trigrams of context bigram i: indices triStart[i] … triStart[i + 1] − 1, sorted by their last word */
  triStart: Uint32Array;
  triLast: Uint16Array;
  triVals: Uint8Array;
}

/** Bigram answers kept in the small table of recent ones (a power of two: 2¹⁶ × 8 bytes). */
const RECENT = 1 << 16;
const EMPTY = -2;

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function tableSize(n: number): number {
  let size = 1024;
  while (size < n * 1.6) size *= 2;
  return size;
}

/** The first index of the sorted arr[lo, hi) whose value is not below key (hi if none): a binary search with one
 *  test a step, not an early exit on a match — ~1.35× faster on the search's rows (fewer branches to mispredict).
 *  One copy per array type: a search that meets both kinds reads their elements through a polymorphic load, the
 *  hot loops' dearest step. */
function lowerBound16(arr: Uint16Array, lo: number, hi: number, key: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The same over packed bigrams (biPacked), by their next word, the high 16 bits. */
function lowerBoundWord(arr: Uint32Array, lo: number, hi: number, word: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! >>> 16 < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LanguageModel {
  readonly header: LmHeader;
  readonly vocab: string[];
  private readonly ids = new Map<string, number>();
  private readonly uni: Uint8Array;
  private readonly uniKn: Uint8Array;
  private readonly uniAlpha: Int8Array;
  private readonly biVals: Uint8Array;
  private readonly biAlpha: Int8Array;
  /** open addressing, slot s = [key, index] side by side: a probe reads one cache line, not the table and then the keys */
  private readonly biTable: Int32Array;
  /** recent bigram answers, slot m = [key, index] side by side (one cache line read, not two) */
  private readonly recentBigrams = new Int32Array(2 * RECENT).fill(EMPTY);
  /** recent trigram answers, slot = [(a b) as one number, c, score × QUANT] side by side: every score is a whole
   *  number of 1/QUANT steps (quantised values and their sums), so it is kept exactly as an integer */
  private readonly recentTrigrams = new Int32Array(3 * RECENT).fill(-1);
  /** bigramsOf's answer, kept from call to call */
  private found = new Int32Array(0);
  /** bigrams of context word b: indices biStart[b] … biStart[b + 1] − 1 (the keys are sorted, so a word's follow it
   *  in order of the next word) */
  private readonly biStart: Uint32Array;
  /** bigram i as one number: its next word (the high 16 bits), −ln p ×QUANT, and ln α as a trigram context (a
   *  signed byte). A word's row of bigrams is searched in these: the score is then in the cache line the search
   *  ended on, where biVals would cost a trip to memory of its own (~1.25× faster rows). */
  private readonly biPacked: Uint32Array;
  private readonly triStart: Uint32Array;
  private readonly triLast: Uint16Array;
  private readonly triVals: Uint8Array;
  readonly bos: number;
  /** the sentence end, or −1 in a model built without it */
  readonly eos: number;
  /** a comma inside a sentence, or −1 in a model built without it */
  readonly comma: number;
  readonly unk: number;
  readonly num: number;

  constructor(header: LmHeader, a: LmArrays) {
    this.header = header;
    this.vocab = a.vocab;
    a.vocab.forEach((w, i) => this.ids.set(w, i));
    this.uni = a.uni;
    this.uniKn = a.uniKn;
    this.uniAlpha = a.uniAlpha;
    this.biVals = a.biVals;
    this.biAlpha = a.biAlpha;
    this.triStart = a.triStart;
    this.triLast = a.triLast;
    this.triVals = a.triVals;
    this.biPacked = new Uint32Array(a.biKeys.length);
    for (let i = 0; i < a.biKeys.length; i++) this.biPacked[i] = (((a.biKeys[i]! & 0xffff) << 16) | (a.biVals[i]! << 8) | (a.biAlpha[i]! & 0xff)) >>> 0;
    this.biStart = new Uint32Array(a.vocab.length + 1);
    for (let b = 0, i = 0; b <= a.vocab.length; b++) {
      while (i < a.biKeys.length && a.biKeys[i]! >>> 16 < b) i++;
      this.biStart[b] = i;
    }
    this.biTable = new Int32Array(2 * tableSize(a.biKeys.length)).fill(-1);
    for (let i = 0; i < a.biKeys.length; i++) this.insert(a.biKeys[i]!, i);
    this.bos = this.ids.get(BOS)!;
    this.eos = this.ids.get(EOS) ?? -1;
    this.comma = this.ids.get(COMMA) ?? -1;
    this.unk = this.ids.get(UNK)!;
    this.num = this.ids.get(NUM)!;
  }

  private insert(key: number, i: number): void {
    const table = this.biTable;
    const mask = (table.length >>> 1) - 1;
    let slot = mix(key) & mask;
    while (table[2 * slot + 1] !== -1) slot = (slot + 1) & mask;
    table[2 * slot] = key | 0;
    table[2 * slot + 1] = i;
  }

  id(word: string): number {
    return this.ids.get(word) ?? this.unk;
  }

  has(word: string): boolean {
    return this.ids.has(word);
  }

  /** ln of the word's corpus frequency (not the smoothed unigram the LM backs off to) */
  unigram(w: number): number {
    return -this.uni[w]! / QUANT;
  }

  private bigramIndex(a: number, b: number): number {
    const key = ((a << 16) | b) >>> 0;
    const h = mix(key);
    // A document asks for the same few thousand bigrams over and over: a small table of the last answers, which
    // stays in the processor's cache, spares most lookups in the big one (each a trip to main memory).
    const m = h & (RECENT - 1);
    const recent = this.recentBigrams;
    if (recent[2 * m] === (key | 0) && recent[2 * m + 1] !== EMPTY) return recent[2 * m + 1]!;
    const table = this.biTable;
    const mask = (table.length >>> 1) - 1;
    const signed = key | 0;
    let slot = h & mask;
    let found = -1;
    for (;;) {
      const i = table[2 * slot + 1]!;
      if (i === -1) break;
      if (table[2 * slot] === signed) {
        found = i;
        break;
      }
      slot = (slot + 1) & mask;
    }
    recent[2 * m] = key | 0;
    recent[2 * m + 1] = found;
    return found;
  }

  /** The trigram (context bigram ctx, c), or −1: a binary search in the context's sorted run. */
  private lastIndex(ctx: number, c: number): number {
    const end = this.triStart[ctx + 1]!;
    const at = lowerBound16(this.triLast, this.triStart[ctx]!, end, c);
    return at < end && this.triLast[at] === c ? at : -1;
  }

  /** ln P(c | a b); a and b may be the sentence start. */
  score(a: number, b: number, c: number): number {
    // The decoder weighs the same few words in the same neighbours reading after reading: recent answers are kept.
    const pair = ((a << 16) | b) | 0;
    const slot = (mix(pair ^ Math.imul(c, 0x9e3779b1)) & (RECENT - 1)) >>> 0;
    const recent = this.recentTrigrams;
    const at = 3 * slot;
    if (recent[at] === pair && recent[at + 1] === c) return recent[at + 2]! / QUANT;
    const ctx = this.bigramIndex(a, b);
    const t = ctx < 0 ? -1 : this.lastIndex(ctx, c);
    // Back off: the bigram score, only when it is needed.
    const v = t >= 0 ? -this.triVals[t]! / QUANT : (ctx < 0 ? 0 : this.biAlpha[ctx]! / QUANT) + this.score2(b, c);
    recent[at] = pair;
    recent[at + 1] = c;
    recent[at + 2] = Math.round(v * QUANT);
    return v;
  }

  /**
   * ln P(c | a b) for every c of `cs`, given the bigram scores P(c | b) (the back-off) at scores[from + k], into
   * scores[to + k]: the search's rows (lattice.ts). The context's trigrams are sorted by last word, so with the c
   * taken in increasing id order (`order`) each binary search starts where the last one ended.
   */
  trigramsInto(a: number, b: number, cs: Int32Array, order: Int32Array, scores: Float32Array, from: number, to: number): void {
    const ctx = this.bigramIndex(a, b);
    if (ctx < 0) {
      for (let k = 0; k < cs.length; k++) scores[to + k] = scores[from + k]!;
      return;
    }
    const alpha = this.biAlpha[ctx]! / QUANT;
    const last = this.triLast;
    const end = this.triStart[ctx + 1]!;
    let next = this.triStart[ctx]!;
    for (let k = 0; k < order.length; k++) {
      const j = order[k]!;
      const c = cs[j]!;
      const at = lowerBound16(last, next, end, c);
      scores[to + j] = at < end && last[at] === c ? -this.triVals[at]! / QUANT : alpha + scores[from + j]!;
      next = at;
    }
  }

  /**
   * For each word w of `ws`, the index of the bigram (a w) among the model's, or −1: with the w taken in increasing id
   * order (`order`), one walk through a's bigrams, each search starting where the last one ended — the lookups stay
   * in a few cache lines, where bigramIndex's each probe a table far larger than the processor's cache. The answer
   * is an array kept for the next call (read it before asking again).
   */
  private bigramsOf(a: number, ws: Int32Array, order: Int32Array): Int32Array {
    if (this.found.length < ws.length) this.found = new Int32Array(ws.length);
    const found = this.found;
    const packed = this.biPacked;
    const end = this.biStart[a + 1]!;
    let next = this.biStart[a]!;
    for (let k = 0; k < order.length; k++) {
      const j = order[k]!;
      const w = ws[j]!;
      const at = lowerBoundWord(packed, next, end, w);
      found[j] = at < end && packed[at]! >>> 16 === w ? at : -1;
      next = at;
    }
    return found;
  }

  /** ln P(c | b) for every c of `cs` into scores[to + k], as score2 gives it (the contexts found by bigramsOf). */
  bigramsInto(b: number, cs: Int32Array, order: Int32Array, scores: Float32Array, to: number): void {
    const found = this.bigramsOf(b, cs, order);
    const alpha = this.uniAlpha[b]! / QUANT;
    const packed = this.biPacked;
    for (let j = 0; j < cs.length; j++) {
      const at = found[j]!;
      scores[to + j] = at >= 0 ? -((packed[at]! >>> 8) & 0xff) / QUANT : alpha - this.uniKn[cs[j]!]! / QUANT;
    }
  }

  /**
   * ln P(c | a o) for every o of `os` into scores[to + k], as score gives it, the contexts (a o) found by bigramsOf
   * where score probes the table for each: the rows a token's confidence reads (lattice.ts `between`).
   */
  betweenInto(a: number, c: number, os: Int32Array, order: Int32Array, scores: Float32Array, to: number): void {
    const found = this.bigramsOf(a, os, order);
    for (let j = 0; j < os.length; j++) {
      const ctx = found[j]!;
      const t = ctx < 0 ? -1 : this.lastIndex(ctx, c);
      // (The back-off weight from the packed bigram the search just read, not from biAlpha: no trip to memory.)
      scores[to + j] = t >= 0 ? -this.triVals[t]! / QUANT : (ctx < 0 ? 0 : ((this.biPacked[ctx]! << 24) >> 24) / QUANT) + this.score2(os[j]!, c);
    }
  }

  /** ln P(c | o b) for every o of `os` into scores[to + k], as score gives it, with the back-off's ln P(c | b) looked
   *  up once (lattice.ts `before`). */
  beforeInto(b: number, c: number, os: Int32Array, scores: Float32Array, to: number): void {
    const back = this.score2(b, c);
    for (let k = 0; k < os.length; k++) {
      const ctx = this.bigramIndex(os[k]!, b);
      const t = ctx < 0 ? -1 : this.lastIndex(ctx, c);
      scores[to + k] = t >= 0 ? -this.triVals[t]! / QUANT : (ctx < 0 ? 0 : this.biAlpha[ctx]! / QUANT) + back;
    }
  }

  /** ln P(c | b) */
  score2(b: number, c: number): number {
    const i = this.bigramIndex(b, c);
    if (i >= 0) return -this.biVals[i]! / QUANT;
    return this.uniAlpha[b]! / QUANT - this.uniKn[c]! / QUANT;
  }
}

/** Binary layout: "VNLM" | header JSON | vocab (\n-joined UTF-8) | arrays, each a section (util/sections.ts). */
export function serializeLm(header: LmHeader, a: LmArrays): Buffer {
  return writeSections('VNLM', [
    Buffer.from(JSON.stringify(header)),
    Buffer.from(a.vocab.join('\n')),
    ...[a.uni, a.uniKn, a.uniAlpha, a.biKeys, a.biVals, a.biAlpha, a.triStart, a.triLast, a.triVals],
  ]);
}

export function parseLm(buf: Buffer): LanguageModel {
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  const file = new SectionReader(buf, 'VNLM', 'vnplan language model file');
  const header = JSON.parse(file.text()) as LmHeader;
  if (header.format !== LM_FORMAT) throw new Error(`language model format ${header.format}, expected ${LM_FORMAT}`);
  const vocab = file.text().split('\n');
  return new LanguageModel(header, {
    vocab,
    uni: file.array(Uint8Array),
    uniKn: file.array(Uint8Array),
    uniAlpha: file.array(Int8Array),
    biKeys: file.array(Uint32Array),
    biVals: file.array(Uint8Array),
    biAlpha: file.array(Int8Array),
    triStart: file.array(Uint32Array),
    triLast: file.array(Uint16Array),
    triVals: file.array(Uint8Array),
  });
}

export function loadLm(path: string): LanguageModel {
  return parseLm(readFileSync(path));
}
