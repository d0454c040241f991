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

/** Rows kept of each kind: 2^16 slots of a direct-mapped table (four kinds, the beam's 17 options and a tag of
 *  three: 21 MB in all; 2^17 read the dev legacy texts ~1.5 % faster, for 21 MB more of a batch's peak memory). */
const ROW_BITS = 16;
const ROWS = 1 << ROW_BITS;

/** The slot of ln P(c | a b)'s row for a layer's options (LmRows: trigrams, and touch, which reads ahead). */
function trigramSlot(a: number, b: number, layer: Layer): number {
  return ROWS + ((Math.imul(a, 0x27d4eb2f) ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(layer.serial, 0x85ebca6b)) >>> (32 - ROW_BITS));
}

/**
 * The LM's scores of a layer's options as the search asks for them, a row at a time: ln P(c | b) for each option c
 * after a word b, and ln P(c | a b) after two. Each score is a hash probe into tables far larger than the
 * processor's cache (and a search in a trigram run), and the search asks for the same rows again and again (a
 * form's options follow the same words throughout a document, and every reading of the document asks anew): rows
 * are kept in direct-mapped tables, the last row asked for in each slot. `bigrams`/`trigrams` say where a row
 * starts in `values`; `between`/`before` do the same for the rows a token's confidence reads (its options with the
 * words after it).
 */
export class LmRows {
  /** single precision holds every score exactly: each is a whole number of 1/QUANT steps, far from 2^24 of them,
   *  and half the bytes halve the trips to memory. A slot is what it holds, (a, b, layer serial + 1) as integers (a
   *  is −1 in a bigram row), then its row: a probe reads the tag and the row's first scores from one cache line, where a
   *  table of tags apart cost a trip to memory of its own. */
  readonly values: Float32Array;
  /** the same memory as integers, for the tags */
  private readonly tags: Int32Array;
  /** floats per slot: the tag's three and the row */
  private readonly stride: number;

  constructor(
    readonly lm: LanguageModel,
    /** the most options a layer has (the beam, and the token kept) */
    private readonly width: number,
  ) {
    this.stride = width + 3;
    // Left as the allocator gives it, zeros: a slot's layer is kept as its serial + 1, so that zero holds nothing.
    // (Written through, the table would cost its every page a fault; a scan's repair touches a few hundred.)
    this.values = new Float32Array(4 * ROWS * this.stride);
    this.tags = new Int32Array(this.values.buffer);
  }

  /** Where the slot's row starts in values when the slot holds (a, b, layer); when it held another row, the slot
   *  is made to hold this one and the start comes back negated (its row is then to be worked out). */
  private claim(slot: number, a: number, b: number, layer: Layer): number {
    const tags = this.tags;
    const at = slot * this.stride;
    const held = layer.serial + 1;
    if (tags[at + 2] === held && tags[at] === a && tags[at + 1] === b) return at + 3;
    if (layer.ids.length > this.width) throw new Error(`a lattice layer of ${layer.ids.length} options is wider than ${this.width}`);
    tags[at] = a;
    tags[at + 1] = b;
    tags[at + 2] = held;
    return -(at + 3);
  }

  /** Where ln P(c | b) for the layer's options starts in values. */
  bigrams(b: number, layer: Layer): number {
    const slot = (Math.imul(b, 0x9e3779b1) ^ Math.imul(layer.serial, 0x85ebca6b)) >>> (32 - ROW_BITS);
    const start = this.claim(slot, -1, b, layer);
    if (start >= 0) return start;
    this.lm.bigramsInto(b, layer.ids, layer.byId, this.values, -start);
    return -start;
  }

  /** Reads the tag of the slot ln P(c | a b)'s row would be in, and gives it: a loop of these, before the loop that
   *  uses the rows, has their trips to memory under way at once (the rows themselves are asked for in the second
   *  loop: two of a position's states may want one slot, and a row claimed first would be gone by its use). */
  touch(a: number, b: number, layer: Layer): number {
    return this.tags[trigramSlot(a, b, layer) * this.stride + 2]!;
  }

