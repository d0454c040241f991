// The document cache: evidence from a reading of the whole document, for the next reading of it.
//  - Words: a word the reading used is likelier everywhere in the document ("phường" in a ward's plan, where news
//    text, and so the LM, prefers "phương"). The bonus is the unigram-rescaling form of a cache LM,
//    β · ln(P_doc(w) / P(w)), with P_doc the reading's counts (each weighted by its confidence) smoothed towards the
//    corpus frequency P(w), so that a short text barely moves.
//  - OCR forms: an OCR writes a word the same way wherever it prints it, so a form it wrote ("Phuong", "sd") is
//    likely the same word wherever it occurs (one reading per form in a document): γ · ln(n(form → w) + 1), where
//    n counts, by confidence, the other tokens of that form read as w. Only where the form carries evidence:
//    text typed without marks shares one form among all the words of the same letters.
// A token's own reading is left out of the counts it is judged by: it cannot vote for itself.
import type { Bias, Decision, InputStyle } from './decoder.js';
import type { LanguageModel } from './lm.js';
import type { Token } from './tokens.js';

export interface CacheParams {
  /** β: how far the document's word counts move the LM (0 turns the cache off) */
  weight: number;
  /** κ: pseudo-count of the corpus frequency in P_doc */
  prior: number;
  /** γ: weight of the readings of the same OCR form, per input style (0: none) */
  form: Record<InputStyle, number>;
  /** readings in all, per input style: the first, then each one with the cache of the one before (text typed
   *  without marks gains nothing past the second) */
  passes: Record<InputStyle, number>;
}

export function documentCache(lm: LanguageModel, reading: Decision[], params: CacheParams, style: InputStyle): Bias {
  // By word id, in arrays: the bias is asked for every option of every token at each reading.
  const counts = new Float64Array(lm.vocab.length);
  const own = new Map<Token, Decision>();
  /** OCR form (as written: case is part of how it was printed) → word → confidence-weighted count */
  const byForm = new Map<string, Map<number, number>>();
  const gamma = params.form[style];
  let total = 0;
  for (const d of reading) {
    if (d.token.kind !== 'word' || d.word === lm.unk || d.word === lm.num) continue;
    counts[d.word] += d.confidence;
    own.set(d.token, d);
    total += d.confidence;
    if (gamma > 0) {
      let words = byForm.get(d.token.core);
      if (!words) byForm.set(d.token.core, (words = new Map()));
      words.set(d.word, (words.get(d.word) ?? 0) + d.confidence);
    }
  }
  const wordBonus = (id: number, selfVote: number) => {
    const p = Math.exp(lm.unigram(id));
    return params.weight * Math.log((counts[id]! - selfVote + params.prior * p) / (total + params.prior) / p);
  };
  // A word's bonus is the same for every token but the one that voted for it: worked out once per word.
  const byWord = new Float64Array(lm.vocab.length).fill(NaN);
  // A token's options are asked for one after another: its own reading and its form's counts are looked up once.
  let last: Token | undefined;
  let self: Decision | undefined;
  let words: Map<number, number> | undefined;
  return (t, id) => {
    if (id === lm.unk || id === lm.num) return 0;
    if (t !== last) {
      last = t;
      self = own.get(t);
      words = gamma > 0 ? byForm.get(t.core) : undefined;
    }
    const selfVote = self && self.word === id ? self.confidence : 0;
    let bonus = selfVote !== 0 ? wordBonus(id, selfVote) : byWord[id]!;
    if (Number.isNaN(bonus)) byWord[id] = bonus = wordBonus(id, 0);
    if (words) {
      // ln 1 = 0: a form no other token of which was read as the word adds nothing.
      const n = (words.get(id) ?? 0) - selfVote;
      if (n !== 0) bonus += gamma * Math.log(n + 1);
    }
    return bonus;
  };
}
