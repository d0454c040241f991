// The document cache: a word the document's own first reading used is likelier everywhere in it ("phường" in a
// ward's plan, where news text, and so the LM, prefers "phương"). The bonus is the unigram-rescaling form of a
// cache LM, β · ln(P_doc(w) / P(w)), with P_doc the first reading's counts (each weighted by its confidence)
// smoothed towards the corpus frequency P(w), so that a short text barely moves. A token's own first reading is
// left out of the counts it is judged by: it cannot vote for itself.
import type { Bias, Decision } from './decoder.js';
import type { LanguageModel } from './lm.js';
import type { Token } from './tokens.js';

export interface CacheParams {
  /** β: how far the document's counts move the LM (0 turns the cache off) */
  weight: number;
  /** κ: pseudo-count of the corpus frequency in P_doc */
  prior: number;
}

export function documentCache(lm: LanguageModel, first: Decision[], params: CacheParams): Bias {
  const counts = new Map<number, number>();
  const own = new Map<Token, Decision>();
  let total = 0;
  for (const d of first) {
    if (d.token.kind !== 'word' || d.word === lm.unk || d.word === lm.num) continue;
    counts.set(d.word, (counts.get(d.word) ?? 0) + d.confidence);
    own.set(d.token, d);
    total += d.confidence;
  }
  return (t, id) => {
    if (id === lm.unk || id === lm.num) return 0;
    const self = own.get(t);
    const n = (counts.get(id) ?? 0) - (self && self.word === id ? self.confidence : 0);
    const p = Math.exp(lm.unigram(id));
    return params.weight * Math.log((n + params.prior * p) / (total + params.prior) / p);
  };
}
