// npm run build:candidates — models/skeletons.bin (the vocabulary's skeleton index, skeletons.ts),
// models/candidates.bin (the English-model OCR channel) and models/candidates-vie.bin (the Vietnamese-model one):
// the candidates of the OCR forms a channel most often makes of the vocabulary's most frequent words, worked out
// ahead of time (candidateTable.ts). Run it after build:lm or build:channel: files made for other models are not used.
import { writeFileSync } from 'node:fs';
import { CandidateIndex } from '../repair/candidates.js';
import { TABLE_FORMAT, likelyForms, modelsFingerprint, serializeTable, type TableHeader } from '../repair/candidateTable.js';
import type { Channel } from '../repair/channel.js';
import { DEFAULT_PARAMS } from '../repair/decoder.js';
import type { LanguageModel } from '../repair/lm.js';
import { SKELETONS_FILE, TABLE_FILE, VIE_TABLE_FILE, loadRepairModels } from '../repair/models.js';
import { SkeletonIndex, buildSkeletons, serializeSkeletons } from '../repair/skeletons.js';

/** The vocabulary's most frequent words whose forms are tabled, and the least likely form kept of each. */
const WORDS = Number(process.env.CANDIDATE_WORDS ?? 20_000);
const MIN_P = Number(process.env.CANDIDATE_MIN_P ?? 0.01);

function build(lm: LanguageModel, channel: Channel, index: CandidateIndex, maxEdits: number, out: string): void {
  const t0 = performance.now();
  const words = lm.vocab
    .map((w, id) => ({ w, id }))
    .filter(({ w }) => /^\p{L}+$/u.test(w))
    .sort((a, b) => lm.unigram(b.id) - lm.unigram(a.id) || a.id - b.id)
    .slice(0, WORDS);
  // And numbers of up to three digits: an old OCR's digits may be letters ("s6"), so a number alone is looked up too.
  const numbers = [1, 2, 3].flatMap((digits) => Array.from({ length: 10 ** digits }, (_, n) => String(n).padStart(digits, '0')));
  const forms = [...new Set([...words.flatMap(({ w }) => likelyForms(w, channel, MIN_P)), ...numbers])].sort();
  const { beam, unigramRank } = DEFAULT_PARAMS;
  const entries = forms.map((f): [string, ReturnType<CandidateIndex['candidates']>] => [f, index.candidates(f, beam, maxEdits, unigramRank)]);
  const header: TableHeader = { format: TABLE_FORMAT, models: modelsFingerprint(lm, channel.file), limit: beam, maxEdits, unigramWeight: unigramRank, words: WORDS, minP: MIN_P };
  const buf = serializeTable(header, entries);
  writeFileSync(out, buf);
  process.stderr.write(`${out}: ${forms.length} forms, ${entries.reduce((a, [, c]) => a + c.length, 0)} candidates, ${(buf.length / 1e6).toFixed(1)} MB, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

const m = loadRepairModels();
// The skeleton index built afresh, not read: the file being replaced may be stale in ways its fingerprint does not
// see (a change of code); the tables are worked out on the fresh one.
const parts = buildSkeletons(m.lm);
const skeletonFile = serializeSkeletons(m.lm, parts);
writeFileSync(SKELETONS_FILE, skeletonFile);
process.stderr.write(`${SKELETONS_FILE}: ${(skeletonFile.length / 1e6).toFixed(1)} MB\n`);
const skeletons = new SkeletonIndex(m.lm, parts);
// Indexes of their own, without the tables being replaced.
build(m.lm, m.channel, new CandidateIndex(m.lm, m.channel, skeletons), DEFAULT_PARAMS.maxEdits.legacy, TABLE_FILE);
build(m.lm, m.vieChannel, new CandidateIndex(m.lm, m.vieChannel, skeletons), DEFAULT_PARAMS.maxEdits.vietnamese, VIE_TABLE_FILE);
