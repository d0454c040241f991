// Domain weighting for the LM build: news and Wikipedia are not government plans ("của phường;" is rare there,
// "của phương án" common), so corpus sentences that read like the plans are counted more than once. Which ones is
// decided the Moore–Lewis way (2010), by the cross-entropy difference between a unigram model of in-domain text
// (the dev gold, the only plans' text there is) and a unigram model of the corpus: a method over the whole corpus,
// not a list of words. Unigrams, because a few thousand words of plans say which words the genre uses, not which
// phrases.

/** How often each word occurs in sentences, and how many words there are. */
export function unigramCounts(sentences: readonly (readonly string[])[]): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const s of sentences) for (const w of s) (counts.set(w, (counts.get(w) ?? 0) + 1), total++);
  return { counts, total };
}

/**
 * Per sentence, the mean over its words of ln P_domain(w) − ln P_corpus(w). P_domain is smoothed towards the
 * corpus (a Dirichlet prior of `prior` words), so a word the plans never use costs the same whether it is rare or
 * common in the corpus: only the plans' own words lift a sentence. `corpus` is unigramCounts(sentences).
 */
export function domainScores(
  sentences: readonly (readonly string[])[],
  corpus: { counts: Map<string, number>; total: number },
  domain: readonly (readonly string[])[],
  prior = 1000,
): Float64Array {
  const dom = unigramCounts(domain);
  const pGen = (w: string) => ((corpus.counts.get(w) ?? 0) + 0.5) / (corpus.total + 0.5 * (corpus.counts.size + 1));
  const diff0 = (w: string) => Math.log(((dom.counts.get(w) ?? 0) + prior * pGen(w)) / (dom.total + prior) / pGen(w));
  const memo = new Map<string, number>();
  const diff = (w: string) => {
    let v = memo.get(w);
    if (v === undefined) memo.set(w, (v = diff0(w)));
    return v;
  };
  const out = new Float64Array(sentences.length);
  sentences.forEach((s, i) => {
    let t = 0;
    for (const w of s) t += diff(w);
    out[i] = s.length ? t / s.length : -Infinity;
  });
  return out;
}

/** How many times each sentence counts: `times` for the best `share` of those with at least `minLength` words. */
export function domainWeights(scores: Float64Array, lengths: readonly number[], share: number, times: number, minLength = 6): Uint8Array {
  const eligible: number[] = [];
  lengths.forEach((n, i) => n >= minLength && eligible.push(i));
  eligible.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const w = new Uint8Array(scores.length).fill(1);
  for (const i of eligible.slice(0, Math.round(share * eligible.length))) w[i] = times;
  return w;
}
