// npm run eval — accuracy as ../shared/docs/SCORING.md defines it, per input kind, before and after repair:
//  1. legacy English-model OCR: the dev seeds 000–002 against their gold, line by line; also leave-one-out
//     (the channel learned without the document scored), the honest estimate for documents never seen;
//  2. text typed without diacritics: 1,000 held-out sentences of each corpus (never in the LM build);
//  3. Vietnamese-model OCR of the dev scans, as one token stream against the gold;
//  4. the fact score of the plans of the dev documents, per component; also of the dev gold laid out in two
//     columns as printed (layout-scans.ts), for the header and closing fields, which the reading order decides;
//  5. the dev corpus (../shared/dev/docs): every document in every form it is there in (born-digital PDF, office,
//     colour, poor and bitonal scans, turned and odd-size pages, legacy OCR as PDF layer and as text) through the
//     convert pipeline with the shipped models (which never saw these documents): fact score, text accuracy and
//     the weakest components per document and form, and the mean and minimum per form (eval-docs.ts).
// EVAL_ONLY=docs runs part 5 alone (minutes, once the page OCR is cached in .build/ocr-cache); EVAL_ONLY=repair
// the repair's parts 1 and 2, and the dev corpus's legacy OCR text and its text stripped of marks.
// The shipped models learned from the dev documents (the channel from their OCR, the LM from their text), so every
// row but the first of each seed ("models saw it") uses models that did not: the channel learned without the
// document, and an LM built without its text (.build/lm-held-out/, made by build:lm on first use, ~3 min each).
// Prints a table and writes bench/results/eval.json. All numbers are dev numbers.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { factScore, type Facts } from '../eval/factScore.js';
import { scoreLineAligned, scoreStream, type TextScore } from '../eval/textScore.js';
import { ingest } from '../ingest/ingest.js';
import { newDoc, type Doc } from '../model/document.js';
import type { Plan } from '../model/plan.js';
import { normalise } from '../normalise/normalise.js';
import { ocr } from '../ocr/ocr.js';
import { OcrPool } from '../ocr/pool.js';
import { parse } from '../parse/parse.js';
import { CandidateIndex } from '../repair/candidates.js';
import { Channel } from '../repair/channel.js';
import { Decoder } from '../repair/decoder.js';
import { isHeldOutBlock } from '../repair/lmTokens.js';
import { loadLm, type LanguageModel } from '../repair/lm.js';
import { loadRepairModels } from '../repair/models.js';
import { repair, repairLines } from '../repair/repair.js';
import { SkeletonIndex } from '../repair/skeletons.js';
import { isVietnameseSyllable, stripMarks } from '../repair/vietnamese.js';
import { LM_VERSION, corpusBlocks } from './build-lm.js';
import { learnChannel, legacyPairs } from './build-channel.js';
import { laidOutPages } from './layout-scans.js';
import { projectRoot, sharedDir } from './paths.js';
import { imagePdf } from './render.js';
import { CachedPool, devDocIds, docRows, docTable, formSummary, type DocRow } from './eval-docs.js';
import { searchRows, searchTable } from './eval-search.js';

const SENTENCES = Number(process.env.EVAL_SENTENCES ?? 1000);

interface Row {
  input: string;
  kind: string;
  tokens: number;
  before: number;
  after: number;
  cerBefore: number;
  cerAfter: number;
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

function row(input: string, kind: string, before: TextScore, after: TextScore): Row {
  return { input, kind, tokens: after.goldTokens, before: before.syllableAccuracy, after: after.syllableAccuracy, cerBefore: before.cer, cerAfter: after.cer };
}

function sum(rows: Row[], input: string, kind: string): Row {
  const n = rows.reduce((a, r) => a + r.tokens, 0);
  const w = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r) * r.tokens, 0) / n;
  return { input, kind, tokens: n, before: w((r) => r.before), after: w((r) => r.after), cerBefore: w((r) => r.cerBefore), cerAfter: w((r) => r.cerAfter) };
}

