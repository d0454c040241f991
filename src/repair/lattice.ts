// The lattice a sentence is read on, and the search over it. A layer holds one token's options as typed arrays —
// LM ids and scores — so that the search's inner loop reads numbers, never objects; the options themselves (their
// forms, whether one is the token kept) stay with the decoder, index for index.
import type { LanguageModel } from './lm.js';

export interface Layer {
  /** which option list this is (rescored layers keep it: their ids are the same) */
  serial: number;
  ids: Int32Array;
  scores: Float64Array;
  /** the option indices in increasing id order: a context's trigrams are sorted by id, so one walk finds them all */
  byId: Int32Array;
}

let serials = 0;

export function makeLayer(ids: ArrayLike<number>, scores: ArrayLike<number>): Layer {
  const order = Array.from(ids, (_, k) => k).sort((a, b) => ids[a]! - ids[b]!);
  return { serial: serials++, ids: Int32Array.from(ids), scores: Float64Array.from(scores), byId: Int32Array.from(order) };
}

/** The same options with other scores (a bias, a name's weight): ids and order shared. */
export function rescored(l: Layer, scores: Float64Array): Layer {
  return { serial: l.serial, ids: l.ids, scores, byId: l.byId };
}

/** Rows kept. */
const ROW_SLOTS = 1 << 16;

/**
 * ln P(c | b) for the options c of a layer, per word b before it. Each bigram is a hash probe into a table far
 * larger than the processor's cache, and the search asks for the same rows again and again (a form's options
 * follow the same words throughout a document, and every reading of the document asks anew): rows are kept in a
 * direct-mapped table, the last row asked for in each slot. `at` says where a row starts in `values`.
 */
export class BigramRows {
  readonly values: Float64Array;
  private readonly words = new Int32Array(ROW_SLOTS).fill(-1);
  private readonly layers = new Int32Array(ROW_SLOTS);

  constructor(
    readonly lm: LanguageModel,
    /** the most options a layer has (the beam, and the token kept) */
    private readonly width: number,
  ) {
    this.values = new Float64Array(ROW_SLOTS * width);
  }

  at(b: number, layer: Layer): number {
    const K = layer.ids.length;
    if (K > this.width) throw new Error(`a lattice layer of ${K} options is wider than ${this.width}`);
    const slot = (Math.imul(b, 0x9e3779b1) ^ Math.imul(layer.serial, 0x85ebca6b)) >>> 16;
    const start = slot * this.width;
    if (this.words[slot] !== b || this.layers[slot] !== layer.serial) {
      this.words[slot] = b;
      this.layers[slot] = layer.serial;
      for (let k = 0; k < K; k++) this.values[start + k] = this.lm.score2(b, layer.ids[k]!);
    }
    return start;
  }
}

export interface SearchParams {
  /** weight of the LM against the options' own scores */
  lam: number;
  /** states (pairs of neighbouring options) kept per position */
  states: number;
  /** …and of those only the ones within this (ln) of the position's best */
  stateGap: number;
}

/**
 * Second-order Viterbi: the option per layer that maximises Σ score + λ · Σ ln P(word | two words before), with the
 * sentence's start before the first layer and its end after the last. State (p, c) is option p at i−1 and c at i;
 * only the states a position keeps (prune) are extended, so the work per layer is states × options, not options³.
 */
