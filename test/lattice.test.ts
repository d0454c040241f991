// The repair's fast paths against the plain definitions they stand for: the search against every path, the LM's
// rows against its one-at-a-time scores, the channel's shared-prefix tables against one table per truth.
import { describe, expect, it } from 'vitest';
import { LmRows, bestPath, makeLayer, type Layer } from '../src/repair/lattice.js';
import { codePoints } from '../src/repair/channel.js';
import { loadRepairModels } from '../src/repair/models.js';
import { tokenize } from '../src/repair/tokens.js';
import { stripMarks } from '../src/repair/vietnamese.js';
import { levenshtein, withinEdits } from '../src/util/levenshtein.js';

const { lm, channel, decoder } = loadRepairModels();
const ids = (...words: string[]) => words.map((w) => lm.id(w));

/** A layer of words with made-up option scores. */
const layerOf = (words: string[], scores: number[]) => makeLayer(ids(...words), scores);

/** Every path's score, the sentence start before it and its end after it, by brute force. */
function bruteForce(layers: Layer[], lam: number): number[] {
  let best = -Infinity;
  let bestPath: number[] = [];
  const walk = (i: number, path: number[]) => {
    if (i === layers.length) {
      const word = (k: number) => (k < 0 ? lm.bos : layers[k]!.ids[path[k]!]!);
      let s = 0;
      for (let k = 0; k < layers.length; k++) {
        s += layers[k]!.scores[path[k]!]!;
        s += lam * (k === 0 ? lm.score2(lm.bos, word(0)) : lm.score(word(k - 2), word(k - 1), word(k)));
      }
      s += lam * lm.score(layers.length === 1 ? lm.bos : word(layers.length - 2), word(layers.length - 1), lm.eos);
      if (s > best) [best, bestPath] = [s, [...path]];
      return;
    }
    for (let c = 0; c < layers[i]!.ids.length; c++) walk(i + 1, [...path, c]);
  };
  walk(0, []);
  return bestPath;
}