function devIds(): string[] {
  return readdirSync(join(sharedDir(), 'dev', 'gold'))
    .map((f) => f.replace('.gold.txt', ''))
    .sort();
}

function readDev(kind: 'gold' | 'seeds', id: string): string {
  return readFileSync(join(sharedDir(), 'dev', kind, kind === 'gold' ? `${id}.gold.txt` : `${id}.txt`), 'utf8');
}

/** The LM built without a dev document's text, built once and kept while the build's settings stay the same. */
function heldOutLm(id: string): LanguageModel {
  const file = resolve(projectRoot(), '.build', 'lm-held-out', `vi-lm-without-${id.slice(0, 3)}.bin`);
  const shipped = loadRepairModels().lm.header;
  const same = (lm: LanguageModel) =>
    lm.header.version === LM_VERSION && JSON.stringify({ ...lm.header.domain, documents: [] }) === JSON.stringify({ ...shipped.domain, documents: [] });
  if (existsSync(file)) {
    const lm = loadLm(file);
    if (same(lm)) return lm;
  }
  process.stderr.write(`building the LM without dev document ${id.slice(0, 3)}'s text → ${file}\n`);
  const script = resolve(dirname(fileURLToPath(import.meta.url)), 'build-lm.js');
  const r = spawnSync(process.execPath, ['--max-old-space-size=16000', script], {
    env: { ...process.env, LM_DOMAIN_EXCLUDE: id.slice(0, 3), LM_OUT: file },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`build-lm without ${id} failed`);
  return loadLm(file);
}

const heldOutDecoders = new Map<string, Decoder>();

/** A decoder whose models never saw dev document id: its channels learned without it, its LM without its text. */
function heldOut(id: string): Decoder {
  let decoder = heldOutDecoders.get(id);
  if (!decoder) {
    const lm = heldOutLm(id);
    const skeletons = new SkeletonIndex(lm);
    const channel = new Channel(learnChannel(legacyPairs([id]), ['leave-one-out']));
    // The Vietnamese-model channel learned from synthetic pages only.
    decoder = new Decoder(lm, new CandidateIndex(lm, channel, skeletons), undefined, new CandidateIndex(lm, loadRepairModels().vieChannel, skeletons));
    heldOutDecoders.set(id, decoder);
  }
  return decoder;
}

function legacyRows(): Row[] {
  const rows: Row[] = [];
  for (const id of devIds()) {
    const gold = readDev('gold', id).split('\n');
    const seed = readDev('seeds', id).split('\n');
    const before = scoreLineAligned(seed, gold);
    rows.push(row(`seed ${id.slice(0, 3)}`, 'legacy OCR (models saw it)', before, scoreLineAligned(repairLines(seed).lines, gold)));
    rows.push(row(`seed ${id.slice(0, 3)}`, 'legacy OCR (leave-one-out)', before, scoreLineAligned(repairLines(seed, { decoder: heldOut(id) }).lines, gold)));
  }
  return rows;
}

/** Held-out sentences: whole sentences of 8–60 words, nearly all Vietnamese syllables, from held-out articles. */
async function heldOutSentences(file: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for await (const block of corpusBlocks(file)) {
    if (!isHeldOutBlock(block.index)) continue;
    for (const s of block.text.split(/(?<=[.!?])\s+|\n/)) {
      const words = s.split(/\s+/).filter(Boolean);
      if (words.length < 8 || words.length > 60) continue;
      const letters = words.map((w) => w.replace(/[^\p{L}]/gu, '')).filter(Boolean);
      if (letters.filter((w) => isVietnameseSyllable(w)).length / letters.length < 0.9) continue;
      out.push(s.trim());
      if (out.length >= n) return out;
    }
  }
  return out;
}

async function plainRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [name, file] of [
    ['news', 'news.train.txt.gz'],
    ['wiki', 'wiki.train.txt.gz'],
  ] as const) {
    const gold = await heldOutSentences(join(sharedDir(), 'corpus', file), SENTENCES);
    const stripped = gold.map(stripMarks);
    const r = repairLines(stripped, { style: 'plain' });
    rows.push(row(`${gold.length} ${name} sentences`, 'plain, no diacritics', scoreLineAligned(stripped, gold), scoreLineAligned(r.lines, gold)));
    // The same with an alphanumeric token in every 50th sentence ("3G", "H5N1"): the default style must still
    // read them as typed without marks.
    const alnum = gold.map((g, i) => (i % 50 === 25 ? g.replace(/ /, ` ${ALPHANUMERIC[(i / 50) % ALPHANUMERIC.length | 0]} `) : g));
    const typed = alnum.map(stripMarks);
    for (const style of ['auto', 'plain'] as const)
      rows.push(row(`${gold.length} ${name} sentences`, `plain with alphanumerics, style ${style}`, scoreLineAligned(typed, alnum), scoreLineAligned(repairLines(typed, { style }).lines, alnum)));
  }
  // A file that mixes styles: a cover sheet typed without marks (60 news sentences, one a line) before each seed's
  // old OCR layer. Read with the default style, and with each part's own style given.
  const cover = (await heldOutSentences(join(sharedDir(), 'corpus', 'news.train.txt.gz'), SENTENCES + 60)).slice(SENTENCES);
  const typedCover = cover.map(stripMarks);
  const mixed = { before: [] as string[], auto: [] as string[], own: [] as string[], gold: [] as string[] };
  for (const id of devIds()) {
    const seed = readDev('seeds', id).split('\n');
    const lines = [...typedCover, '', ...seed];
    mixed.before.push(...lines);
    mixed.auto.push(...repairLines(lines).lines);
    mixed.own.push(...repairLines(typedCover, { style: 'plain' }).lines, '', ...repairLines(seed, { style: 'legacy' }).lines);
    mixed.gold.push(...cover, '', ...readDev('gold', id).split('\n'));
  }
  for (const [style, out] of [['auto', mixed.auto], ['given per part', mixed.own]] as const)
    rows.push(row('cover sheet + seeds 000–002', `mixed styles, style ${style}`, scoreLineAligned(mixed.before, mixed.gold), scoreLineAligned(out, mixed.gold)));
  return rows;
}