export function bestPath(rows: BigramRows, layers: Layer[], sp: SearchParams, bos: Layer): Int32Array {
  const lm = rows.lm;
  const n = layers.length;
  const lam = sp.lam;
  let widest = 1;
  for (const l of layers) widest = Math.max(widest, l.ids.length);
  // Two score rows, this position's and the last one's; a back-pointer row per position, for the trace.
  let pd = new Float64Array(widest * widest);
  let delta = new Float64Array(widest * widest);
  const backs: Int32Array[] = [];
  const trigrams = new Float64Array(widest);
  const top = new Float64Array(sp.states);
  for (let i = 0; i < n; i++) {
    const cur = layers[i]!;
    const prev = i === 0 ? bos : layers[i - 1]!;
    const prev2 = i <= 1 ? bos : layers[i - 2]!;
    const K = cur.ids.length;
    const P = prev.ids.length;
    const cells = P * K;
    delta.fill(-Infinity, 0, cells);
    const back = new Int32Array(cells);
    if (i === 0) {
      for (let c = 0; c < K; c++) delta[c] = cur.scores[c]! + lam * lm.score2(lm.bos, cur.ids[c]!);
    } else {
      const Pp = prev2.ids.length;
      for (let p = 0; p < P; p++) {
        const pid = prev.ids[p]!;
        // The bigram scores are the trigrams' back-off: once per (p, c), and only for a p with a state left.
        let bigrams = -1;
        // Only the states the last position kept: (q, p) pairs with a finite score.
        for (let q = 0; q < Pp; q++) {
          const base = pd[q * P + p]!;
          if (base === -Infinity) continue;
          if (bigrams < 0) bigrams = rows.at(pid, cur);
          lm.trigramsInto(prev2.ids[q]!, pid, cur.ids, cur.byId, rows.values, bigrams, trigrams);
          const row = p * K;
          for (let c = 0; c < K; c++) {
            const v = base + lam * trigrams[c]!;
            if (v > delta[row + c]!) {
              delta[row + c] = v;
              back[row + c] = q;
            }
          }
        }
        if (bigrams >= 0) for (let c = 0; c < K; c++) delta[p * K + c] += cur.scores[c]!;
      }
    }
    prune(delta, cells, sp, top);
    backs.push(back);
    [pd, delta] = [delta, pd];
  }
  // The sentence ends: the best state with the LM's word for that (a word that ends a sentence, "… của phường.",
  // over one that rarely does, "phương"), then trace back the path.
  const last = pd;
  const lastLayer = layers[n - 1]!;
  const Kn = lastLayer.ids.length;
  const before = n === 1 ? bos : layers[n - 2]!;
  const cells = before.ids.length * Kn;
  let bestIdx = -1;
  let bestScore = -Infinity;
  for (let k = 0; k < cells; k++) {
    if (last[k] === -Infinity) continue;
    const end = lm.eos < 0 ? 0 : lam * lm.score(before.ids[Math.floor(k / Kn)]!, lastLayer.ids[k % Kn]!, lm.eos);
    const v = last[k]! + end;
    if (bestIdx < 0 || v > bestScore) [bestIdx, bestScore] = [k, v];
  }
  if (bestIdx < 0) bestIdx = 0;
  const path = new Int32Array(n);
  path[n - 1] = bestIdx % Kn;
  let p = Math.floor(bestIdx / Kn);
  for (let i = n - 1; i >= 1; i--) {
    path[i - 1] = p;
    p = backs[i]![p * layers[i]!.ids.length + path[i]!]!;
  }
  return path;
}

/** Beam: keep the best `states` entries of a position within `stateGap` of the best, drop the rest. */
function prune(delta: Float64Array, cells: number, sp: SearchParams, top: Float64Array): void {
  const S = sp.states;
  // A state this far behind the best cannot catch up often enough to be worth carrying on.
  let best = -Infinity;
  for (let k = 0; k < cells; k++) if (delta[k]! > best) best = delta[k]!;
  const floor = best - sp.stateGap;
  let alive = 0;
  for (let k = 0; k < cells; k++) {
    if (delta[k]! < floor) delta[k] = -Infinity;
    else alive++;
  }
  if (alive <= S) return;
  // The S-th best score, from a small sorted buffer (ascending): cheaper than sorting every entry.
  top.fill(-Infinity);
  for (let k = 0; k < cells; k++) {
    const v = delta[k]!;
    if (v <= top[0]!) continue;
    let j = 1;
    while (j < S && top[j]! < v) {
      top[j - 1] = top[j]!;
      j++;
    }
    top[j - 1] = v;
  }
  const threshold = top[0]!;
  for (let k = 0; k < cells; k++) if (delta[k]! < threshold) delta[k] = -Infinity;
}
