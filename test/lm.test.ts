import { describe, expect, it } from 'vitest';
import { loadLanguageModel } from '../src/repair/models.js';
import { lmSentences } from '../src/repair/lmTokens.js';
import { withoutTables } from '../src/scripts/build-lm.js';
import { domainScores, domainWeights, unigramCounts } from '../src/scripts/domain-weight.js';
import { discounts, kneserNey } from '../src/scripts/kneser-ney.js';

// A toy corpus over word ids 1…6 (0 is the sentence start): sentences as id sequences.
const SENTENCES = [
  [1, 2, 3, 4],
  [1, 2, 3, 5],
  [1, 2, 6, 4],
  [2, 3, 4, 1],
  [5, 2, 3, 4],
  [6, 6, 1, 2, 3],
];
const V = 7;

function toyModel(minBigram: number, minTrigram: number) {
  const bigrams = new Map<number, number>();
  const trigrams = new Map<number, number>();
  for (const s of SENTENCES) {
    const seq = [0, ...s];
    for (let i = 1; i < seq.length; i++) bigrams.set(seq[i - 1]! * 65536 + seq[i]!, (bigrams.get(seq[i - 1]! * 65536 + seq[i]!) ?? 0) + 1);
    for (let i = 2; i < seq.length; i++) {
      const k = (seq[i - 2]! * 65536 + seq[i - 1]!) * 65536 + seq[i]!;
      trigrams.set(k, (trigrams.get(k) ?? 0) + 1);
    }
  }
  const kn = kneserNey({ vocabSize: V, bos: 0, bigrams, trigrams: [trigrams] }, minBigram, minTrigram);
  // The backoff model as the LM file stores it (without quantisation).
  const p2 = (a: number, b: number) =>
    Math.exp(kn.bigram.get(a * 65536 + b) ?? kn.unigramAlpha[a]! + kn.unigram[b]!);
  const p3 = (a: number, b: number, c: number) => {
    const t = kn.trigram.get((a * 65536 + b) * 65536 + c);
    if (t !== undefined) return Math.exp(t);
    return Math.exp(kn.bigramAlpha.get(a * 65536 + b) ?? 0) * p2(b, c);
  };
  return { kn, p2, p3 };
}

const words = [1, 2, 3, 4, 5, 6];
const sum = (f: (w: number) => number) => words.reduce((s, w) => s + f(w), 0);

