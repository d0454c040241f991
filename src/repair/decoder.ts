// The decoder: for each sentence, the sequence of candidates that maximises
//   Σ channel(ocr | word) + λ · Σ LM(word | two words before)
// by second-order Viterbi over the candidate lattice, then a confidence per token from the local posterior.
import { LRUCache } from 'lru-cache';
import type { CacheParams } from './cache.js';
import type { CandidateIndex } from './candidates.js';
import { LmRows, bestPath, makeLayer, rescored, type Layer } from './lattice.js';
import type { LanguageModel } from './lm.js';
import type { NameModel } from './names.js';
import { NUM } from './lmTokens.js';
import type { Token } from './tokens.js';
import { applyCase, isVietnameseSyllable, placeTone, stripMarks } from './vietnamese.js';

export type InputStyle = 'legacy' | 'plain' | 'vietnamese';

export interface DecoderParams {
  /** weight of the LM against the channel, per input style (typed text has nothing but the LM to go on) */
  lmWeight: Record<InputStyle, number>;
  /** candidates kept per token */
  beam: number;
  /** weight of a word's frequency when choosing which candidates to keep */
  unigramRank: number;
  /** ln-bonus for leaving a token as it is, per input style */
  keepBonus: Record<InputStyle, number>;
  /** letters (marks aside) a candidate may differ by, per input style: typed text only lost its marks */
  maxEdits: Record<InputStyle, number>;
  /** ln-score of an OCR token that is no vocabulary word, kept as is */
  unknownKeep: number;
  /** further ln-penalty when that token, not in capitals (an abbreviation), is not even shaped like a syllable
   *  ("timg", "chire"): a misread word */
  unknownShapeless: number;
  /** states (pairs of neighbouring options) kept per position of the Viterbi search (16: the seeds' readings as
   *  with 24; 12 lost "Thời gian" where a line starts "Thot gian"; 8 cost 0.1 point of the held-out text) */
  states: number;
  /** …and of those only the ones within this (ln) of the position's best, per input style. Legacy OCR 9: the
   *  seeds' readings as with 12 (98.04 % leave-one-out), the dev documents' legacy text 0.01 point better, 29 % fewer
   *  LM rows asked for than with 12 (12 read as with none, ~12 % faster than it), but one "lộ" of "lộ trình" in each
   *  of seeds 003 and 004 (no gold) is read "1": it falls 9 behind before "trình" brings it back (10 loses 003's, 11
   *  neither); 8 lost a word of seed 000 too. Text typed without marks 8: its options have no channel score to tell
   *  them apart, so far more states stay within 12 of the best, and the LM alone rarely brings one back from 8
   *  behind — the held-out sentences as with 12 (news 96.97 %, wiki 96.97 / 96.94 %: 0.01 point less with
   *  alphanumerics), the dev documents' typed text the same, ~1.2× the syllables a second; 6 cost 0.04–0.08 point,
   *  4 up to 0.35. */
  stateGap: Record<InputStyle, number>;
  /** ln-penalty of a candidate that is no Vietnamese syllable (an abbreviation, a foreign word) for a token
   *  that is not in capitals: OCR noise resembles short foreign words far more often than it is one */
  foreign: number;
  /** the document cache (cache.ts): its weights, prior and number of readings */
  cache: CacheParams;
  /** weight of the name model (names.ts) on a name's words (nameRun), per input style: where the marks are lost,
   *  how often a reading is written as a name's syllable tells "Định An" (a place) from "dính án" */
  nameWeight: Record<InputStyle, number>;
  /** the LM's weight between a name's words, as a share of lmWeight: the language's word pairs do not choose a
   *  place's or a person's names ("Đông Phước" is a ward, where the LM reads "đồng phục", a uniform) */
  nameLm: number;
  /** options (the token kept aside) whose channel and frequency together fall this far (ln) below the token's
   *  best option's are dropped before the search, per input style (legacy 11: 13.6 options a token of the dev
   *  documents' legacy text, 14.0 with 12, the same readings of the seeds and the dev documents and the same eval,
   *  ~3.5 % faster than 12; 10 lost "lộ" and "yêu" there, 8 "trưởng" and "cường" too; a Vietnamese OCR's text lost
   *  points of text at 8, and keeps every option) */
  optionGap: Record<InputStyle, number>;
}

