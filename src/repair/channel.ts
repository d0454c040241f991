// The OCR channel: how likely an OCR token is, given the true syllable. Each true character (with its marks)
// turns into zero, one or two OCR characters, or the OCR adds a character of its own. The probabilities are
// learned from parallel text (src/scripts/build-channel.ts) and smoothed towards a prior that knows only
// what any OCR does: keep a letter, drop its marks, confuse it with another.
import { stripMarks } from './vietnamese.js';

export const CHANNEL_FORMAT = 'vnplan-channel/1';

export interface ChannelFile {
  format: string;
  version: string;
  /** "g\to" → count; g is one true character ('' for an inserted OCR character), o the OCR's 0–2 characters */
  counts: Record<string, number>;
  pairs: number;
  sources: string[];
  /** whole-token misreadings: "ocr\ttrue" → count, and each of those true words' count among all pairs */
  tokens?: Record<string, number>;
  tokenTotals?: Record<string, number>;
}

/** A word's characters as code points. */
export function codePoints(s: string): Int32Array {
  // As Int32Array.from(s, (c) => c.codePointAt(0)) reads them (a pair of surrogates as one, a lone one as itself),
  // without the string's iterator and a call a character: several times faster, and the index makes ~10 k at load.
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    out[n++] = c;
    if (c > 0xffff) i++;
  }
  return n === s.length ? out : out.slice(0, n);
}

/** The back-pointer of a cell reached by an OCR character that came from nothing. */
const INSERTION = 3;

/** How much the learned counts outweigh the prior: a pair seen this often is as sure as the prior. */
const PRIOR_WEIGHT = 3;
const LN = Math.log;
/** A two-character misreading seen this often is worth proposing as one letter. */
const MIN_PAIR = 10;

function base(c: string): string {
  return stripMarks(c);
}

/**
 * Glyphs an English-model OCR writes for marked letters that the training pairs barely hold, with the letters
 * they look like: "@" is an o (or an a) with a tail — "phu@ng" for "phường", "S@" for "Sở", "nh@n" for "nhận".
 * Such a glyph is confused with a true character as its look-alike letters are (Channel.op), and read as them
 * (CandidateIndex.readings).
 */
export const LOOKALIKES: ReadonlyMap<string, readonly string[]> = new Map([['@', ['o', 'a']]]);

/** What any OCR does to a character, before learning anything about this one. */
export function priorLogp(g: string, o: string): number {
  if (g === '') return LN(0.002);
  if (o === g) return LN(0.85);
  const bg = base(g);
  if (o === bg) return g === bg ? LN(0.85) : LN(0.4);
  if (o.length === 1 && base(o) === bg) return LN(0.05);
  if (o === '') return LN(0.004);
  if (o.length === 1) return LN(0.0008);
  if (o.includes(bg) || o.includes(g)) return LN(0.002);
  return LN(0.0001);
}

export class Channel {
  private readonly learned = new Map<string, number>();
  private readonly totals = new Map<string, number>();
  /** op's answers: OCR piece → true character's code point (−1: none, an insertion) → ln P. Keyed by number where it
   *  can be: the rows of a token ask for every true character against the same few pieces, and a string key is
   *  hashed anew for every new string. */
  private readonly cache = new Map<string, Map<number, number>>();
  /** a number for each set of letter classes bounds were asked with (skeletonBounds) */
  private readonly classSets = new WeakMap<Map<number, Int32Array>, number>();
  private classSetsSeen = 0;
  /** OCR characters that are not letters (digits, symbols), with the letters they were read for. */
  readonly readings = new Map<string, string[]>();
  /** Two-character OCR outputs seen for one true character ("ir" for "ứ"). */
  readonly pairsByFirst = new Map<string, Set<string>>();
  /** Letters a two-character OCR output was often read for ("ir" → "u"), most frequent first. */
  readonly pairReadings = new Map<string, string[]>();
  /** OCR tokens that were whole-token misreadings: ocr → true word → ln P(ocr | word) */
  readonly misreadings = new Map<string, Map<string, number>>();