describe('Kneser–Ney language model', () => {
  it('takes discounts between 0 and the count they discount', () => {
    const [d1, d2, d3] = discounts([1000, 400, 200, 120]);
    expect(d1).toBeGreaterThan(0);
    expect(d1).toBeLessThan(1);
    expect(d2).toBeGreaterThan(d1);
    expect(d3).toBeLessThan(3);
    // Degenerate counts (a tiny corpus) fall back to safe values instead of NaN.
    expect(discounts([0, 0, 0, 0]).every(Number.isFinite)).toBe(true);
  });

  it('gives each context a distribution that sums to one, pruned or not', () => {
    for (const [minB, minT] of [[1, 1], [2, 2]] as const) {
      const { kn, p2, p3 } = toyModel(minB, minT);
      expect(sum((w) => Math.exp(kn.unigram[w]!)) + Math.exp(kn.unigram[0]!)).toBeCloseTo(1, 6);
      for (const a of [0, 1, 2, 3, 6]) expect(sum((w) => p2(a, w)), `p(· | ${a})`).toBeCloseTo(1, 6);
      for (const [a, b] of [[0, 1], [1, 2], [2, 3], [6, 6], [4, 4]] as const)
        expect(sum((w) => p3(a, b, w)), `p(· | ${a} ${b})`).toBeCloseTo(1, 6);
    }
  });

  it('prefers what the context saw, and a word seen after many contexts to one seen after one', () => {
    const { p2, p3 } = toyModel(1, 1);
    expect(p3(1, 2, 3)).toBeGreaterThan(p3(1, 2, 6));
    expect(p3(1, 2, 3)).toBeGreaterThan(p2(2, 3) * 0.5);
    // 3 is the more frequent word, but it only ever follows 2; 1 follows three different words. After a context
    // that saw neither, 1 is the likelier guess.
    expect(p2(5, 1)).toBeGreaterThan(p2(5, 3));
  });

  it('reads text into sentences of lowercase syllables, numbers folded, commas kept, sentences ended', () => {
    expect(lmSentences('Tiến độ, kết quả năm 2025. Của Phường;  “Hà Nội”, và')).toEqual([
      ['tiến', 'độ', ',', 'kết', 'quả', 'năm', '<num>'],
      ['của', 'phường'],
      ['hà', 'nội', ',', 'và'],
    ]);
  });

  it('the shipped model knows where sentences end and where commas fall', () => {
    const lm = loadLanguageModel();
    const id = (w: string) => lm.id(w);
    expect(lm.eos).toBeGreaterThan(0);
    expect(lm.comma).toBeGreaterThan(0);
    // "… địa phương." ends sentences; "phương" of "phương án" does not.
    expect(lm.score(id('địa'), id('phương'), lm.eos)).toBeGreaterThan(lm.score(id('án'), id('phương'), lm.eos));
    expect(lm.score2(id('độ'), lm.comma)).toBeGreaterThan(lm.score2(id('của'), lm.comma));
  });

  it('the shipped model scores a common phrase above a scrambled one', () => {
    const lm = loadLanguageModel();
    const id = (w: string) => lm.id(w);
    expect(lm.header.format).toBe('vnplan-lm/3');
    expect(lm.score(id('kế'), id('hoạch'), id('số'))).toBeGreaterThan(lm.score(id('kế'), id('hoạch'), id('sổ')));
    expect(lm.score2(id('ủy'), id('ban'))).toBeGreaterThan(lm.score2(id('ban'), id('ủy')));
  });
});

describe('in-domain text', () => {
  it('leaves out a flattened table: its rows with cell bars, the lines between them and the lines a last row wraps onto', () => {
    const text = ['Kế hoạch này.', 'TT | Nội dung | Đơn vị', '1 | Ban hành | Phòng', 'kế hoạch Văn hóa', '2 | Tổ chức | Cơ quan', 'thực hiện đơn vị', 'liên quan', '', '', '', '', 'Nơi nhận:'].join('\n');
    expect(withoutTables(text).split('\n').filter(Boolean)).toEqual(['Kế hoạch này.', 'Nơi nhận:']);
    expect(withoutTables('Một câu.\nHai câu.')).toBe('Một câu.\nHai câu.');
  });
});

describe('domain weighting', () => {
  const corpus = [
    ['bóng', 'đá', 'hôm', 'nay', 'có', 'trận', 'lớn'],
    ['ủy', 'ban', 'nhân', 'dân', 'phường', 'ban', 'hành', 'kế', 'hoạch'],
    ['trận', 'đấu', 'kết', 'thúc', 'với', 'tỉ', 'số', 'hòa'],
    ['đảng', 'ủy', 'phường', 'triển', 'khai', 'kế', 'hoạch', 'tuyên', 'truyền'],
    ['kế', 'hoạch'],
  ];
  const plans = [['ủy', 'ban', 'phường', 'xây', 'dựng', 'kế', 'hoạch', 'tuyên', 'truyền']];

  it('ranks the sentences that use the plans\' words above the others', () => {
    const s = domainScores(corpus, unigramCounts(corpus), plans);
    expect(s[1]).toBeGreaterThan(s[0]!);
    expect(s[3]).toBeGreaterThan(s[2]!);
  });

  it('counts the best share of long enough sentences more than once, the rest once', () => {
    const w = domainWeights(domainScores(corpus, unigramCounts(corpus), plans), corpus.map((s) => s.length), 0.5, 3);
    expect([...w]).toEqual([1, 3, 1, 3, 1]);
  });
});