const ALPHANUMERIC = ['3G', 'H5N1', 'COVID-19', '4.0', '5G', 'A1', 'F0', 'B2'];

/**
 * The dev corpus's documents (never seen by the models) as old English-model OCR text and as typed without marks,
 * each repaired with the default style detection, scored as one token stream against the document's text.
 */
function devTextRows(): Row[] {
  const legacy: Row[] = [];
  const plain: Row[] = [];
  for (const id of devDocIds()) {
    const dir = join(sharedDir(), 'dev', 'docs', id);
    const gold = readFileSync(join(dir, 'doc.txt'), 'utf8');
    const old = readFileSync(join(dir, `${id}.legacy.txt`), 'utf8');
    legacy.push(row(id, 'legacy', scoreStream(old, gold), scoreStream(repairLines(old.split('\n')).lines.join('\n'), gold)));
    const typed = stripMarks(gold);
    plain.push(row(id, 'plain', scoreStream(typed, gold), scoreStream(repairLines(typed.split('\n')).lines.join('\n'), gold)));
  }
  return [sum(legacy, `dev docs (${legacy.length})`, 'legacy OCR text, style auto'), sum(plain, `dev docs (${plain.length})`, 'typed without marks, style auto')];
}

/** A scan through ingest and the OCR stage; the pool keeps each page image's OCR (CachedPool), the layout is
 *  recomputed every run. */
async function ocrCached(pool: OcrPool, file: string): Promise<Doc> {
  const doc = await ingest(file, readFileSync(file), { ocr: 'auto' });
  return ocr(doc, pool);
}