describe('lattice search', () => {
  const rows = new LmRows(lm, 8);
  const bos = makeLayer([lm.bos], [0]);
  const layers = [
    layerOf(['kế', 'kè', 'ké'], [-1, -0.5, -0.2]),
    layerOf(['hoạch', 'hoác', 'hoắc'], [-0.3, -0.2, -0.1]),
    layerOf(['số', 'sổ', 'sở', 'so'], [-1, -0.4, -0.6, -0.2]),
    layerOf(['ủy', 'uy'], [-0.5, -0.1]),
    layerOf(['ban', 'bán', 'bạn'], [-0.2, -0.3, -0.9]),
  ];

  it('finds the path every path is weighed against when it keeps every state', () => {
    for (const lam of [0.3, 0.8, 2]) {
      const wide = { lam, states: 1000, stateGap: 1000 };
      expect([...bestPath(rows, layers, wide, bos)], `λ ${lam}`).toEqual(bruteForce(layers, lam));
      expect([...bestPath(rows, layers.slice(0, 1), wide, bos)]).toEqual(bruteForce(layers.slice(0, 1), lam));
    }
    expect([...bestPath(rows, layers, { lam: 0.8, states: 1000, stateGap: 1000 }, bos)].map((c, i) => lm.vocab[layers[i]!.ids[c]!])).toEqual(['kế', 'hoạch', 'số', 'ủy', 'ban']);
  });

  it('reads a word\'s bigrams in one walk as score2 finds each, for any context word', () => {
    const cs = makeLayer(
      Array.from({ length: 17 }, (_, k) => (k * 3467) % lm.vocab.length),
      Array.from({ length: 17 }, () => 0),
    );
    // Frequent pairs ("ủy ban", "kế hoạch") are bigrams of the model; most of the others back off.
    const out = new Float32Array(cs.ids.length);
    for (const b of [lm.bos, lm.unk, lm.num, 0, lm.vocab.length - 1, ...ids('của', 'kế', 'số', 'ủy', 'ban', 'người')]) {
      lm.bigramsInto(b, cs.ids, cs.byId, out, 0);
      cs.ids.forEach((c, k) => expect(out[k], `${lm.vocab[b]} ${lm.vocab[c]}`).toBe(Math.fround(lm.score2(b, c))));
      for (const c of ids('hoạch', 'số', 'ban', 'nhân', 'dân')) {
        const one = makeLayer([c], [0]);
        lm.bigramsInto(b, one.ids, one.byId, out, 0);
        expect(out[0]).toBe(Math.fround(lm.score2(b, c)));
      }
    }
  });

  it('reads bigram and trigram rows as the LM scores one word at a time, made or kept', () => {
    const cs = layerOf(['ban', 'bán', 'bạn', 'hoạch', 'số', 'kế'], [0, 0, 0, 0, 0, 0]);
    for (const [a, b] of [['ủy', 'ủy'], ['kế', 'kế'], ['<s>', 'kế'], ['hoạch', 'số'], ['xyzxyz', 'kế']] as const) {
      const [ia, ib] = [a === '<s>' ? lm.bos : lm.id(a), lm.id(b)];
      // Twice: the second time from the kept rows.
      for (let n = 0; n < 2; n++) {
        const bi = rows.bigrams(ib, cs);
        const tri = rows.trigrams(ia, ib, cs);
        cs.ids.forEach((c, k) => {
          expect(rows.values[bi + k]).toBe(lm.score2(ib, c));
          expect(rows.values[tri + k]).toBe(lm.score(ia, ib, c));
        });
      }
    }
  });

  it('reads the rows a confidence reads — the options between two words, and two before one — as score does', () => {
    const os = layerOf(['ban', 'bán', 'bạn', 'hoạch', 'số', 'kế', 'ủy', 'nhân'], [0, 0, 0, 0, 0, 0, 0, 0]);
    for (const [a, c] of [['ủy', 'nhân'], ['kế', 'số'], ['<s>', 'hoạch'], ['xyzxyz', 'ban'], ['của', 'dân']] as const) {
      const [ia, ic] = [a === '<s>' ? lm.bos : lm.id(a), lm.id(c)];
      for (let n = 0; n < 2; n++) {
        const between = rows.between(ia, ic, os);
        const before = rows.before(ia, ic, os);
        os.ids.forEach((o, k) => {
          expect(rows.values[between + k], `${a} ${lm.vocab[o]} ${c}`).toBe(Math.fround(lm.score(ia, o, ic)));
          expect(rows.values[before + k], `${lm.vocab[o]} ${a} ${c}`).toBe(Math.fround(lm.score(o, ia, ic)));
        });
      }
    }
  });
});

describe('channel scores for many truths', () => {
  it('equal one alignment table per truth, in any order, shared beginnings or not', () => {
    for (const ocr of ['ké', 'hoach', 's6', 'chirc', '¢', 'nguoi']) {
      const truths = ['kế', 'kể', 'ké', 'hoạch', 'hoác', 'số', 'sổ', 'chức', 'chúc', 'có', 'người', 'ngươi', 'ngược', 'a', 'ng'];
      expect([...channel.scoreAll(ocr, truths)], ocr).toEqual(truths.map((t) => channel.logp(ocr, t)));
    }
  });
});

