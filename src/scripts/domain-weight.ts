// Domain weighting for the LM build: news and Wikipedia are not government plans ("của phường;" is rare there,
// "của phương án" common), so corpus sentences that read like the plans are counted more than once. Which ones is
// decided the Moore–Lewis way (2010), by the cross-entropy difference between a unigram model of in-domain text
// (the dev gold, the only plans' text there is) and a unigram model of the corpus: a method over the whole corpus,
// not a list of words. Unigrams, because a few thousand words of plans say which words the genre uses, not which
// phrases.

/**
 * Per sentence, the mean over its words of ln P_domain(w) − ln P_corpus(w). P_domain is smoothed towards the
 * corpus (a Dirichlet prior of `prior` words), so a word the plans never use costs the same whether it is rare or
 * common in the corpus: only the plans' own words lift a sentence.
 */
export function domainScores(sentences: readonly (readonly string[])[], domain: readonly (readonly string[])[], prior = 1000): Float64Array {
  const count = (ss: readonly (readonly string[])[]) => {
    const m = new Map<string, number>();
    let n = 0;
    for (const s of ss) for (const w of s) (m.set(w, (m.get(w) ?? 0) + 1), n++);
    return { m, n };
  };
  const dom = count(domain);
  const gen = count(sentences);
  const pGen = (w: string) => ((gen.m.get(w) ?? 0) + 0.5) / (gen.n + 0.5 * (gen.m.size + 1));
  const diff0 = (w: string) => Math.log(((dom.m.get(w) ?? 0) + prior * pGen(w)) / (dom.n + prior) / pGen(w));
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
