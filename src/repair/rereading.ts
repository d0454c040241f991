// The readings of a document after its first: each knows which words the reading before it used and how it read
// each OCR form (the document cache, cache.ts), and reads again only the sentences that knowledge can move.
import { documentCache } from './cache.js';
import type { Bias, Decision, Decoder, InputStyle, Touched } from './decoder.js';
import type { Token } from './tokens.js';

/** A sentence to decode, in the style of the line it starts on, or a token decided on its own (a Roman label). */
export type Unit = { tokens: Token[]; style: InputStyle } | Decision;

/** How far (ln) an option may gain on the chosen one before its sentence is read again (canMove). */
const SLACK = 0.3;
/** …and how far short of the chosen one's lead in its reading a gain may fall and still have it read again. */
const LEAD = 3;
/** A token read again as the same word, its confidence within this of the last, moved its counts too little to
 *  weigh its sentences again. */
const MOVED = 0.01;
/** A word whose bonus moved less than this (ln) since the last reading, by itself or as what a form is read as,
 *  leaves its sentences' bias where it was. */
const SHIFT = 0.05;

/** What a reading changed: the words it read tokens as, before and after, by the tokens' forms, and all together. */
interface Changes {
  forms: Map<string, Set<number>>;
  words: Set<number>;
}

/** A token of no form and no reading: what the cache says of a word itself, no token's own vote or form aside. */
const PROBE: Token = { line: -1, space: '', prefix: '', core: '\u0000', suffix: '', kind: 'word', end: false };

/** The readings after `first`; `threshold`: the confidence under which a token is reported as uncertain. */
export function readAgain(decoder: Decoder, units: Unit[], first: Decision[][], threshold: number): Decision[][] {
  const cache = decoder.params.cache;
  const cached = (style: InputStyle) => cache.weight > 0 || cache.form[style] > 0;
  const passes = Math.max(1, ...units.map((u) => ('tokens' in u && cached(u.style) ? cache.passes[u.style] : 1)));
  let readings = first;
  // The bias each sentence was last read with (none at first): a sentence whose reading it cannot move is not read again.
  const told: (Float64Array | null)[] = units.map(() => null);
  // What the last reading changed (none: the first reading made the whole cache): the forms of the tokens it read
  // otherwise, and the words it read them as, before and after; and the caches it read with.
  let touched: Changes | null = null;
  let lastBiases = new Map<InputStyle, Bias>();
  for (let pass = 1; pass < passes; pass++) {
    const all = readings.flat();
    const biases = new Map<InputStyle, Bias>();
    const biasFor = (style: InputStyle) => biases.get(style) ?? biases.set(style, documentCache(decoder.lm, all, cache, style)).get(style)!;
    // Of the forms and words touched, those whose bonus moved: a common word's counts, and a common form's, barely
    // move with a reading or two.
    const moved = new Map<InputStyle, Touched>();
    const movedFor = (style: InputStyle, t: Changes): Touched => {
      let m = moved.get(style);
      if (!m) {
        const before = lastBiases.get(style);
        const now = biasFor(style);
        const shifted = (probe: Token, w: number) => !before || Math.abs(now(probe, w) - before(probe, w)) > SHIFT;
        const words = new Set([...t.words].filter((w) => shifted(PROBE, w)));
        const forms = new Set([...t.forms].filter(([form, read]) => [...read].some((w) => shifted({ ...PROBE, core: form }, w))).map(([form]) => form));
        moved.set(style, (m = { forms, words }));
      }
      return m;
    };
    const next: Changes = { forms: new Map(), words: new Set() };
    readings = units.map((u, k) => {
      if (!('tokens' in u) || !cached(u.style) || pass >= cache.passes[u.style]) return readings[k]!;
      // The tokens the last reading would report as uncertain: their confidence is to be the one the whole cache
      // gives, whether or not their sentence is read again (its reading may stand, and its words gain support).
      const unsure = pass === cache.passes[u.style] - 1 && readings[k]!.some((d) => d.confidence < threshold);
      const stand = () => (unsure ? decoder.reconfirm(u.tokens, u.style, biasFor(u.style), readings[k]!, (d) => d.confidence < threshold) : readings[k]!);
      // A sentence none of whose forms and options' words the last reading moved has the bias it had then (but for
      // the document's total, which moves every word alike): it is not weighed again.
      if (touched && !decoder.touches(u.tokens, u.style, movedFor(u.style, touched))) return stand();
      const now = decoder.biasOf(u.tokens, u.style, biasFor(u.style));
      if (!decoder.canMove(u.tokens, u.style, told[k] ?? null, now, readings[k]!, SLACK, LEAD)) return stand();
      // Compared with the bias the sentence was last read with, small moves cannot add up unread.
      told[k] = now;
      const before = readings[k]!;
      const read = decoder.decodeSentence(u.tokens, u.style, now);
      read.forEach((d, j) => {
        const was = before[j]!;
        if (d.word === was.word && Math.abs(d.confidence - was.confidence) < MOVED) return;
        const readAs = next.forms.get(d.token.core) ?? next.forms.set(d.token.core, new Set()).get(d.token.core)!;
        for (const w of [d.word, was.word]) {
          readAs.add(w);
          next.words.add(w);
        }
      });
      return read;
    });
    touched = next;
    lastBiases = biases;
  }
  return readings;
}