  constructor(readonly file: ChannelFile) {
    for (const [key, n] of Object.entries(file.counts)) {
      const [g, o] = key.split('\t') as [string, string];
      this.learned.set(key, n);
      this.totals.set(g, (this.totals.get(g) ?? 0) + n);
      if (o.length === 2) {
        if (!this.pairsByFirst.has(o[0]!)) this.pairsByFirst.set(o[0]!, new Set());
        this.pairsByFirst.get(o[0]!)!.add(o);
      }
    }
    // Letters that OCR glyphs stand for, most frequent first (from the data, not a hand list).
    const byOcr = new Map<string, Map<string, number>>();
    for (const [key, n] of Object.entries(file.counts)) {
      const [g, o] = key.split('\t') as [string, string];
      if (o.length !== 1 || g === '' || /\p{L}/u.test(o)) continue;
      const b = base(g).toLowerCase();
      if (!/\p{L}/u.test(b)) continue;
      const m = byOcr.get(o) ?? new Map<string, number>();
      m.set(b, (m.get(b) ?? 0) + n);
      byOcr.set(o, m);
    }
    const byPair = new Map<string, Map<string, number>>();
    for (const [key, n] of Object.entries(file.counts)) {
      const [g, o] = key.split('\t') as [string, string];
      const b = base(g).toLowerCase();
      if (o.length !== 2 || n < MIN_PAIR || !/^[a-z]$/.test(b)) continue;
      const m = byPair.get(o) ?? new Map<string, number>();
      m.set(b, (m.get(b) ?? 0) + n);
      byPair.set(o, m);
    }
    for (const [o, m] of byPair) this.pairReadings.set(o, [...m].sort((a, b) => b[1] - a[1]).map(([l]) => l));
    for (const [key, n] of Object.entries(file.tokens ?? {})) {
      const [o, g] = key.split('\t') as [string, string];
      const total = file.tokenTotals?.[g] ?? n;
      if (!this.misreadings.has(o)) this.misreadings.set(o, new Map());
      this.misreadings.get(o)!.set(g, LN(n / (total + PRIOR_WEIGHT)));
    }
    for (const [o, m] of byOcr) {
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      const letters = [...m].filter(([, n]) => n >= 2 && n / total >= 0.05).sort((a, b) => b[1] - a[1]).map(([l]) => l);
      if (letters.length) this.readings.set(o, letters);
    }
  }

