// The vocabulary by skeleton (its letters without marks), and skeletons by their deletions (SymSpell): where an OCR
// token's candidates are found (candidates.ts). The same for every channel, and a function of the language model
// alone, so it is worked out ahead of time for the shipped model (models/skeletons.bin, made by
// `npm run build:candidates`) and read at load (~30 ms, where building it took ~0.2 CPU-s of every run that
// repairs); for any other model (the eval's held-out ones) it is built when loaded.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { codePoints } from './channel.js';
import type { LanguageModel } from './lm.js';
import { SectionReader, writeSections } from '../util/sections.js';
import { isVietnameseSyllable, stripMarks } from './vietnamese.js';

export const MAX_SKELETON = 9;
/** Words rarer than this (ln P) are never proposed: at the bottom of the vocabulary they are mostly noise. */
const MIN_UNIGRAM = -13;
/** Deletions indexed: a token meets every skeleton within two edits of it. */
const DEPTH = 2;

export const SKELETONS_FORMAT = 'vnplan-skeletons/1';

export function deletions(key: string, depth: number, out: Set<string>): void {
  // Never delete down to nothing: that would pair every short word with every other.
  if (depth === 0 || key.length <= 1) return;
  for (let i = 0; i < key.length; i++) {
    const d = key.slice(0, i) + key.slice(i + 1);
    if (!out.has(d)) {
      out.add(d);
      deletions(d, depth - 1, out);
    }
  }
}

/** FNV-1a over a string's UTF-16 units: the deletion table's hash, the same when the file is made and read. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Deletion variants → where their skeleton numbers start in the lists, through an open-addressing table (linear
 * probing) that is stored with the index: its 42 thousand variants put into a Map were half the time of reading it.
 */
export class DeletionTable {
  /** variant k's list, as an offset into the lists */
  private readonly at: Int32Array;

  constructor(
    private readonly variants: string[],
    lists: Int32Array,
    /** slot → variant number, −1 where empty (a power of two long) */
    readonly slots: Int32Array = DeletionTable.slotsOf(variants),
  ) {
    this.at = new Int32Array(variants.length);
    for (let k = 0, o = 0; k < variants.length; k++, o += 1 + lists[o]!) this.at[k] = o;
  }

  static slotsOf(variants: string[]): Int32Array {
    let size = 1024;
    while (size < 2 * variants.length) size *= 2;
    const slots = new Int32Array(size).fill(-1);
    variants.forEach((v, k) => {
      let s = hashString(v) & (size - 1);
      while (slots[s] !== -1) s = (s + 1) & (size - 1);
      slots[s] = k;
    });
    return slots;
  }

  get size(): number {
    return this.variants.length;
  }

  keys(): string[] {
    return this.variants;
  }

  /** Where the variant's list starts in the lists, or undefined when no skeleton has it. */
  get(variant: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let s = hashString(variant) & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s]!;
      if (k < 0) return undefined;
      if (this.variants[k] === variant) return this.at[k];
    }
  }
}

/** What an index is made of: built from the model, or read from the file; the rest is derived at load. */
export interface SkeletonParts {
  /** skeleton number → the skeleton */
  skeletons: string[];
  /** skeleton number → its vocabulary ids */
  words: Int32Array[];
  /** the deletion variants, in the order of their lists in `deletionLists` */
  deletionKeys: string[];
  /** each deletion variant's skeleton numbers after their count: [n, s1 … sn, n', …] */
  deletionLists: Int32Array;
  /** the variants' hash table (DeletionTable), when read; made when built */
  deletionSlots?: Int32Array;
  /** base letter → the vocabulary's characters with that letter under their marks, as code points */
  letterClasses: Map<number, Int32Array>;
  /** the vocabulary ids indexed */
  indexed: Int32Array;
  /** vocabulary id → its place in alphabetical order among the words indexed */
  wordOrder: Int32Array;
  /** skeleton number → its letters as code points */
  skeletonCodes: Int32Array[];
  /** the words indexed as code points, in the order of `indexed` */
  indexedCodes: Int32Array[];
}

