// Modified Kneser–Ney smoothing (Chen & Goodman 1998) for the syllable trigram model, estimated on all n-grams
// and then pruned to the kept ones in backoff form: a kept n-gram stores its interpolated probability, and each
// context a weight α that gives the mass of the n-grams it does not keep to the order below, renormalised (as
// SRILM and KenLM do). Lower orders count distinct left neighbours ("continuation counts"), except after the
// sentence start, where nothing can precede.

/** Discounts D1, D2, D3+ from the numbers of n-grams seen exactly 1…4 times. */
export function discounts(n: readonly number[]): [number, number, number] {
  const [n1 = 0, n2 = 0, n3 = 0, n4 = 0] = n;
  const y = n1 / (n1 + 2 * n2);
  const d = [1 - 2 * y * (n2 / n1), 2 - 3 * y * (n3 / n2), 3 - 4 * y * (n4 / n3)];
  // Tiny or degenerate data (a test corpus) can give NaN or out-of-range discounts: fall back to 0.5, 1, 1.5.
  return d.map((v, i) => (Number.isFinite(v) && v > 0 && v < i + 1 ? v : (i + 1) / 2)) as [number, number, number];
}

const discountOf = (d: readonly number[], c: number): number => (c <= 0 ? 0 : d[Math.min(c, 3) - 1]!);

export interface NgramCounts {
  vocabSize: number;
  bos: number;
  /** raw bigram counts, key a·65536 + b */
  bigrams: Map<number, number>;
  /** raw trigram counts, key (a·65536 + b)·65536 + c, in shards */
  trigrams: Map<number, number>[];
}

export interface KneserNey {
  /** ln p(w) of every word (the lowest order) */
  unigram: Float64Array;
  /** ln α(b): the backoff weight of each word as a bigram context */
  unigramAlpha: Float64Array;
  /** ln p(b | a) of each kept bigram key */
  bigram: Map<number, number>;
  /** ln α(a b) of each kept bigram as a trigram context */
  bigramAlpha: Map<number, number>;
  /** ln p(c | a b) of each kept trigram key */
  trigram: Map<number, number>;
}