describe('candidates', () => {
  const { index, skeletons } = loadRepairModels();
  const tokens = ['ké', 'hoach', 's6', 'chirc', 'nguoi', 'thuc', 'dan', 'pang', 'cong', 'tinh', 'vy', 'ctia'];

  it('a skeleton bounds the channel of every word spelled with its letters', () => {
    for (const ocr of tokens)
      skeletons.skeletons.forEach((sk, n) => {
        if (sk[0] !== stripMarks(ocr)[0]) return;
        const bound = channel.skeletonBounds(ocr, [skeletons.skeletonCodes[n]!], skeletons.letterClasses)[0]!;
        for (const id of skeletons.words[n]!) expect(bound, `${ocr} ${lm.vocab[id]}`).toBeGreaterThanOrEqual(channel.logp(ocr, lm.vocab[id]!) - 1e-9);
      });
  });

  it('a bound is worked out for the letter classes it is asked with, each set of them on its own', () => {
    const a = 'a'.codePointAt(0)!;
    const narrow = new Map([[a, Int32Array.of('ạ'.codePointAt(0)!)]]);
    const wide = new Map([[a, Int32Array.of(a, 'ạ'.codePointAt(0)!)]]);
    const skeleton = [Int32Array.of(a)];
    expect(channel.skeletonBounds('a', skeleton, narrow)[0]).toBeCloseTo(channel.logp('a', 'ạ'), 9);
    expect(channel.skeletonBounds('a', skeleton, wide)[0]).toBeCloseTo(channel.logp('a', 'a'), 9);
    expect(channel.logp('a', 'a')).toBeGreaterThan(channel.logp('a', 'ạ'));
  });

  it('list every skeleton under each of its deletions (two at most), once, in the order of their numbers', () => {
    // Every deletion of one letter or two, by brute force (never down to nothing).
    const deletionsOf = (sk: string): Set<string> => {
      const out = new Set<string>([sk]);
      for (let i = 0; i < sk.length && sk.length > 1; i++) {
        const one = sk.slice(0, i) + sk.slice(i + 1);
        out.add(one);
        for (let j = 0; j < one.length && one.length > 1; j++) out.add(one.slice(0, j) + one.slice(j + 1));
      }
      return out;
    };
    const lists = skeletons.deletionLists;
    const listed = (d: string): number[] => {
      const at = skeletons.byDeletion.get(d);
      return at === undefined ? [] : [...lists.subarray(at + 1, at + 1 + lists[at]!)];
    };
    let pairs = 0;
    skeletons.skeletons.forEach((sk, n) => {
      for (const d of deletionsOf(sk)) {
        expect(listed(d), `${sk} under ${d}`).toContain(n);
        pairs++;
      }
    });
    // Nothing else is listed, and no list repeats a skeleton or is out of order.
    expect(lists.length - skeletons.byDeletion.size).toBe(pairs);
    for (const d of skeletons.byDeletion.keys()) {
      const l = listed(d);
      expect(l.every((n, k) => k === 0 || n > l[k - 1]!), d).toBe(true);
    }
  });

  it('read a word as code points as the string iterator does', () => {
    for (const s of ['', 'a', 'người', 'Đảng', 'x\u{1F600}y', '\u{20000}', '\ud800', 'a\udc00b', '\ud83d\ude00\ud83d'])
      expect([...codePoints(s)], JSON.stringify(s)).toEqual(Array.from(s, (c) => c.codePointAt(0)!));
  });

  it('measure the distance to a skeleton as levenshtein does, up to the edits allowed', () => {
    const words = ['', 'a', 'ng', 'nguoi', 'nguyen', 'ngoai', 'hoach', 'hoac', 'chuc', 'chirc', 'thuong'];
    for (const a of words)
      for (const b of words)
        for (const max of [0, 1, 2]) expect(withinEdits(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(levenshtein(a, b), max + 1));
  });

  it('the few best are those of ranking every word met (the bound only spares aligning the rest)', () => {
    for (const ocr of tokens)
      for (const [limit, edits] of [
        [16, 2],
        [3, 1],
      ] as const) {
        // Asked for more than a token ever meets, every word is aligned.
        const all = index.candidates(ocr, 100_000, edits).slice(0, limit);
        expect(index.candidates(ocr, limit, edits), ocr).toEqual(all);
      }
  });
});

describe('rereading a sentence', () => {
  const tokens = tokenize(['Ké hoach s6 17']).filter((t) => t.kind !== 'protected');
  const reading = decoder.decodeSentence(tokens, 'legacy');
  const zeros = decoder.biasOf(tokens, 'legacy', () => 0);
  const chosen = (t: number, id: number) => reading.some((d) => d.token === tokens[t] && d.word === id);

  it('is needed only where an option gains on the one chosen', () => {
    // Every option the same bias: no path moves against another.
    expect(decoder.canMove(tokens, 'legacy', null, decoder.biasOf(tokens, 'legacy', () => 1), reading, 0.01)).toBe(false);
    // The chosen readings gain: they stand.
    expect(decoder.canMove(tokens, 'legacy', zeros, decoder.biasOf(tokens, 'legacy', (t, id) => (chosen(tokens.indexOf(t), id) ? 2 : 0)), reading, 0.01)).toBe(false);
    // Another reading of one token gains more than the slack: the sentence is read again.
    const gain = decoder.biasOf(tokens, 'legacy', (t, id) => (t === tokens[0] && !chosen(0, id) ? 0.5 : 0));
    expect(decoder.canMove(tokens, 'legacy', zeros, gain, reading, 0.3)).toBe(true);
    expect(decoder.canMove(tokens, 'legacy', zeros, gain, reading, 1)).toBe(false);
  });

  it('keeps its reading when only its confidences are worked out anew', () => {
    const doubted = () => true;
    const same = decoder.reconfirm(tokens, 'legacy', () => 0, reading, doubted);
    expect(same.map((d) => d.word)).toEqual(reading.map((d) => d.word));
    same.forEach((d, j) => expect(d.confidence).toBeCloseTo(reading[j]!.confidence, 12));
    // Every other reading of "hoach" made likelier: the word stands, less sure.
    const doubt = decoder.reconfirm(tokens, 'legacy', (t, id) => (t === tokens[1] && !chosen(1, id) ? 20 : 0), reading, doubted);
    expect(doubt[1]!.word).toBe(reading[1]!.word);
    expect(doubt[1]!.confidence).toBeLessThan(reading[1]!.confidence - 0.5);
    expect(doubt[0]!.confidence).toBeCloseTo(reading[0]!.confidence, 12);
  });

  it('is weighed again only where the last reading touched a form or the word of an option', () => {
    const none = { forms: new Set<string>(), words: new Set<number>() };
    expect(decoder.touches(tokens, 'legacy', none)).toBe(false);
    expect(decoder.touches(tokens, 'legacy', { ...none, forms: new Set(['hoach']) })).toBe(true);
    // "hoạch" is among the options of "hoach": a reading that moved the word's count touches the sentence.
    expect(decoder.touches(tokens, 'legacy', { ...none, words: new Set([reading[1]!.word]) })).toBe(true);
    expect(decoder.touches(tokens, 'legacy', { ...none, forms: new Set(['Kế', 'hoạch']) })).toBe(false);
  });

  it('is not needed where the gain falls short of the lead the chosen reading had, less the lead allowed', () => {
    // "Kế" is read with confidence: its lead over every other reading of "Ké" is at least ln(c / (1 − c)).
    const c = reading[0]!.confidence;
    expect(c).toBeGreaterThan(0.9);
    const lead = Math.log(c / (1 - c));
    const gaining = (g: number) => decoder.biasOf(tokens, 'legacy', (t, id) => (t === tokens[0] && !chosen(0, id) ? g : 0));
    expect(decoder.canMove(tokens, 'legacy', zeros, gaining(lead - 0.2), reading, 0.3, 0)).toBe(false);
    expect(decoder.canMove(tokens, 'legacy', zeros, gaining(lead + 0.2), reading, 0.3, 0)).toBe(true);
    // Allowed to fall 1 short of it, a gain of the lead less a half reads the sentence again.
    expect(decoder.canMove(tokens, 'legacy', zeros, gaining(lead - 0.5), reading, 0.3, 1)).toBe(true);
  });
});