/** The index's parts, worked out from the model's vocabulary. */
export function buildSkeletons(lm: LanguageModel): SkeletonParts {
  const numbers = new Map<string, number>();
  const skeletons: string[] = [];
  const words: number[][] = [];
  const byDeletion = new Map<string, number[]>();
  const classes = new Map<string, Set<string>>();
  /** each character's letter without marks, worked out once (the vocabulary has a few dozen characters) */
  const letters = new Map<string, string>();
  const indexed: number[] = [];
  lm.vocab.forEach((w, id) => {
    // Vietnamese syllables, and abbreviations and foreign words the corpus uses often enough to be in it. (The
    // frequency first: it turns away nine words in ten without a look at their letters.)
    if (lm.unigram(id) < MIN_UNIGRAM || w.startsWith('<') || !/^\p{L}+$/u.test(w)) return;
    const sk = stripMarks(w);
    if (sk.length > MAX_SKELETON || !/^[a-z]+$/.test(sk)) return;
    if (!isVietnameseSyllable(w) && id > 20000) return;
    for (const ch of w) {
      let letter = letters.get(ch);
      if (letter === undefined) letters.set(ch, (letter = stripMarks(ch)));
      if (!classes.has(letter)) classes.set(letter, new Set());
      classes.get(letter)!.add(ch);
    }
    indexed.push(id);
    const n = numbers.get(sk);
    if (n !== undefined) words[n]!.push(id);
    else {
      numbers.set(sk, skeletons.length);
      const dels = new Set<string>([sk]);
      deletions(sk, DEPTH, dels);
      for (const d of dels) {
        const l = byDeletion.get(d);
        if (l) l.push(skeletons.length);
        else byDeletion.set(d, [skeletons.length]);
      }
      skeletons.push(sk);
      words.push([id]);
    }
  });
  let size = 0;
  for (const l of byDeletion.values()) size += 1 + l.length;
  const deletionLists = new Int32Array(size);
  let at = 0;
  for (const l of byDeletion.values()) {
    deletionLists[at++] = l.length;
    for (const n of l) deletionLists[at++] = n;
  }
  const letterClasses = new Map<number, Int32Array>();
  for (const [letter, chars] of classes) letterClasses.set(letter.codePointAt(0)!, Int32Array.from(chars, (c) => c.codePointAt(0)!));
  const wordOrder = new Int32Array(lm.vocab.length);
  [...indexed].sort((a, b) => (lm.vocab[a]! < lm.vocab[b]! ? -1 : 1)).forEach((id, k) => (wordOrder[id] = k));
  return {
    skeletons,
    words: words.map((w) => Int32Array.from(w)),
    deletionKeys: [...byDeletion.keys()],
    deletionLists,
    letterClasses,
    indexed: Int32Array.from(indexed),
    wordOrder,
    skeletonCodes: skeletons.map(codePoints),
    indexedCodes: indexed.map((id) => codePoints(lm.vocab[id]!)),
  };
}

/**
 * Vocabulary words by skeleton, and skeletons by their deletions. Skeletons are numbered: a token meets seventy of
 * them, and numbers are marked and looked up in flat arrays, where strings would be hashed at every step.
 */
export class SkeletonIndex {
  readonly skeletons: string[];
  /** skeleton → its number */
  readonly numberOf = new Map<string, number>();
  readonly words: Int32Array[];
  /** deletion variant → where its skeleton numbers are in `deletionLists` */
  readonly byDeletion: DeletionTable;
  /** the skeleton numbers of every deletion variant, each list after its length (one array, not 42 thousand small
   *  ones) */
  readonly deletionLists: Int32Array;
  readonly letterClasses: Map<number, Int32Array>;
  /** skeleton number → its letters as code points */
  readonly skeletonCodes: Int32Array[];
  /** vocabulary id → the word as code points (the words indexed) */
  readonly wordCodes: (Int32Array | undefined)[];
  /** vocabulary id → its place in alphabetical order among the words indexed: words that share a beginning are
   *  aligned one after another (Channel.alignScores) */
  readonly wordOrder: Int32Array;

