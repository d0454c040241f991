// Candidate generation: which vocabulary words could an OCR token have been? Words are indexed by their
// letters without marks (their "skeleton"); an OCR token reaches every skeleton within two edits of any
// reading of it (digits and symbols read as the letters the channel learned they stand for), through a
// deletion index (SymSpell). Each candidate is then scored by the channel.
import { LRUCache } from 'lru-cache';
import unidecode from 'unidecode';
import { levenshtein } from '../util/levenshtein.js';
import type { Channel } from './channel.js';
import type { LanguageModel } from './lm.js';
import { isVietnameseSyllable, stripMarks } from './vietnamese.js';

export interface Candidate {
  /** the word as the LM knows it: lowercase, government tone style */
  form: string;
  id: number;
  /** ln P(ocr | form) */
  channel: number;
}

const MAX_SKELETON = 9;

function deletions(key: string, depth: number, out: Set<string>): void {
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

/** Vocabulary words by skeleton, and skeletons by their deletions: the same for every channel, built once. */
export class SkeletonIndex {
  /** skeleton → vocabulary ids */
  readonly bySkeleton = new Map<string, number[]>();
  /** deletion variant → skeletons */
  readonly byDeletion = new Map<string, string[]>();

  constructor(
    lm: LanguageModel,
    /** words rarer than this (ln P) are never proposed: at the bottom of the vocabulary they are mostly noise */
    minUnigram = -13,
  ) {
    lm.vocab.forEach((w, id) => {
      // Vietnamese syllables, and abbreviations and foreign words the corpus uses often enough to be in it.
      if (w.startsWith('<') || !/^\p{L}+$/u.test(w) || lm.unigram(id) < minUnigram) return;
      const sk = stripMarks(w);
      if (sk.length > MAX_SKELETON || !/^[a-z]+$/.test(sk)) return;
      if (!isVietnameseSyllable(w) && id > 20000) return;
      const list = this.bySkeleton.get(sk);
      if (list) list.push(id);
      else {
        this.bySkeleton.set(sk, [id]);
        const dels = new Set<string>([sk]);
        deletions(sk, 2, dels);
        for (const d of dels) {
          const l = this.byDeletion.get(d);
          if (l) l.push(sk);
          else this.byDeletion.set(d, [sk]);
        }
      }
    });
  }
}

/** ln frequency a word needs to be proposed from a skeleton two edits further than the nearest. */
const FAR_MIN_UNIGRAM = -8;

/** Tokens whose candidates are kept. */
const TOKENS_KEPT = 50_000;

export class CandidateIndex {
  private readonly made = new LRUCache<string, Candidate[]>({ max: TOKENS_KEPT });
  private readonly bySkeleton: Map<string, number[]>;
  private readonly byDeletion: Map<string, string[]>;

  constructor(
    private readonly lm: LanguageModel,
    private readonly channel: Channel,
    skeletons: SkeletonIndex = new SkeletonIndex(lm),
  ) {
    this.bySkeleton = skeletons.bySkeleton;
    this.byDeletion = skeletons.byDeletion;
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
      const learned = /[a-z]/.test(ch) ? [ch] : (this.channel.readings.get(ch) ?? []);
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
    if (!hit) this.made.set(key, (hit = this.make(token, limit, maxEdits, unigramWeight)));
    return hit;
  }

  private make(token: string, limit: number, maxEdits: number, unigramWeight: number): Candidate[] {
    const skeletons = new Map<string, number>();
    for (const r of this.readings(token)) {
      if (r.length > MAX_SKELETON + 2) continue;
      // No edits (text typed without marks): the reading is a skeleton or nothing.
      if (maxEdits === 0) {
        if (this.bySkeleton.has(r) && !skeletons.has(r)) skeletons.set(r, 0);
        continue;
      }
      const dels = new Set<string>([r]);
      // Deletions of the reading as deep as the edits allowed: with the index's two, enough to meet every skeleton that close.
      deletions(r, Math.min(maxEdits, 2), dels);
      // A skeleton shares many deletions with the reading: its distance is the same each time, reckoned once.
      const met = new Set<string>();
      for (const d of dels)
        for (const sk of this.byDeletion.get(d) ?? []) {
          if (met.has(sk)) continue;
          met.add(sk);
          const dist = levenshtein(r, sk);
          if (dist <= maxEdits && dist < (skeletons.get(sk) ?? 9)) skeletons.set(sk, dist);
        }
    }
    // Closest skeletons first; of a far one only common words are worth scoring ("nude" is a word, but the
    // OCR made it of "nước").
    const best = Math.min(...skeletons.values());
    // Ids only, until the few kept are known: a token meets 170 words on average and keeps 16.
    const ids: number[] = [];
    for (const [sk, dist] of skeletons) {
      if (dist > best + 2) continue;
      for (const id of this.bySkeleton.get(sk)!) {
        if (dist > best + 1 && this.lm.unigram(id) < FAR_MIN_UNIGRAM) continue;
        ids.push(id);
      }
    }
    // Words the OCR was seen to write as this very token, however unlike ("¢" for "có").
    for (const form of this.channel.misreadings.get(token)?.keys() ?? []) {
      const id = this.lm.id(form);
      if (id !== this.lm.unk && !ids.includes(id)) ids.push(id);
    }
    const forms = ids.map((id) => this.lm.vocab[id]!);
    const channel = this.channel.scoreAll(token, forms);
    const rank = ids.map((id, k) => channel[k]! + unigramWeight * this.lm.unigram(id));
    // Best first (a stable sort: equal ranks stay in the order met).
    const order = ids.map((_, k) => k).sort((x, y) => rank[y]! - rank[x]!);
    return order.slice(0, limit).map((k) => ({ form: forms[k]!, id: ids[k]!, channel: channel[k]! }));
  }
}