export const DEFAULT_PARAMS: DecoderParams = {
  lmWeight: { legacy: 0.8, plain: 0.8, vietnamese: 1.3 },
  beam: 16,
  unigramRank: 1,
  states: 16,
  stateGap: { legacy: 9, plain: 8, vietnamese: 12 },
  keepBonus: { legacy: 0, plain: 0, vietnamese: 3 },
  maxEdits: { legacy: 2, plain: 0, vietnamese: 2 },
  unknownKeep: -6,
  unknownShapeless: -4,
  foreign: -4,
  cache: { weight: 0.5, prior: 500, form: { legacy: 0.5, plain: 0, vietnamese: 0.5 }, passes: { legacy: 3, plain: 2, vietnamese: 4 } },
  nameWeight: { legacy: 1, plain: 0.5, vietnamese: 0 },
  nameLm: 0.5,
  optionGap: { legacy: 11, plain: 12, vietnamese: Infinity },
};

/** A word with a capital and small letters after it ("Phuoc", "Dinh"). */
const TITLE_CASE = /^\p{Lu}[\p{Ll}\p{M}]+$/u;

/** Words a name follows (folded): the administrative units a place name comes after, and how a person is named. */
const NAME_AFTER = ['thanh pho', 'thi xa', 'thi tran', 'phuong', 'xa', 'huyen', 'quan', 'tinh', 'ap', 'thon', 'to dan pho', 'khu pho', 'dong chi', 'ong', 'ba'];

/**
 * Which tokens of a sentence are a name's: capitalised words after a word a name follows ("huyện Dinh An", "đồng
 * chí Le Van Nam"), or before the date at a line's start ("Dinh An, ngay …"). Not every run of capitals: a table's
 * cells flattened into a line start with capitals side by side ("Thang Thang Phong"), and a capital may only start
 * a sentence.
 */
function nameRun(tokens: Token[]): boolean[] {
  const fold = (t: Token | undefined) => (t ? stripMarks(t.core).toLowerCase() : '');
  const cap = tokens.map((t) => t.kind === 'word' && TITLE_CASE.test(t.core));
  const out = tokens.map(() => false);
  for (let a = 0; a < tokens.length; a++) {
    if (!cap[a]) continue;
    let b = a;
    while (b + 1 < tokens.length && cap[b + 1] && tokens[b + 1]!.line === tokens[b]!.line && !/[,.;:]/.test(tokens[b]!.suffix)) b++;
    const before = tokens.slice(Math.max(0, a - 3), a).map(fold);
    const introduced = NAME_AFTER.some((w) => {
      const n = w.split(' ').length;
      return before.length >= n && before.slice(-n).join(' ') === w && !/[,.;:]/.test(tokens[a - 1]!.suffix);
    });
    const placeAndDate = (a === 0 || tokens[a - 1]!.line !== tokens[a]!.line) && tokens[b]!.suffix.includes(',') && fold(tokens[b + 1]) === 'ngay';
    if (introduced || placeAndDate) out.fill(true, a, b + 1);
    a = b;
  }
  return out;
}

/** The options' local scores of the token whose confidence is being worked out (a wider layer, should a beam ask for
 *  one, gets an array of its own). */
const SCRATCH = new Float64Array(64);

/** OCR forms whose candidates and scores are kept (~1 kB each). */
const FORMS_KEPT = 50_000;

/** ln-cost of a space the OCR lost, and how much better two words must read than one to split a token */
const LOST_SPACE = -1.5;
const SPLIT_MARGIN = 0;

interface Option {
  form: string;
  id: number;
  score: number;
  /** true when this option is the token itself, unchanged */
  keep: boolean;
}

/** An OCR form's options under a style, and the same as the lattice layer the search reads. */
interface FormOptions {
  style: InputStyle;
  core: string;
  kind: Token['kind'];
  opts: Option[];
  layer: Layer;
}

/** What a reading of a document moved in its cache (rereading.ts): the OCR forms, and the words, whose bonus it moved. */
export interface Touched {
  forms: Set<string>;
  words: Set<number>;
}

/** An ln-bonus for reading token t as word id, from evidence outside its sentence (the document cache). */
export type Bias = (t: Token, id: number) => number;

