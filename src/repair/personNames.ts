// Vietnamese personal names, by the place a syllable takes in them (family name, middle name, given name), counted
// on the corpus (scripts/build-person-names.ts), and whether a syllable is borne by women or men. A signer's name
// sits under a stamp and a handwritten signature, where the OCR misreads a letter or a mark ("Tý Thu Công Lộc",
// "Mai Cổng Hùng"); a word that is almost never a name's in its place is read as the name syllable a mark or a
// letter away from it that names bear far more often, and that agrees with the rest of the name.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MODELS_DIR } from './models.js';
import { stripMarks } from './vietnamese.js';

export const PERSON_NAMES_FORMAT = 'vnplan-person-names/1';
export const PERSON_NAMES_FILE = resolve(MODELS_DIR, 'person-names.json');

export type NamePlace = 'family' | 'middle' | 'given';

export interface PersonNamesFile {
  format: string;
  sources: string[];
  /** syllable → how many harvested names have it in that place */
  family: Record<string, number>;
  middle: Record<string, number>;
  given: Record<string, number>;
  /** syllable → share of its names (after "bà" rather than "ông") borne by women, where seen often enough */
  female: Record<string, number>;
}

/** A word seen this often in its place is a name's syllable there: it is kept as read. */
const KNOWN = 5;
/** One changed mark costs this (ln): a name this many times e^λ more often borne is needed to change it. */
const MARK_COST = 2.5;
/** A changed letter, or one added or dropped, costs two marks. */
const LETTER_COST = 2 * MARK_COST;
/** Candidates at most this far: a letter, or two marks. */
const MAX_COST = LETTER_COST;
/** The mended reading must beat the one read by this much (ln): a near tie keeps what the OCR read. */
const MARGIN = 1;

export class PersonNameModel {
  private readonly counts: Record<NamePlace, Map<string, number>>;
  private readonly female: Map<string, number>;

  constructor(file: PersonNamesFile) {
    this.counts = {
      family: new Map(Object.entries(file.family)),
      middle: new Map(Object.entries(file.middle)),
      given: new Map(Object.entries(file.given)),
    };
    this.female = new Map(Object.entries(file.female));
  }

  static load(path = PERSON_NAMES_FILE): PersonNameModel {
    const f = JSON.parse(readFileSync(path, 'utf8')) as PersonNamesFile;
    if (f.format !== PERSON_NAMES_FORMAT) throw new Error(`${path}: not a ${PERSON_NAMES_FORMAT} file`);
    return new PersonNameModel(f);
  }

  /**
   * The name with each word no name bears in its place read as the likeliest one a mark or a letter away, where
   * one is clearly likelier. Words are capitalised (as `readName` leaves them); 2–5 words, or it is returned as is.
   */
  mend(words: string[]): string[] {
    if (words.length < 2 || words.length > 5) return words;
    const out = [...words];
    words.forEach((w, i) => {
      const place: NamePlace = i === 0 ? 'family' : i === words.length - 1 ? 'given' : 'middle';
      const table = this.counts[place];
      if ((table.get(w) ?? 0) >= KNOWN || !/^\p{Lu}[\p{Ll}\p{M}]*$/u.test(w)) return;
      // Two words, the first a common middle name: a name whose family name the OCR lost ("Công Hậu").
      if (place === 'family' && words.length === 2 && (this.counts.middle.get(w) ?? 0) >= KNOWN) return;
      // Gender is weighed between the middle names and the given name, the parts that carry it.
      const others = place === 'family' ? [] : place === 'given' ? out.slice(1, -1) : [out[out.length - 1]!];
      const score = (f: string, cost: number) => Math.log((table.get(f) ?? 0) + 0.5) - cost + this.agreement(f, others);
      const read = score(w, 0);
      let best = w;
      let bestScore = read;
      for (const f of table.keys()) {
        const cost = nameEditCost(w, f);
        if (cost === 0 || cost > MAX_COST) continue;
        const s = score(f, cost);
        if (s > bestScore) {
          best = f;
          bestScore = s;
        }
      }
      if (best !== w && bestScore - read > MARGIN) out[i] = best;
    });
    return out;
  }

  /** ln of how well a syllable's gender agrees with the others' (0 when either is not known to lean). */
  private agreement(form: string, others: string[]): number {
    const g = this.female.get(form);
    if (g === undefined) return 0;
    let sum = 0;
    for (const o of others) {
      const h = this.female.get(o);
      // Both women's or both men's, against the 1/2 of knowing nothing.
      if (h !== undefined) sum += Math.log(2 * (g * h + (1 - g) * (1 - h)));
    }
    return sum;
  }
}

/**
 * Weighted edit distance between two words: a character whose marks differ costs MARK_COST, a different letter
 * or one added or dropped LETTER_COST. Stops early (returns Infinity) past `limit`.
 */
export function nameEditCost(a: string, b: string, limit = MAX_COST): number {
  const s = [...a.toLowerCase()];
  const t = [...b.toLowerCase()];
  if (Math.abs(s.length - t.length) * LETTER_COST > limit) return Infinity;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j * LETTER_COST);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i * LETTER_COST];
    let rowMin = cur[0]!;
    for (let j = 1; j <= t.length; j++) {
      // The same letter under other marks ("ộ" and "o"; "đ" is a "d" with a mark) costs a mark.
      const sub = s[i - 1] === t[j - 1] ? 0 : stripMarks(s[i - 1]!) === stripMarks(t[j - 1]!) ? MARK_COST : LETTER_COST;
      const v = Math.min(prev[j]! + LETTER_COST, cur[j - 1]! + LETTER_COST, prev[j - 1]! + sub);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return Infinity;
    prev = cur;
  }
  return prev[t.length]!;
}

let loaded: PersonNameModel | undefined;

/** The packaged model, loaded on first use. */
export function personNames(): PersonNameModel {
  return (loaded ??= PersonNameModel.load());
}