  /** Where ln P(c | a b) for the layer's options starts in values. */
  trigrams(a: number, b: number, layer: Layer): number {
    const start = this.claim(trigramSlot(a, b, layer), a, b, layer);
    if (start >= 0) return start;
    this.lm.trigramsInto(a, b, layer.ids, layer.byId, this.values, this.bigrams(b, layer), -start);
    return -start;
  }

  /** Where ln P(c | a o) for each option o of the layer starts in values (the layer between words a and c). */
  between(a: number, c: number, layer: Layer): number {
    const slot = 2 * ROWS + ((Math.imul(a, 0x27d4eb2f) ^ Math.imul(c, 0x165667b1) ^ Math.imul(layer.serial, 0x85ebca6b)) >>> (32 - ROW_BITS));
    const start = this.claim(slot, a, c, layer);
    if (start >= 0) return start;
    this.lm.betweenInto(a, c, layer.ids, layer.byId, this.values, -start);
    return -start;
  }

  /** Where ln P(c | o b) for each option o of the layer starts in values (the layer two words before c). */
  before(b: number, c: number, layer: Layer): number {
    const slot = 3 * ROWS + ((Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x165667b1) ^ Math.imul(layer.serial, 0x85ebca6b)) >>> (32 - ROW_BITS));
    const start = this.claim(slot, b, c, layer);
    if (start >= 0) return start;
    this.lm.beforeInto(b, c, layer.ids, this.values, -start);
    return -start;
  }
}

export interface SearchParams {
  /** weight of the LM against the options' own scores */
  lam: number;
  /** states (pairs of neighbouring options) kept per position */
  states: number;
  /** …and of those only the ones within this (ln) of the position's best */
  stateGap: number;
  /** the LM's weight into each layer, where it is not `lam` (a name's inner words) */
  lams?: Float64Array;
}

/** The search's working arrays, grown as sentences need and kept: a sentence is read in microseconds, and fresh
 *  arrays per layer cost as much again in allocation and collection. */
class Scratch {
  pd = new Float64Array(0);
  delta = new Float64Array(0);
  backs = new Int32Array(0);
  alive = new Int32Array(0);
  top = new Float64Array(0);
  /** what the slots read ahead held, summed (kept, so that the reads are made) */
  tags = 0;

  fit(cells: number, layers: number, states: number): void {
    if (this.pd.length < cells) {
      this.pd = new Float64Array(cells);
      this.delta = new Float64Array(cells);
      this.alive = new Int32Array(cells);
    }
    if (this.backs.length < cells * layers) this.backs = new Int32Array(Math.max(cells * layers, 2 * this.backs.length));
    if (this.top.length !== states) this.top = new Float64Array(states);
  }
}

const scratch = new Scratch();

/**
 * Second-order Viterbi: the option per layer that maximises Σ score + λ · Σ ln P(word | two words before), with the
 * sentence's start before the first layer and its end after the last. State (p, c) is option p at i−1 and c at i;
 * only the states a position keeps (prune, which lists them) are extended, so the work per layer is states ×
 * options, not options³.
 */