async function scanRows(pool: OcrPool): Promise<{ rows: Row[]; plans: Map<string, Plan> }> {
  const rows: Row[] = [];
  const plans = new Map<string, Plan>();
  const scans = readdirSync(join(sharedDir(), 'dev', 'scans')).sort();
  for (const f of scans) {
    const id = devIds().find((i) => f.startsWith(i.slice(0, 3)));
    if (!id) continue;
    const gold = readDev('gold', id);
    const doc = await ocrCached(pool, join(sharedDir(), 'dev', 'scans', f));
    const raw = doc.pages.flatMap((p) => p.lines).join('\n');
    const repaired = parse(normalise(repair(doc, { decoder: heldOut(id) })));
    const kind = f.includes('legacy') ? 'legacy PDF, re-OCR (--ocr auto)' : f.includes('poor') ? 'Vietnamese OCR, poor scan' : 'Vietnamese OCR, office scan';
    rows.push(row(f, kind, scoreStream(raw, gold), scoreStream(repaired.plan!.text, gold)));
    if (!f.includes('poor') && !f.includes('legacy')) plans.set(id, repaired.plan!);
  }
  return { rows, plans };
}

function factRows(scanPlans: Map<string, Plan>): FactRow[] {
  const out: FactRow[] = [];
  const dir = join(sharedDir(), 'dev', 'facts');
  for (const f of readdirSync(dir).sort()) {
    const id = f.replace('.facts.json', '');
    const facts = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Facts;
    const seedDoc = parse(normalise(repair(ingestText(id), { decoder: heldOut(id) })));
    out.push({ input: `seed ${id.slice(0, 3)} (legacy OCR text)`, ...factScore(seedDoc.plan! as unknown as Facts, facts) });
    const scan = scanPlans.get(id);
    if (scan) out.push({ input: `scan ${id.slice(0, 3)} (Vietnamese OCR)`, ...factScore(scan as unknown as Facts, facts) });
  }
  return out;
}

type FactRow = { input: string; total: number; components: Record<string, number> };

/** The fields a two-page layout scan carries (header and closing block), scored on their own. */
const LAYOUT_FIELDS = /^(document\.|signature\.|recipients$)/;

async function layoutRows(pool: OcrPool): Promise<FactRow[]> {
  const out: FactRow[] = [];
  const dir = resolve(projectRoot(), '.build', 'layout');
  mkdirSync(dir, { recursive: true });
  for (const id of devIds()) {
    const file = join(dir, `${id.slice(0, 3)}.layout.pdf`);
    writeFileSync(file, imagePdf(laidOutPages(readDev('gold', id).split('\n')), 200));
    const plan = parse(normalise(repair(await ocrCached(pool, file), { decoder: heldOut(id) }))).plan!;
    const facts = JSON.parse(readFileSync(join(sharedDir(), 'dev', 'facts', `${id}.facts.json`), 'utf8')) as Facts;
    const all = factScore(plan as unknown as Facts, facts).components;
    const components = Object.fromEntries(Object.entries(all).filter(([k]) => LAYOUT_FIELDS.test(k)));
    const values = Object.values(components);
    out.push({ input: `layout ${id.slice(0, 3)} (two columns as printed, Vietnamese OCR; header and closing only)`, total: values.reduce((a, b) => a + b, 0) / values.length, components });
  }
  return out;
}

function ingestText(id: string): Doc {
  const text = readDev('seeds', id);
  const doc = newDoc(id, createHash('sha256').update(text).digest('hex'), 'text');
  doc.pages = [{ number: 1, method: 'text', reason: 'text input', lines: text.split('\n') }];
  return doc;
}

/** The repair's rows (parts 1 and 2, and the dev corpus's texts): EVAL_ONLY=repair, a minute or two. */
async function repairRows(): Promise<Row[]> {
  const legacy = legacyRows();
  return [
    ...legacy,
    sum(legacy.filter((r) => r.kind.includes('saw')), 'seeds 000–002', 'legacy OCR (models saw it)'),
    sum(legacy.filter((r) => r.kind.includes('leave')), 'seeds 000–002', 'legacy OCR (leave-one-out)'),
    ...(await plainRows()),
    ...devTextRows(),
  ];
}

