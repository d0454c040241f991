// Candidate generation: which vocabulary words could an OCR token have been? Words are indexed by their
// letters without marks (their "skeleton"); an OCR token reaches every skeleton within two edits of any
// reading of it (digits and symbols read as the letters the channel learned they stand for), through a
// deletion index (SymSpell). Each candidate is then scored by the channel.
import { LRUCache } from 'lru-cache';
import unidecode from 'unidecode';
import { withinEdits } from '../util/levenshtein.js';
import type { CandidateTable } from './candidateTable.js';
import { LOOKALIKES, codePoints, type Channel } from './channel.js';
import type { LanguageModel } from './lm.js';
import { MAX_SKELETON, SkeletonIndex, deletions } from './skeletons.js';
import { stripMarks } from './vietnamese.js';

export interface Candidate {
  /** the word as the LM knows it: lowercase, government tone style */
  form: string;
  id: number;
  /** ln P(ocr | form) */
  channel: number;
}

/** ln frequency a word needs to be proposed from a skeleton two edits further than the nearest. */
const FAR_MIN_UNIGRAM = -8;

/** Tokens whose candidates are kept. */
const TOKENS_KEPT = 50_000;

export class CandidateIndex {
  private readonly made = new LRUCache<string, Candidate[]>({ max: TOKENS_KEPT });
  // Marks per skeleton number, so that a token's search needs no sets: the call (or reading) that last met it.
  private readonly foundIn: Uint32Array;
  private readonly metIn: Uint32Array;
  private readonly dist: Uint8Array;
  private calls = 0;
  private reads = 0;

  constructor(
    private readonly lm: LanguageModel,
    private readonly channel: Channel,
    private readonly skeletons: SkeletonIndex = new SkeletonIndex(lm),
    /** candidates worked out ahead of time for this LM and channel (candidateTable.ts), read when first needed */
    private readonly table: () => CandidateTable | null = () => null,
  ) {
    const n = skeletons.skeletons.length;
    this.foundIn = new Uint32Array(n);
    this.metIn = new Uint32Array(n);
    this.dist = new Uint8Array(n);
  }

  /**
   * Readings of an OCR token as plain letters: "s6" → ["so", "sb"], "1y" → ["ly", "iy"], and with one
   * two-letter misreading the channel learned taken as its letter: "chirc" → also "chuc".
   */
  readings(token: string): string[] {
    const plain = stripMarks(token.toLowerCase());
    const variants = [plain];
    for (let i = 0; i + 1 < plain.length && variants.length < 4; i++) {
      const letters = this.channel.pairReadings.get(plain.slice(i, i + 2));
      if (letters) variants.push(plain.slice(0, i) + letters[0] + plain.slice(i + 2));
    }
    const out = new Set<string>();
    for (const v of variants) for (const r of this.glyphReadings(v)) if (out.size < 10) out.add(r);
    return [...out];
  }

  private glyphReadings(token: string): string[] {
    let out = [''];
    for (const ch of token) {
      // Letters read as themselves; other glyphs as every letter the channel learned they stand for ("&" for
      // é, á, ở …: the first two alone never reach "ở"), or failing that as their ASCII transliteration ("ø" → "o").
      const learned = /[a-z]/.test(ch) ? [ch] : (this.channel.readings.get(ch) ?? LOOKALIKES.get(ch) ?? []);
      const alts = learned.length ? learned : /^[a-z]{1,2}$/.test(unidecode(ch).toLowerCase()) ? [unidecode(ch).toLowerCase()] : [];
      if (alts.length === 0) continue; // a glyph with no letter reading: treat as noise
      out = out.flatMap((p) => alts.map((a) => p + a));
      if (out.length > 8) out = out.slice(0, 8);
    }
    return out.filter(Boolean);
  }

  /**
   * Scored candidates for an OCR token (lowercase), at most `limit`: the best by channel and word frequency
   * together (the channel alone would drop "của" for "ciia" behind a dozen rare look-alikes).
   */
  candidates(token: string, limit: number, maxEdits = 2, unigramWeight = 1): Candidate[] {
    // A token comes in several cases ("Ké", "KÉ", "ké"): its candidates are the same, and are worked out once.
    const key = `${limit}\u0000${maxEdits}\u0000${unigramWeight}\u0000${token}`;
    let hit = this.made.get(key);
    if (!hit) {
      const table = this.table();
      const ahead = table?.serves(limit, maxEdits, unigramWeight) ? table.get(token, this.lm.vocab) : undefined;
      this.made.set(key, (hit = ahead ?? this.make(token, limit, maxEdits, unigramWeight)));
    }
    return hit;
  }

