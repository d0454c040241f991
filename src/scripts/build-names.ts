// npm run build:names — how often each syllable is written with a capital inside a sentence (a name's syllable:
// "Phước", "Thạnh", "Định") rather than as a common word ("được", "thành", "dính"), counted on the corpus (held-out
// articles left out). The repair weighs a run of capitalised tokens by it, where the marks are lost: "Dinh An" is a
// place, "Định An", though news text reads "dính án" far more often. Writes models/names.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lmForm, isHeldOutBlock } from '../repair/lmTokens.js';
import { NAMES_FILE } from '../repair/models.js';
import { NAMES_FORMAT } from '../repair/names.js';
import { CORPORA, corpusBlocks } from './build-lm.js';
import { sharedDir } from './paths.js';

/** Forms seen fewer times than this are left out (the repair treats them as seen never). */
const MIN_COUNT = 3;

const TITLE = /^\p{Lu}[\p{Ll}\p{M}]+$/u;

async function main(): Promise<void> {
  const total = new Map<string, number>();
  const capital = new Map<string, number>();
  for (const name of CORPORA) {
    for await (const block of corpusBlocks(join(sharedDir(), 'corpus', name))) {
      if (isHeldOutBlock(block.index)) continue;
      for (const line of block.text.split('\n')) {
        // A line's first word, and a word after a sentence's end, is capitalised whatever it is.
        let start = true;
        for (const raw of line.split(/\s+/)) {
          if (raw === '') continue;
          const core = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
          const form = /^\p{L}+$/u.test(core) ? lmForm(core) : null;
          if (form) {
            total.set(form, (total.get(form) ?? 0) + 1);
            if (!start && TITLE.test(core.normalize('NFC'))) capital.set(form, (capital.get(form) ?? 0) + 1);
          }
          start = /[.!?:…]["”’)]*$/.test(raw) || /^[-–•*]$/.test(raw);
        }
      }
    }
  }
  // ln P(capitalised | form), smoothed, to two decimals.
  const forms: Record<string, number> = {};
  for (const [form, n] of [...total].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    if (n >= MIN_COUNT) forms[form] = Math.round(Math.log(((capital.get(form) ?? 0) + 0.5) / (n + 1)) * 100) / 100;
  writeFileSync(NAMES_FILE, `${JSON.stringify({ format: NAMES_FORMAT, sources: CORPORA, minCount: MIN_COUNT, forms })}\n`);
  console.error(`${Object.keys(forms).length} forms → ${NAMES_FILE}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