const textTable = (rows: Row[]) =>
  [
    '| input | kind | gold tokens | syllable acc. before | after | CER before | after |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.input} | ${r.kind} | ${r.tokens} | ${pct(r.before)} | ${pct(r.after)} | ${pct(r.cerBefore)} | ${pct(r.cerAfter)} |`),
  ].join('\n');

async function main(): Promise<void> {
  const t0 = performance.now();
  const out = resolve(projectRoot(), 'bench', 'results', 'eval.json');
  mkdirSync(resolve(out, '..'), { recursive: true });
  if (process.env.EVAL_ONLY === 'repair') {
    const rows = await repairRows();
    process.stdout.write(`Text accuracy of the repair (dev numbers)\n\n${textTable(rows)}\n`);
    // The repair's rows replace theirs in the last full run's table; the scans' rows stay.
    const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { text?: Row[] }) : {};
    const key = (r: Row) => `${r.input}|${r.kind}`;
    const fresh = new Map(rows.map((r) => [key(r), r]));
    const text = [...rows, ...(previous.text ?? []).filter((r) => !fresh.has(key(r)) && !/legacy OCR|plain|typed/.test(r.kind))];
    writeFileSync(out, `${JSON.stringify({ ...previous, date: new Date().toISOString(), text }, null, 2)}\n`);
    process.stderr.write(`wrote ${out}\n`);
    return;
  }
  const docsPool = new CachedPool({ jobs: 2 });
  let docs: DocRow[] = [];
  const plans = new Map<string, Plan>();
  try {
    docs = await docRows(docsPool, (r) => process.stderr.write(`${r.doc} ${r.form}: fact ${r.fact.toFixed(3)}, text ${(r.text * 100).toFixed(2)} %\n`), plans);
  } finally {
    await docsPool.close();
  }
  const search = await searchRows(plans);
  const docsReport =
    `Dev corpus, document × form (dev numbers; models never saw these documents)\n\n${docTable(docs)}\n\nPer form\n\n${formSummary(docs)}\n\n` +
    `Search without diacritics (vnplan index + search over these plans): each document by its issuer, title words and a lead unit\n\n${searchTable(search)}\n`;
  if (process.env.EVAL_ONLY === 'docs') {
    process.stdout.write(docsReport);
    const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
    writeFileSync(out, `${JSON.stringify({ ...previous, date: new Date().toISOString(), docs, search }, null, 2)}\n`);
    process.stderr.write(`wrote ${out}\n`);
    return;
  }
  const rows: Row[] = await repairRows();
  const pool = new CachedPool({ jobs: 2 });
  let scanPlans = new Map<string, Plan>();
  let layouts: FactRow[] = [];
  try {
    const scans = await scanRows(pool);
    rows.push(...scans.rows);
    scanPlans = scans.plans;
    layouts = await layoutRows(pool);
  } finally {
    await pool.close();
  }
  const facts = [...factRows(scanPlans), ...layouts];

  const table = textTable(rows);
  const components = [...new Set(facts.flatMap((f) => Object.keys(f.components)))];
  const factTable = [
    `| document | total | ${components.join(' | ')} |`,
    `|---|---:|${components.map(() => '---:').join('|')}|`,
    ...facts.map((f) => `| ${f.input} | ${f.total.toFixed(3)} | ${components.map((c) => f.components[c]?.toFixed(2) ?? '–').join(' | ')} |`),
  ].join('\n');
  process.stdout.write(`${docsReport}\nText accuracy (dev numbers)\n\n${table}\n\nFact score (dev numbers)\n\n${factTable}\n`);
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), seconds: Math.round((performance.now() - t0) / 1000), docs, search, text: rows, facts }, null, 2)}\n`);
  process.stderr.write(`wrote ${out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
