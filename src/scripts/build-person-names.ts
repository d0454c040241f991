// npm run build:person-names — Vietnamese personal names harvested from the corpus (held-out articles left out):
// runs of 3–4 capitalised syllables that start with a family name ("Nguyễn Văn Hùng", "Lê Thị Thu Hà"), each
// syllable counted in its place (family, middle, given); and each syllable's lean to women or men, from the
// names written after "bà" and after "ông". Writes models/person-names.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SURNAMES } from '../parse/vocabulary.js';
import { isHeldOutBlock } from '../repair/lmTokens.js';
import { PERSON_NAMES_FILE, PERSON_NAMES_FORMAT, type NamePlace, type PersonNamesFile } from '../repair/personNames.js';
import { isVietnameseSyllable } from '../repair/vietnamese.js';
import { CORPORA, corpusBlocks } from './build-lm.js';
import { sharedDir } from './paths.js';

/** Syllables seen fewer times than this in a place are left out (the model takes them as never seen there). */
const MIN_COUNT = 2;
/** A syllable's lean is kept when it is seen after "bà" or "ông" this often. */
const MIN_GENDERED = 4;

const FAMILY = new Set(SURNAMES.map((s) => s.normalize('NFC')));
const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}]*$/u;
/** The words a name is written after that tell a woman's from a man's. */
const CUES = new Set(['bà', 'ông']);
/** Punctuation a word may carry before it, and after it (a name ends at a word that carries it at its end). */
const LEADING = /^[("“'‘]+/u;
const TRAILING = /[)"”'’,.;:!?…]+$/u;

/** A word as a name's syllable (punctuation stripped), or null. */
function nameWord(raw: string): string | null {
  const w = raw.replace(LEADING, '').replace(TRAILING, '').normalize('NFC');
  return CAPITALISED.test(w) && isVietnameseSyllable(w) ? w : null;
}

/** The runs of name syllables on a line, each with the word before it (for "ông" / "bà"). */
function* runs(words: string[]): Generator<{ run: string[]; before: string }> {
  let i = 0;
  while (i < words.length) {
    if (!nameWord(words[i]!)) {
      i++;
      continue;
    }
    const run: string[] = [];
    const start = i;
    while (i < words.length) {
      const w = nameWord(words[i]!);
      if (!w) break;
      run.push(w);
      i++;
      if (TRAILING.test(words[i - 1]!)) break;
    }
    yield { run, before: start > 0 ? words[start - 1]! : '' };
  }
}

async function main(): Promise<void> {
  const counts: Record<NamePlace, Map<string, number>> = { family: new Map(), middle: new Map(), given: new Map() };
  const women = new Map<string, number>();
  const men = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let names = 0;
  for (const corpus of CORPORA) {
    for await (const block of corpusBlocks(join(sharedDir(), 'corpus', corpus))) {
      if (isHeldOutBlock(block.index)) continue;
      for (const line of block.text.split('\n')) {
        for (let { run, before } of runs(line.split(/\s+/).filter(Boolean))) {
          // "Ông Nguyễn Văn Hùng" at a sentence's start: the title is capitalised with the name.
          if (run.length > 3 && CUES.has(run[0]!.toLowerCase())) [before, run] = [run[0]!, run.slice(1)];
          if (run.length < 3 || run.length > 4 || !FAMILY.has(run[0]!)) continue;
          names++;
          add(counts.family, run[0]!);
          add(counts.given, run[run.length - 1]!);
          for (const m of run.slice(1, -1)) add(counts.middle, m);
          const cue = before.toLowerCase();
          const gender = cue === 'bà' ? women : cue === 'ông' ? men : null;
          if (gender) for (const m of run.slice(1)) add(gender, m);
        }
      }
    }
  }
  const table = (m: Map<string, number>) =>
    Object.fromEntries([...m].filter(([, n]) => n >= MIN_COUNT).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  // The share of women, smoothed towards a half, to two decimals.
  const female: Record<string, number> = {};
  for (const s of [...new Set([...women.keys(), ...men.keys()])].sort()) {
    const w = women.get(s) ?? 0;
    const n = w + (men.get(s) ?? 0);
    if (n >= MIN_GENDERED) female[s] = Math.round(((w + 1) / (n + 2)) * 100) / 100;
  }
  const file: PersonNamesFile = {
    format: PERSON_NAMES_FORMAT,
    sources: CORPORA,
    family: table(counts.family),
    middle: table(counts.middle),
    given: table(counts.given),
    female,
  };
  writeFileSync(PERSON_NAMES_FILE, `${JSON.stringify(file)}\n`);
  console.error(
    `${names} names: ${Object.keys(file.family).length} family, ${Object.keys(file.middle).length} middle, ${Object.keys(file.given).length} given names, ${Object.keys(female).length} leaning → ${PERSON_NAMES_FILE}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