export interface Decision {
  token: Token;
  /** the LM id of the reading chosen (the unknown-word id for a token kept as it is and not in the vocabulary) */
  word: number;
  output: string;
  confidence: number;
  changed: boolean;
}

export class Decoder {
  // Work per OCR form, kept for the forms met most recently: a batch reads the same forms again and again (a
  // document has a few thousand), but a gigabyte of old OCR text holds millions, so the caches are bounded.
  // (A form's candidates are kept by its CandidateIndex, whatever their case.)
  /** a form's options, and the same as the lattice layer the search reads */
  private readonly cache = new LRUCache<string, FormOptions>({ max: FORMS_KEPT });
  private readonly splits = new LRUCache<string, number>({ max: FORMS_KEPT });
  private readonly commaLayer: Layer;
  private readonly commaOption: Option;
  private readonly bosLayer: Layer;
  private readonly rows: LmRows;

  constructor(
    readonly lm: LanguageModel,
    /** candidates under the English-model OCR channel (legacy OCR and plain text) */
    private readonly index: CandidateIndex,
    readonly params: DecoderParams = DEFAULT_PARAMS,
    /** candidates under the Vietnamese-model OCR channel, for text that is already Vietnamese */
    private readonly vieIndex: CandidateIndex = index,
    /** how often syllables are written as names' (none: no name weighting) */
    private readonly names: NameModel | null = null,
  ) {
    this.commaLayer = makeLayer([lm.comma], [0]);
    this.commaOption = { form: ',', id: lm.comma, score: 0, keep: true };
    this.bosLayer = makeLayer([lm.bos], [0]);
    this.rows = new LmRows(lm, params.beam + 1);
  }

  private options(t: Token, style: InputStyle): Option[] {
    return this.layerOf(t, style).opts;
  }