export function bestPath(rows: LmRows, layers: Layer[], sp: SearchParams, bos: Layer): Int32Array {
  const lm = rows.lm;
  const scores = rows.values;
  const n = layers.length;
  let widest = 1;
  for (const l of layers) widest = Math.max(widest, l.ids.length);
  const W = widest * widest;
  scratch.fit(W, n, sp.states);
  // Two score rows, this position's and the last one's; a back-pointer row per position (at i · W), for the trace.
  let pd = scratch.pd;
  let delta = scratch.delta;
  const { backs, alive, top } = scratch;
  let alives = 0;
  for (let i = 0; i < n; i++) {
    const cur = layers[i]!;
    const prev = i === 0 ? bos : layers[i - 1]!;
    const prev2 = i <= 1 ? bos : layers[i - 2]!;
    const K = cur.ids.length;
    const P = prev.ids.length;
    const cells = P * K;
    const lam = sp.lams ? sp.lams[i]! : sp.lam;
    const own = cur.scores;
    const back = i * W;
    delta.fill(-Infinity, 0, cells);
    // The position's best as its cells are made (prune's floor).
    let best = -Infinity;
    if (i === 0) {
      for (let c = 0; c < K; c++) {
        delta[c] = cur.scores[c]! + lam * lm.score2(lm.bos, cur.ids[c]!);
        if (delta[c]! > best) best = delta[c]!;
      }
    } else {
      // Only the states the last position kept, (q, p) at cell q · P + p, in increasing order (the first q wins a tie).
      // Their rows' slots are read first, in a loop of their own: most are kept rows, each a trip to memory, and a
      // loop that does nothing else has many trips under way at once where the arithmetic's loop waits for each.
      let tags = 0;
      for (let s = 0; s < alives; s++) {
        const cell = alive[s]!;
        const q = (cell / P) | 0;
        tags += rows.touch(prev2.ids[q]!, prev.ids[cell - q * P]!, cur);
      }
      scratch.tags = tags;
      for (let s = 0; s < alives; s++) {
        const cell = alive[s]!;
        const q = (cell / P) | 0;
        const p = cell - q * P;
        const base = pd[cell]!;
        const t = rows.trigrams(prev2.ids[q]!, prev.ids[p]!, cur);
        const row = p * K;
        // The option's own score with each state's: the same for every q, so it leaves the best q as it was.
        for (let c = 0; c < K; c++) {
          const v = base + lam * scores[t + c]! + own[c]!;
          if (v > delta[row + c]!) {
            delta[row + c] = v;
            backs[back + row + c] = q;
            if (v > best) best = v;
          }
        }
      }
    }
    alives = prune(delta, cells, sp, top, alive, best);
    [pd, delta] = [delta, pd];
  }
  // The sentence ends: the best state with the LM's word for that (a word that ends a sentence, "… của phường.",
  // over one that rarely does, "phương"), then trace back the path.
  const last = pd;
  const lastLayer = layers[n - 1]!;
  const Kn = lastLayer.ids.length;
  const before = n === 1 ? bos : layers[n - 2]!;
  let bestIdx = -1;
  let bestScore = -Infinity;
  for (let s = 0; s < alives; s++) {
    const k = alive[s]!;
    const end = lm.eos < 0 ? 0 : sp.lam * lm.score(before.ids[Math.floor(k / Kn)]!, lastLayer.ids[k % Kn]!, lm.eos);
    const v = last[k]! + end;
    if (bestIdx < 0 || v > bestScore) [bestIdx, bestScore] = [k, v];
  }
  if (bestIdx < 0) bestIdx = 0;
  const path = new Int32Array(n);
  path[n - 1] = bestIdx % Kn;
  let p = Math.floor(bestIdx / Kn);
  for (let i = n - 1; i >= 1; i--) {
    path[i - 1] = p;
    p = backs[i * W + p * layers[i]!.ids.length + path[i]!]!;
  }
  return path;
}

/**
 * Beam: keep the best `states` entries of a position within `stateGap` of its best (`best`), drop the rest; list the cells
 * kept in `alive`, in increasing order, and say how many.
 */
function prune(delta: Float64Array, cells: number, sp: SearchParams, top: Float64Array, alive: Int32Array, best: number): number {
  const S = sp.states;
  // A state this far behind the best cannot catch up often enough to be worth carrying on.
  const floor = best - sp.stateGap;
  let kept = 0;
  for (let k = 0; k < cells; k++) {
    if (delta[k]! < floor || delta[k] === -Infinity) delta[k] = -Infinity;
    else alive[kept++] = k;
  }
  if (kept <= S) return kept;
  // The S-th best score, from a small sorted buffer (ascending): cheaper than sorting every entry.
  top.fill(-Infinity);
  for (let s = 0; s < kept; s++) {
    const v = delta[alive[s]!]!;
    if (v <= top[0]!) continue;
    let j = 1;
    while (j < S && top[j]! < v) {
      top[j - 1] = top[j]!;
      j++;
    }
    top[j - 1] = v;
  }
  const threshold = top[0]!;
  let still = 0;
  for (let s = 0; s < kept; s++) {
    const k = alive[s]!;
    if (delta[k]! < threshold) delta[k] = -Infinity;
    else alive[still++] = k;
  }
  return still;
}