export function kneserNey(counts: NgramCounts, minBigram: number, minTrigram: number): KneserNey {
  const V = counts.vocabSize;
  const { bos } = counts;
  // Every bigram gets an index for the per-context arrays.
  const biIndex = new Map<number, number>();
  for (const k of counts.bigrams.keys()) biIndex.set(k, biIndex.size);
  const nBi = biIndex.size;

  // Trigram level: context totals and how many continuations were seen once, twice, three or more times; the
  // continuation count of bigram (b c) = the number of distinct a before it.
  const ctxTotal = new Float64Array(nBi);
  const ctxN = [new Uint32Array(nBi), new Uint32Array(nBi), new Uint32Array(nBi)];
  const cont2 = new Uint32Array(nBi);
  const n3 = [0, 0, 0, 0];
  for (const shard of counts.trigrams) {
    for (const [k, c] of shard) {
      const ab = Math.floor(k / 65536);
      const bc = (ab % 65536) * 65536 + (k % 65536);
      const i = biIndex.get(ab)!;
      ctxTotal[i]! += c;
      ctxN[Math.min(c, 3) - 1]![i]!++;
      cont2[biIndex.get(bc)!]!++;
      if (c <= 4) n3[c - 1]!++;
    }
  }
  const d3 = discounts(n3);

  // Bigram level on adjusted counts (continuation counts; raw after the sentence start).
  const adj2 = new Uint32Array(nBi);
  const ctx1Total = new Float64Array(V);
  const ctx1N = [new Float64Array(V), new Float64Array(V), new Float64Array(V)];
  const cont1 = new Float64Array(V);
  const n2 = [0, 0, 0, 0];
  for (const [k, raw] of counts.bigrams) {
    const i = biIndex.get(k)!;
    const a = Math.floor(k / 65536);
    const c = a === bos ? raw : cont2[i]!;
    adj2[i] = c;
    if (c === 0) continue;
    ctx1Total[a]! += c;
    ctx1N[Math.min(c, 3) - 1]![a]!++;
    cont1[k % 65536]!++;
    if (c <= 4) n2[c - 1]!++;
  }
  const d2 = discounts(n2);

  // Unigrams on continuation counts, interpolated with the uniform distribution.
  const n1 = [0, 0, 0, 0];
  let total1 = 0;
  for (let w = 0; w < V; w++) {
    const c = cont1[w]!;
    total1 += c;
    if (c >= 1 && c <= 4) n1[c - 1]!++;
  }
  const d1 = discounts(n1);
  let left1 = 0;
  for (let w = 0; w < V; w++) left1 += discountOf(d1, cont1[w]!);
  // The sentence start is never predicted: the uniform share goes to the other words.
  const p1 = new Float64Array(V);
  for (let w = 0; w < V; w++)
    p1[w] = w === bos ? 0 : (Math.max(0, cont1[w]! - discountOf(d1, cont1[w]!)) + left1 / (V - 1)) / total1;

  // Kept bigrams: interpolated p(b | a); α(a) renormalises what the pruned ones leave.
  const bigram = new Map<number, number>();
  const keptP = new Float64Array(V);
  const keptLower = new Float64Array(V);
  const gamma1 = (a: number) =>
    ctx1Total[a]! > 0 ? (d2[0] * ctx1N[0]![a]! + d2[1] * ctx1N[1]![a]! + d2[2] * ctx1N[2]![a]!) / ctx1Total[a]! : 1;
  for (const [k, raw] of counts.bigrams) {
    if (raw < minBigram) continue;
    const a = Math.floor(k / 65536);
    const b = k % 65536;
    const c = adj2[biIndex.get(k)!]!;
    const p = Math.max(0, c - discountOf(d2, c)) / (ctx1Total[a]! || 1) + gamma1(a) * p1[b]!;
    bigram.set(k, p);
    keptP[a]! += p;
    keptLower[a]! += p1[b]!;
  }
  const unigramAlpha = new Float64Array(V);
  for (let a = 0; a < V; a++) unigramAlpha[a] = alpha(keptP[a]!, keptLower[a]!);
  const bigramBackoff = (a: number, b: number): number =>
    bigram.get(a * 65536 + b) ?? Math.exp(unigramAlpha[a]!) * p1[b]!;

  // Kept trigrams: interpolated p(c | a b) over the backoff bigram model; α(a b) as above.
  const trigram = new Map<number, number>();
  const keptP3 = new Float64Array(nBi);
  const keptLower3 = new Float64Array(nBi);
  for (const shard of counts.trigrams) {
    for (const [k, c] of shard) {
      if (c < minTrigram) continue;
      const ab = Math.floor(k / 65536);
      const i = biIndex.get(ab)!;
      const lower = bigramBackoff(ab % 65536, k % 65536);
      const gamma = (d3[0] * ctxN[0]![i]! + d3[1] * ctxN[1]![i]! + d3[2] * ctxN[2]![i]!) / ctxTotal[i]!;
      const p = (c - discountOf(d3, c)) / ctxTotal[i]! + gamma * lower;
      trigram.set(k, Math.log(p));
      keptP3[i]! += p;
      keptLower3[i]! += lower;
    }
  }
  const bigramAlpha = new Map<number, number>();
  for (const k of bigram.keys()) {
    const i = biIndex.get(k)!;
    bigramAlpha.set(k, alpha(keptP3[i]!, keptLower3[i]!));
  }
  for (const [k, p] of bigram) bigram.set(k, Math.log(p));
  return { unigram: p1.map(Math.log), unigramAlpha, bigram, bigramAlpha, trigram };
}

/** ln α = ln((1 − Σ kept p) / (1 − Σ their lower-order p)); 0 when nothing is kept. */
function alpha(kept: number, lower: number): number {
  if (kept === 0) return 0;
  const num = Math.max(1 - kept, 1e-12);
  const den = Math.max(1 - lower, 1e-12);
  return Math.log(num / den);
}