  constructor(lm: LanguageModel, parts: SkeletonParts = buildSkeletons(lm)) {
    this.skeletons = parts.skeletons;
    this.skeletons.forEach((sk, n) => this.numberOf.set(sk, n));
    this.words = parts.words;
    this.deletionLists = parts.deletionLists;
    this.byDeletion = new DeletionTable(parts.deletionKeys, parts.deletionLists, parts.deletionSlots);
    this.letterClasses = parts.letterClasses;
    this.skeletonCodes = parts.skeletonCodes;
    this.wordCodes = new Array<Int32Array | undefined>(lm.vocab.length);
    parts.indexed.forEach((id, k) => (this.wordCodes[id] = parts.indexedCodes[k]));
    this.wordOrder = parts.wordOrder;
  }
}

/** What identifies the model and the settings an index file was made for. */
function fingerprint(lm: LanguageModel): string {
  const settings = { MAX_SKELETON, MIN_UNIGRAM, DEPTH };
  return createHash('sha256').update(JSON.stringify(lm.header)).update('\0').update(JSON.stringify(settings)).digest('hex').slice(0, 32);
}

/** Arrays as one, and where each starts (one more entry than arrays). */
function flat(arrays: Int32Array[]): [Uint32Array, Int32Array] {
  const starts = new Uint32Array(arrays.length + 1);
  arrays.forEach((a, k) => (starts[k + 1] = starts[k]! + a.length));
  const all = new Int32Array(starts[arrays.length]!);
  arrays.forEach((a, k) => all.set(a, starts[k]!));
  return [starts, all];
}

/** The arrays `flat` made, as views of its one array (made at every load: a view costs a fraction of a copy). */
function unflat(starts: Uint32Array, all: Int32Array): Int32Array[] {
  return Array.from({ length: starts.length - 1 }, (_, k) => all.subarray(starts[k]!, starts[k + 1]!));
}

/** Binary layout: "VNSK" | header JSON | skeletons (\n-joined) | words (starts, ids) | deletion variants
 *  (\n-joined) | deletion lists | the variants' hash table | letter classes ([letter, count, chars…]…) | ids indexed | word order | skeletons'
 *  code points (starts, points) | the indexed words' code points (starts, points). */
export function serializeSkeletons(lm: LanguageModel, p: SkeletonParts): Buffer {
  const classes: number[] = [];
  for (const [letter, chars] of p.letterClasses) classes.push(letter, chars.length, ...chars);
  const header = { format: SKELETONS_FORMAT, models: fingerprint(lm) };
  return writeSections('VNSK', [
    Buffer.from(JSON.stringify(header)),
    Buffer.from(p.skeletons.join('\n')),
    ...flat(p.words),
    Buffer.from(p.deletionKeys.join('\n')),
    p.deletionLists,
    p.deletionSlots ?? DeletionTable.slotsOf(p.deletionKeys),
    Int32Array.from(classes),
    p.indexed,
    p.wordOrder,
    ...flat(p.skeletonCodes),
    ...flat(p.indexedCodes),
  ]);
}

/** The parts in `path` when it was made for this model and these settings; null when it is missing or was not. */
export function readSkeletons(path: string, lm: LanguageModel): SkeletonParts | null {
  if (!existsSync(path)) return null;
  const file = new SectionReader(readFileSync(path), 'VNSK', 'vnplan skeleton index');
  const header = JSON.parse(file.text()) as { format: string; models: string };
  if (header.format !== SKELETONS_FORMAT || header.models !== fingerprint(lm)) return null;
  const skeletons = file.text().split('\n');
  const words = unflat(file.array(Uint32Array), file.array(Int32Array));
  const deletionKeys = file.text().split('\n');
  const deletionLists = file.array(Int32Array);
  const deletionSlots = file.array(Int32Array);
  const classes = file.array(Int32Array);
  const letterClasses = new Map<number, Int32Array>();
  for (let k = 0; k < classes.length; k += 2 + classes[k + 1]!) letterClasses.set(classes[k]!, classes.slice(k + 2, k + 2 + classes[k + 1]!));
  const indexed = file.array(Int32Array);
  const wordOrder = file.array(Int32Array);
  const skeletonCodes = unflat(file.array(Uint32Array), file.array(Int32Array));
  const indexedCodes = unflat(file.array(Uint32Array), file.array(Int32Array));
  return { skeletons, words, deletionKeys, deletionLists, deletionSlots, letterClasses, indexed, wordOrder, skeletonCodes, indexedCodes };
}