  private make(token: string, limit: number, maxEdits: number, unigramWeight: number): Candidate[] {
    const index = this.skeletons;
    const call = ++this.calls;
    /** skeleton numbers in the order first met (which decides between equal ranks) */
    const found: number[] = [];
    const meet = (n: number, dist: number) => {
      if (this.foundIn[n] !== call) {
        this.foundIn[n] = call;
        this.dist[n] = dist;
        found.push(n);
      } else if (dist < this.dist[n]!) this.dist[n] = dist;
    };
    for (const r of this.readings(token)) {
      if (r.length > MAX_SKELETON + 2) continue;
      // No edits (text typed without marks): the reading is a skeleton or nothing.
      if (maxEdits === 0) {
        const n = index.numberOf.get(r);
        if (n !== undefined) meet(n, 0);
        continue;
      }
      const dels = new Set<string>([r]);
      // Deletions of the reading as deep as the edits allowed: with the index's two, enough to meet every skeleton that close.
      deletions(r, Math.min(maxEdits, 2), dels);
      // A skeleton shares many deletions with the reading: its distance is the same each time, reckoned once.
      const reading = ++this.reads;
      const lists = index.deletionLists;
      for (const d of dels) {
        const at = index.byDeletion.get(d);
        if (at === undefined) continue;
        for (let k = at + 1, end = at + 1 + lists[at]!; k < end; k++) {
          const n = lists[k]!;
          if (this.metIn[n] === reading) continue;
          this.metIn[n] = reading;
          const dist = withinEdits(r, index.skeletons[n]!, maxEdits);
          if (dist <= maxEdits) meet(n, dist);
        }
      }
    }
    // Closest skeletons first; of a far one only common words are worth scoring ("nude" is a word, but the
    // OCR made it of "nước").
    let best = Infinity;
    for (const n of found) best = Math.min(best, this.dist[n]!);
    // Ids only, until the few kept are known: a token meets 170 words on average and keeps 16. Each with the
    // skeleton it came from (its place in `used`; −1 for a whole-token misreading alone).
    const ids: number[] = [];
    const from: number[] = [];
    const used: number[] = [];
    for (const n of found) {
      const dist = this.dist[n]!;
      if (dist > best + 2) continue;
      const before = ids.length;
      for (const id of index.words[n]!) {
        if (dist > best + 1 && this.lm.unigram(id) < FAR_MIN_UNIGRAM) continue;
        ids.push(id);
        from.push(used.length);
      }
      if (ids.length > before) used.push(n);
    }
    // Words the OCR was seen to write as this very token, however unlike ("¢" for "có").
    const whole = this.channel.misreadings.get(token);
    for (const form of whole?.keys() ?? []) {
      const id = this.lm.id(form);
      if (id !== this.lm.unk && !ids.includes(id)) {
        ids.push(id);
        from.push(-1);
      }
    }
    return this.best(token, ids, from, used, limit, unigramWeight);
  }

  /**
   * The `limit` best of the words by channel and frequency, best first (equal ranks in the order given), without
   * aligning the token with every one of them: a skeleton's alignment with each letter's best marked character
   * bounds the channel of every word with that skeleton. The words of the `limit` best bounds are aligned first;
   * of the rest, only those whose bound reaches the `limit`-th rank found. (A legacy token meets 170 words of 70
   * skeletons; 90 are aligned, and the token's candidates take a quarter less time.)
   */
  private best(token: string, ids: number[], from: number[], used: number[], limit: number, unigramWeight: number): Candidate[] {
    if (ids.length === 0) return [];
    const { vocab } = this.lm;
    const { wordCodes, wordOrder } = this.skeletons;
    const whole = this.channel.misreadings.get(token);
    const bounds = this.channel.skeletonBounds(
      token,
      used.map((n) => this.skeletons.skeletonCodes[n]!),
      this.skeletons.letterClasses,
    );
    const bound = new Float64Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      // A misreading alone may align better than its misreading's score: it is always aligned.
      const w = whole?.get(vocab[ids[k]!]!) ?? -Infinity;
      bound[k] = from[k]! < 0 ? Infinity : Math.max(bounds[from[k]!]!, w) + unigramWeight * this.lm.unigram(ids[k]!);
    }
    const rank = new Float64Array(ids.length);
    const channel = new Float64Array(ids.length);
    const scored: number[] = [];
    const align = (batch: number[]) => {
      // In alphabetical order: the alignments of words that share a beginning share their first rows.
      batch.sort((x, y) => wordOrder[ids[x]!]! - wordOrder[ids[y]!]!);
      const scores = this.channel.alignScores(
        token,
        batch.map((k) => wordCodes[ids[k]!] ?? codePoints(vocab[ids[k]!]!)),
      );
      batch.forEach((k, i) => {
        channel[k] = Math.max(scores[i]!, whole?.get(vocab[ids[k]!]!) ?? -Infinity);
        rank[k] = channel[k]! + unigramWeight * this.lm.unigram(ids[k]!);
        scored.push(k);
      });
    };
    // First the words of the `limit` best bounds; then every other whose bound reaches the `limit`-th rank found.
    const sorted = Float64Array.from(bound).sort();
    const first = sorted[Math.max(0, sorted.length - limit)]!;
    const pick = (keep: (b: number) => boolean) => {
      const batch: number[] = [];
      for (let k = 0; k < ids.length; k++) if (keep(bound[k]!)) batch.push(k);
      return batch;
    };
    align(pick((b) => b >= first));
    const threshold = scored.length >= limit ? Float64Array.from(scored, (k) => rank[k]!).sort()[scored.length - limit]! : -Infinity;
    align(pick((b) => b < first && b >= threshold));
    // Best first (equal ranks in the order met).
    scored.sort((x, y) => rank[y]! - rank[x]! || x - y);
    return scored.slice(0, limit).map((k) => ({ form: vocab[ids[k]!]!, id: ids[k]!, channel: channel[k]! }));
  }
}