  /**
   * A token's options, with their lattice layer: worked out once per OCR form (its case included), and kept on the
   * token as well. Each reading of a document asks for every token's options several times, and the lookup by
   * form (a key made, a bounded cache's bookkeeping) cost a sixth of the repair of text typed without marks.
   */
  private layerOf(t: Token, style: InputStyle): FormOptions {
    const kept = t.options as FormOptions | undefined;
    // The same token object under another style, or copied with another core (a split), looks its form up anew.
    if (kept !== undefined && kept.style === style && kept.core === t.core && kept.kind === t.kind) return kept;
    const key = `${style}\u0000${t.kind}\u0000${t.core}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const opts = this.build(t, style);
      this.cache.set(key, (hit = { style, core: t.core, kind: t.kind, opts, layer: makeLayer(opts.map((o) => o.id), opts.map((o) => o.score)) }));
    }
    t.options = hit;
    return hit;
  }

  private build(t: Token, style: InputStyle): Option[] {
    let opts: Option[];
    if (t.kind === 'protected') {
      opts = [{ form: t.core, id: /\d/.test(t.core) ? this.lm.num : this.lm.unk, score: 0, keep: true }];
    } else {
      const lower = t.core.toLowerCase();
      const bonus = this.params.keepBonus[style];
      const keepForm = t.kind === 'numword' ? NUM : placeTone(lower);
      const keepId = t.kind === 'numword' ? this.lm.num : this.lm.id(keepForm);
      const known = keepId !== this.lm.unk;
      const capitals = t.core.length > 1 && t.core === t.core.toUpperCase();
      opts = [];
      const index = style === 'vietnamese' ? this.vieIndex : this.index;
      const long = [...lower].length > 1;
      for (const c of index.candidates(lower, this.params.beam, this.params.maxEdits[style], this.params.unigramRank)) {
        // A one-letter word is not what an OCR makes of a longer token ("dé" is not "d", "VI" not "i"): it
        // would have had to invent a letter, and one-letter words (initials, list labels) end sentences often
        // enough to lure the LM.
        if (long && [...c.form].length === 1) continue;
        const same = c.form === keepForm;
        const foreign = !capitals && !isVietnameseSyllable(c.form) ? this.params.foreign : 0;
        // Text typed without marks lost them all, whatever the word: every reading of its letters is as likely.
        const channel = style === 'plain' ? 0 : c.channel;
        opts.push({ form: c.form, id: c.id, score: channel + (same ? bonus : 0) + foreign, keep: same });
      }
      if (!opts.some((o) => o.keep)) {
        // The token as it is: a number, a known word, or an unknown word (a name, a foreign word, a code).
        // Capitals may be an abbreviation ("UBND"), but not when they spell a word letter for letter, its marks
        // lost ("HUYEN" for "HUYỆN", "PHUOC" for "PHƯỚC"): then they are a misread word like any other.
        const plain = stripMarks(lower);
        const abbreviation = capitals && !opts.some((o) => stripMarks(o.form) === plain);
        const score =
          t.kind === 'numword' ? 0 : known ? bonus : this.params.unknownKeep + (isVietnameseSyllable(lower) ? bonus : abbreviation ? 0 : this.params.unknownShapeless);
        opts.push({ form: keepForm, id: keepId, score, keep: true });
      }
      const rank = (o: Option) => o.score + this.lm.unigram(o.id);
      const floor = Math.max(...opts.map(rank)) - this.params.optionGap[style];
      opts = opts.filter((o) => o.keep || rank(o) >= floor);
    }
    return opts;
  }

  /**
   * Where an OCR lost the space between two syllables ("donvi", "Coquan"), the split point: when the token is no
   * word and no syllable, and two words read from its halves (channel, frequency, the bigram that joins them, and
   * the lost space's cost) beat every reading of it as one word.
   */
  splitPoint(core: string, style: InputStyle): number {
    const lower = core.toLowerCase();
    if (style === 'plain' || [...lower].length < 4 || !/^\p{L}[\p{L}\d]*\p{L}$/u.test(lower)) return -1;
    // "iHanoi", "eCabinet": a brand's small first letter, not two words.
    if (/^\p{Ll}\p{Lu}/u.test(core)) return -1;
    if (this.lm.has(placeTone(lower)) || isVietnameseSyllable(lower)) return -1;
    // Keyed by the token as written: its case decides its one-word options (capitals are abbreviations).
    const key = `${style}\u0000${core}`;
    const hit = this.splits.get(key);
    if (hit !== undefined) return hit;
    const index = style === 'vietnamese' ? this.vieIndex : this.index;
    const edits = this.params.maxEdits[style];
    // A half's syllable readings (halves recur across tokens: the index keeps their candidates).
    const read = (s: string) => index.candidates(s, 3, Math.min(edits, 1), this.params.unigramRank).filter((c) => isVietnameseSyllable(c.form));
    // The token read as one word: the options the decoder weighs anyway (and keeps).
    const whole = this.options({ core, kind: 'word' } as Token, style).filter((o) => !o.keep);
    const single = Math.max(-Infinity, ...whole.map((o) => o.score + this.lm.unigram(o.id)));
    let best = single + SPLIT_MARGIN;
    let at = -1;
    const chars = [...lower];
    for (let k = 2; k <= chars.length - 2; k++) {
      const left = read(chars.slice(0, k).join(''));
      // The right half's channel and the bigram are log-probabilities, at most 0: a left half that cannot win
      // with them at their best spares reading the right one.
      if (Math.max(-Infinity, ...left.map((a) => a.channel + this.lm.unigram(a.id))) + LOST_SPACE <= best) continue;
      const right = read(chars.slice(k).join(''));
      for (const a of left)
        for (const b of right) {
          const v = a.channel + b.channel + this.lm.unigram(a.id) + this.lm.score2(a.id, b.id) + LOST_SPACE;
          if (v > best) [best, at] = [v, k];
        }
    }
    this.splits.set(key, at);
    return at;
  }

  /** The bias each option of each token of a sentence gets, token after token (tokens with one option have none). */
  biasOf(tokens: Token[], style: InputStyle, bias: Bias): Float64Array {
    // Counted first, then filled: a growing array of numbers, copied into a typed one, cost more than the bias.
    let n = 0;
    for (const t of tokens) {
      const k = this.options(t, style).length;
      if (k > 1) n += k;
    }
    const out = new Float64Array(n);
    let at = 0;
    for (const t of tokens) {
      const { opts, layer } = this.layerOf(t, style);
      if (opts.length > 1) for (let k = 0; k < opts.length; k++) out[at++] = bias(t, layer.ids[k]!);
    }
    return out;
  }

  /**
   * Whether a sentence's reading can change when the bias it was read with (`before`; none: zeros) becomes `now`:
   * only if some option gained on the one chosen for its token. A path's score moves by the sum of its options'
   * bias changes, so when no option gains on the chosen one by more than `slack`, no other path can overtake the
   * chosen one by more than the sentence's share of slack — its reading stands, and it is not read again. Nor, with
   * `lead`, when no option gains more than the chosen one led it by, less `lead`: the token's confidence c bounds
   * that lead from below, ln(c / (1 − c)), and a gain far short of it rarely turns the sentence (of the dev legacy
   * texts' 1,561 second readings, five in six changed nothing; with a lead of 3, 731 are made, and those left out
   * would have changed no word).
   */
  canMove(tokens: Token[], style: InputStyle, before: Float64Array | null, now: Float64Array, reading: Decision[], slack: number, lead = Infinity): boolean {
    let at = 0;
    for (let j = 0; j < tokens.length; j++) {
      const opts = this.options(tokens[j]!, style);
      if (opts.length < 2) continue;
      const chosen = opts.findIndex((o) => o.id === reading[j]!.word);
      const change = (k: number) => now[at + k]! - (before ? before[at + k]! : 0);
      const base = chosen < 0 ? -Infinity : change(chosen);
      const c = reading[j]!.confidence;
      const need = Math.max(slack, c >= 1 ? Infinity : Math.log(c / (1 - c)) - lead);
      for (let k = 0; k < opts.length; k++) if (change(k) - base > need) return true;
      at += opts.length;
    }
    return false;
  }

  /** Whether a sentence has a token of a form, or with an option of a word, that the last reading touched. */
  touches(tokens: Token[], style: InputStyle, touched: Touched): boolean {
    for (const t of tokens) {
      if (touched.forms.has(t.core)) return true;
      const { opts, layer } = this.layerOf(t, style);
      if (opts.length > 1) for (let k = 0; k < opts.length; k++) if (touched.words.has(layer.ids[k]!)) return true;
    }
    return false;
  }

  /** Decode a run of tokens (one sentence) and say what each becomes; `bias` (biasOf) adds evidence from outside it. */
  decodeSentence(tokens: Token[], style: InputStyle, bias?: Float64Array): Decision[] {
    if (tokens.length === 0) return [];
    const { layers, options, at, lam, lams } = this.lattice(tokens, style, bias);
    const path = bestPath(this.rows, layers, { lam, states: this.params.states, stateGap: this.params.stateGap[style], lams }, this.bosLayer);
    return tokens.map((t, j) => {
      const i = at[j]!;
      const chosen = options[i]![path[i]!]!;
      const confidence = this.confidence(layers, path, i, lam);
      if (chosen.keep) {
        // A word kept as read is still written in the government documents' tone style ("Uỷ" → "Ủy", "hoà" → "hòa").
        const lower = t.core.toLowerCase();
        const restyled = t.kind === 'word' && chosen.form !== lower && isVietnameseSyllable(lower) && chosen.form === placeTone(lower);
        const output = restyled ? applyCase(chosen.form, t.core) : t.core;
        return { token: t, word: chosen.id, output, confidence, changed: output !== t.core };
      }
      const output = applyCase(chosen.form, t.core);
      return { token: t, word: chosen.id, output, confidence, changed: output !== t.core };
    });
  }

  /**
   * A sentence's reading with the confidences of the tokens `which` picks worked out anew under another bias: the
   * reading stands (the path is its words), only how sure the sentence is of each word moves. Only those tokens'
   * options are weighed with the bias (a token's confidence reads its own options' scores, and its neighbours' words).
   */
  reconfirm(tokens: Token[], style: InputStyle, bias: Bias, reading: Decision[], which: (d: Decision) => boolean): Decision[] {
    const { layers, options, at, lam } = this.lattice(tokens, style);
    // A comma's layer has one option, the first.
    const path = new Int32Array(layers.length);
    tokens.forEach((_, j) => (path[at[j]!] = Math.max(0, options[at[j]!]!.findIndex((o) => o.id === reading[j]!.word))));
    return reading.map((d, j) => {
      if (!which(d)) return d;
      const i = at[j]!;
      const layer = layers[i]!;
      const scores = layer.scores.slice();
      if (scores.length > 1) for (let k = 0; k < scores.length; k++) scores[k]! += bias(tokens[j]!, layer.ids[k]!);
      layers[i] = rescored(layer, scores);
      return { ...d, confidence: this.confidence(layers, path, i, lam) };
    });
  }

  /** The lattice a sentence is read on: one layer per token, and one more for each comma inside the sentence (the
   *  LM knows where commas fall); `at` says which layer is each token's. */
  private lattice(tokens: Token[], style: InputStyle, bias?: Float64Array): { layers: Layer[]; options: Option[][]; at: number[]; lam: number; lams?: Float64Array } {
    const lam = this.params.lmWeight[style];
    const lm = this.lm;
    const layers: Layer[] = [];
    const options: Option[][] = [];
    const at: number[] = [];
    const nameWeight = this.names ? this.params.nameWeight[style] : 0;
    const named = nameWeight > 0 ? nameRun(tokens) : null;
    let biasAt = 0;
    // The LM's weight into each layer: lower from a name's word into the next.
    const lams: number[] = [];
    tokens.forEach((t, j) => {
      const { opts, layer } = this.layerOf(t, style);
      lams.push(named?.[j] && named[j - 1] ? lam * this.params.nameLm : lam);
      const weighName = named?.[j] === true && opts.length > 1;
      const biased = bias !== undefined && opts.length > 1;
      at.push(layers.length);
      options.push(opts);
      if (weighName || biased) {
        const scores = layer.scores.slice();
        opts.forEach((o, k) => {
          if (weighName) scores[k]! += nameWeight * this.names!.capitalised(o.form);
          if (biased) scores[k]! += bias[biasAt + k]!;
        });
        if (biased) biasAt += opts.length;
        layers.push(rescored(layer, scores));
      } else layers.push(layer);
      if (lm.comma >= 0 && j + 1 < tokens.length && t.core !== '' && t.suffix.includes(',')) {
        layers.push(this.commaLayer);
        options.push([this.commaOption]);
        lams.push(lam);
      }
    });
    return { layers, options, at, lam, lams: lams.some((l) => l !== lam) ? new Float64Array(lams) : undefined };
  }

  /** P(chosen | neighbours on the best path): a softmax over the token's options. */
  private confidence(layers: Layer[], path: Int32Array, i: number, lam: number): number {
    const layer = layers[i]!;
    const K = layer.ids.length;
    if (K === 1) return 1;
    const lm = this.lm;
    const id = (k: number) => (k < 0 ? lm.bos : layers[k]!.ids[path[k]!]!);
    // The word after position k: the sentence end past the last token (−1, none, for a model without it).
    const after = (k: number) => (k < layers.length ? id(k) : k === layers.length ? lm.eos : -1);
    // The word given the two before it, for all options at once (as the search reads them).
    const rows = this.rows.values;
    const here = i === 0 ? this.rows.bigrams(lm.bos, layer) : this.rows.trigrams(id(i - 2), id(i - 1), layer);
    const next = after(i + 1);
    const next2 = i + 1 < layers.length ? after(i + 2) : -1;
    // …and the words after it given each option, as rows kept like the search's (a reading asks for them again).
    const between = next >= 0 ? this.rows.between(id(i - 1), next, layer) : -1;
    const before = next2 >= 0 ? this.rows.before(id(i + 1), next2, layer) : -1;
    let max = -Infinity;
    // One array for every token: a fresh one per token costs more than the arithmetic (typed arrays are dear to make).
    const scores = K <= SCRATCH.length ? SCRATCH : new Float64Array(K);
    for (let k = 0; k < K; k++) {
      let s = layer.scores[k]! + lam * rows[here + k]!;
      if (next >= 0) s += lam * rows[between + k]!;
      if (next2 >= 0) s += lam * rows[before + k]!;
      scores[k] = s;
      if (s > max) max = s;
    }
    let z = 0;
    for (let k = 0; k < K; k++) z += Math.exp(scores[k]! - max);
    return Math.exp(scores[path[i]!]! - max) / z;
  }
}