  /**
   * What the OCR most often writes for the true character g: its outputs of probability minP or more (the learned
   * ones, and g itself and g without its marks, which the prior expects), most likely first.
   */
  likelyOutputs(g: string, minP: number): [string, number][] {
    const outs = new Set([g, base(g)]);
    for (const key of this.learned.keys()) if (key.startsWith(`${g}\t`)) outs.add(key.slice(g.length + 1));
    return [...outs]
      .map((o): [string, number] => [o, Math.exp(this.op(g, o))])
      .filter(([, p]) => p >= minP)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  /** ln P(o | g) for one true character g (one code point; '' = an OCR insertion). */
  op(g: string, o: string): number {
    return this.opIn(this.opsOf(o), g, o);
  }

  /** op's answers for one OCR piece, by true character. */
  private opsOf(o: string): Map<number, number> {
    let byG = this.cache.get(o);
    if (!byG) this.cache.set(o, (byG = new Map()));
    return byG;
  }

  /** ln P(o | g) from a piece's answers; g a character or its code point ('' or −1: an insertion). */
  private opIn(byG: Map<number, number>, g: string | number, o: string): number {
    const key = typeof g === 'number' ? g : g === '' ? -1 : g.codePointAt(0)!;
    let v = byG.get(key);
    if (v !== undefined) return v;
    const alike = LOOKALIKES.get(o);
    if (alike && !this.readings.has(o)) {
      // A glyph the pairs never taught: the best of its look-alike letters' confusions with this character.
      v = -Infinity;
      for (const l of alike) v = Math.max(v, this.opIn(this.opsOf(l), key, l));
      byG.set(key, v);
    } else {
      g = typeof g === 'string' ? g : g < 0 ? '' : String.fromCodePoint(g);
      const n = this.learned.get(`${g}\t${o}`) ?? 0;
      const total = this.totals.get(g) ?? 0;
      const prior = Math.exp(priorLogp(g, o));
      v = LN((n + PRIOR_WEIGHT * prior) / (total + PRIOR_WEIGHT));
      byG.set(key, v);
    }
    return v;
  }

  /** ln P(ocr | truth): the score of the best alignment of the two, both lowercase. */
  logp(ocr: string, truth: string): number {
    const s = [...truth];
    const m = [...ocr].length;
    const chars = this.aligner(ocr)(s)[s.length * (m + 1) + m]!;
    const w = this.misreadings.get(ocr)?.get(truth);
    return w === undefined ? chars : Math.max(chars, w);
  }

  /**
   * ln P(ocr | truth) for each of many truths at once: the decoder's hot path (logp, one table per truth, is the
   * plain definition).
   */
  scoreAll(ocr: string, truths: string[]): Float64Array {
    // In alphabetical order, so that truths sharing a beginning follow one another (alignScores).
    const order = truths.map((_, k) => k).sort((a, b) => (truths[a]! < truths[b]! ? -1 : truths[a]! > truths[b]! ? 1 : 0));
    const sorted = this.alignScores(ocr, order.map((k) => codePoints(truths[k]!)));
    const whole = this.misreadings.get(ocr);
    const out = new Float64Array(truths.length);
    order.forEach((k, i) => (out[k] = Math.max(sorted[i]!, whole?.get(truths[k]!) ?? -Infinity)));
    return out;
  }

  /**
   * The alignment score (whole-token misreadings aside) of the OCR token with each truth, given as code points.
   * Row i of a truth's alignment table depends only on its first i characters, and a token's candidates share
   * their beginnings ("chương", "chưởng", "chường"): each truth's table starts from the rows of the longest
   * beginning it shares with the one before, so truths are best given in alphabetical order.
   */
  alignScores(ocr: string, truths: Int32Array[]): Float64Array {
    const o = [...ocr];
    return this.alignAll(o, truths, this.rowsOf(o));
  }

  /**
   * For each skeleton (letters without their marks, as code points), a bound on the alignment score of every truth
   * with that skeleton: the alignment with each letter's costs the best of its class's characters' (`classes`:
   * "a" → a, á, ă, ắ …). A truth's every alignment is one of the skeleton's, each step no dearer.
   */
  skeletonBounds(ocr: string, skeletons: Int32Array[], classes: Map<number, Int32Array>): Float64Array {
    const o = [...ocr];
    let set = this.classSets.get(classes);
    if (set === undefined) this.classSets.set(classes, (set = ++this.classSetsSeen));
    const letterRow = this.rowsBy(o, (byG, letter, piece) => this.bestOf(byG, classes, set, letter, piece));
    return this.alignAll(o, skeletons, letterRow);
  }

  /** The best ln P(o | g) of the characters g of a letter's class, kept with the piece's answers under a key no
   *  character has: negative, one per letter and set of classes (each skeleton index has its own vocabulary's). */
  private bestOf(byG: Map<number, number>, classes: Map<number, Int32Array>, set: number, letter: number, o: string): number {
    const key = -2 - letter - set * 0x110000;
    let v = byG.get(key);
    if (v === undefined) {
      v = -Infinity;
      for (const g of classes.get(letter) ?? [letter]) v = Math.max(v, this.opIn(byG, g, o));
      byG.set(key, v);
    }
    return v;
  }

  /** The alignment scores of the OCR characters o with each truth (code points), a true character's costs given by
   *  `row` (rowsOf), each truth's table starting from the rows it shares with the one before. */
  private alignAll(o: string[], truths: Int32Array[], row: (g: number) => Float64Array): Float64Array {
    const m = o.length;
    const W = m + 1;
    const inserted = o.map((c) => this.op('', c));
    let longest = 0;
    for (const t of truths) longest = Math.max(longest, t.length);
    const dp = new Float64Array((longest + 1) * W).fill(-Infinity);
    dp[0] = 0;
    // Fill row 0's insertions once: OCR characters from nothing before any true one.
    for (let j = 0; j < m; j++) dp[j + 1] = dp[j]! + inserted[j]!;
    const out = new Float64Array(truths.length);
    let before: Int32Array = new Int32Array(0);
    for (let k = 0; k < truths.length; k++) {
      const s = truths[k]!;
      let shared = 0;
      while (shared < s.length && shared < before.length && s[shared] === before[shared]) shared++;
      // Rows 0 … shared are the ones the last truth left; rows past them are made again.
      for (let i = shared; i < s.length; i++) {
        const r = row(s[i]!);
        const next = (i + 1) * W;
        dp.fill(-Infinity, next, next + W);
        for (let j = 0; j <= m; j++) {
          const cur = dp[i * W + j]!;
          if (cur === -Infinity) continue;
          for (let step = 0; step <= 2 && j + step <= m; step++) {
            const v = cur + r[3 * j + step]!;
            if (v > dp[next + j + step]!) dp[next + j + step] = v;
          }
        }
        // Insertions within the new row, left to right (each reads the cell it extends, as the table does).
        for (let j = 0; j < m; j++) {
          const v = dp[next + j]! + inserted[j]!;
          if (v > dp[next + j + 1]!) dp[next + j + 1] = v;
        }
      }
      out[k] = dp[s.length * W + m]!;
      before = s;
    }
    return out;
  }

  /** The best alignment, as (true character, OCR characters) operations. */
  align(ocr: string, truth: string): { score: number; ops: [string, string][] } {
    const s = [...truth];
    const o = [...ocr];
    const n = s.length;
    const m = o.length;
    const W = m + 1;
    const back = new Int8Array((n + 1) * W);
    const dp = this.aligner(ocr)(s, back);
    const ops: [string, string][] = [];
    let i = n;
    let j = m;
    while (i > 0 || j > 0) {
      const b = back[i * W + j]!;
      if (b === INSERTION) {
        ops.push(['', o[j - 1]!]);
        j -= 1;
      } else {
        ops.push([s[i - 1]!, o.slice(j - b, j).join('')]);
        i -= 1;
        j -= b;
      }
    }
    return { score: dp[n * W + m]!, ops: ops.reverse() };
  }

  /** A true character's costs at each OCR position j of the token o: giving nothing, o[j], or o[j] o[j+1]. */
  private rowsOf(o: string[]): (g: string | number) => Float64Array {
    const row = this.rowsBy(o, (byG, g, piece) => this.opIn(byG, g, piece));
    return (g) => row(typeof g === 'number' ? g : g.codePointAt(0)!);
  }

  /** Rows of costs, by code point, at each OCR position j of the token o (nothing, o[j], o[j] o[j+1]), each cost
   *  given by `cost` from the piece's answers; each row made once per token. */
  private rowsBy(o: string[], cost: (byG: Map<number, number>, key: number, piece: string) => number): (key: number) => Float64Array {
    const m = o.length;
    const pairs = o.slice(1).map((c, j) => o[j]! + c);
    // Each piece's answers looked up once per token, not once per true character.
    const none = this.opsOf('');
    const singles = o.map((c) => this.opsOf(c));
    const doubles = pairs.map((p) => this.opsOf(p));
    const rows = new Map<number, Float64Array>();
    return (key) => {
      let r = rows.get(key);
      if (!r) {
        r = new Float64Array(3 * (m + 1)).fill(-Infinity);
        const nothing = cost(none, key, '');
        for (let j = 0; j <= m; j++) {
          r[3 * j] = nothing;
          if (j < m) r[3 * j + 1] = cost(singles[j]!, key, o[j]!);
          if (j + 1 < m) r[3 * j + 2] = cost(doubles[j]!, key, pairs[j]!);
        }
        rows.set(key, r);
      }
      return r;
    };
  }

  /**
   * The alignment tables of an OCR token: dp[i·(m+1) + j] = best ln-probability of true characters s[0, i) giving
   * OCR characters o[0, j). Each true character gives 0, 1 or 2 OCR characters; an OCR character may also come from
   * nothing. The token's side — its characters' costs as insertions, and each true character's costs against its
   * pieces — is worked out once for all the truths it is aligned with. With `back`, each cell records its move (the
   * OCR characters consumed, or INSERTION).
   */
  private aligner(ocr: string): (s: string[], back?: Int8Array) => Float64Array {
    const o = [...ocr];
    const m = o.length;
    const W = m + 1;
    const inserted = o.map((c) => this.op('', c));
    const row = this.rowsOf(o);
    return (s, back) => {
      const n = s.length;
      const dp = new Float64Array((n + 1) * W).fill(-Infinity);
      dp[0] = 0;
      for (let i = 0; i <= n; i++) {
        const r = i < n ? row(s[i]!) : undefined;
        for (let j = 0; j <= m; j++) {
          const cur = dp[i * W + j]!;
          if (cur === -Infinity) continue;
          if (j < m) {
            const v = cur + inserted[j]!;
            if (v > dp[i * W + j + 1]!) {
              dp[i * W + j + 1] = v;
              if (back) back[i * W + j + 1] = INSERTION;
            }
          }
          if (!r) continue;
          for (let k = 0; k <= 2 && j + k <= m; k++) {
            const v = cur + r[3 * j + k]!;
            const at = (i + 1) * W + j + k;
            if (v > dp[at]!) {
              dp[at] = v;
              if (back) back[at] = k;
            }
          }
        }
      }
      return dp;
    };
  }
}
