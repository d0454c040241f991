// npm run bench — speed and memory, side by side in one run, never asserted by tests (numbers go in closing notes):
//  - repair: syllables per second on one core (median of seven runs, the styles in turns, each with a fresh
//    decoder), model load excluded, on distinct texts (the dev corpus's 20 legacy OCR texts; its 20 texts
//    stripped of marks), after a warm-up on other text (the seeds);
//  - memory: peak RSS of `vnplan convert --jobs 2` on 14, 56 and 224-page scans (001.scan.pdf, and its pages
//    repeated) and on a batch of 200 documents (dev corpus scans, PDFs and old OCR text);
//  - OCR: pages per minute and CPU seconds per page of the 14-page scan with tesseract.js, with --engine tesseract,
//    and of the tesseract CLI alone on the same page images as PGM and as TIFF files (where a tesseract binary is
//    installed), in turns, the median of three rounds each.
// Each conversion runs in its own process (bench-rss.js reports its peak RSS and CPU; bash's `times` adds the
// processes it started). Writes bench/results/bench.json. BENCH_SKIP_LARGE=1 leaves out the 224 pages and the batch;
// BENCH_ONLY=repair measures the repair alone and updates its rows in bench.json (BENCH_ONLY=ocr the same for the
// OCR rows); BENCH_ONLY=archive, the archive index alone
//  - archive: `vnplan index` of 10,000 plans, and search latency on that index (bench-archive.ts).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { toGray, pageScanImage } from '../ingest/pdfImage.js';
import { openDocument } from '../ingest/pdfjs.js';
import { toPgm, toTiff } from '../model/raster.js';
import { plainTessdata, tesseractVersion } from '../ocr/tesseractCli.js';
import { PAGE_SEGMENTATION } from '../ocr/engine.js';
import { CHANNEL_FILE, LM_FILE, TABLE_FILE, freshDecoder, loadRepairModels } from '../repair/models.js';
import { repairLines } from '../repair/repair.js';
import { stripMarks } from '../repair/vietnamese.js';
import { devDocIds } from './eval-docs.js';
import { projectRoot, sharedDir } from './paths.js';
import { archiveSpeed } from './bench-archive.js';
import { imagePdf } from './render.js';

const root = projectRoot();
const work = resolve(root, '.build', 'bench');
const vnplan = resolve(root, 'bin', 'vnplan.js');
const rssHook = resolve(root, 'dist', 'scripts', 'bench-rss.js');

function timeIt<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

/** Timed runs of the repair per style; the median is reported. A run of the typed texts takes half a second, and
 *  this machine's speed swings by a third from one minute to the next: seven runs, the styles in turns, so that a
 *  slow spell falls on both and the median is no spell's. */
const REPAIR_TRIALS = 7;

function repairSpeed(): Record<string, unknown> {
  // The candidate tables and the name model with the rest: a run reads them when it first meets text of their kind.
  const load = timeIt(() => {
    const m = loadRepairModels();
    m.table();
    m.vieTable();
    m.names.capitalised('');
  });
  const docs = join(sharedDir(), 'dev', 'docs');
  const seeds = readdirSync(join(sharedDir(), 'dev', 'seeds')).map((f) => readFileSync(join(sharedDir(), 'dev', 'seeds', f), 'utf8').split('\n'));
  const legacy = devDocIds().map((id) => readFileSync(join(docs, id, `${id}.legacy.txt`), 'utf8').split('\n'));
  const plain = devDocIds().map((id) => stripMarks(readFileSync(join(docs, id, 'doc.txt'), 'utf8')).split('\n'));
  const out: Record<string, unknown> = { modelLoadMs: Math.round(load.ms), modelBytes: [LM_FILE, CHANNEL_FILE, TABLE_FILE].reduce((n, f) => n + statSync(f).size, 0) };
  const styles = [
    ['legacy', legacy, 'legacy'],
    ['plain', plain, 'plain'],
  ] as const;
  const trials = new Map<string, { syllables: number; ms: number }[]>(styles.map(([name]) => [name, []]));
  for (let k = 0; k < REPAIR_TRIALS; k++)
    for (const [name, texts, style] of styles) {
      // Each run with a decoder of its own, so that no run finds the texts' forms worked out by the one before.
      const decoder = freshDecoder();
      // Warm-up on other text (the seeds, in this style), so that the clock sees the engine, not the compiler.
      for (const s of seeds) repairLines(name === 'plain' ? s.map(stripMarks) : s, { style, decoder });
      // The last run's decoder (its tables are tens of megabytes) is collected now, not on this run's clock.
      (globalThis as { gc?: () => void }).gc?.();
      const run = timeIt(() => texts.map((t) => repairLines(t, { style, decoder })));
      trials.get(name)!.push({ syllables: run.value.reduce((a, r) => a + r.tokens, 0), ms: run.ms });
    }
  for (const [name, texts] of styles) {
    const runs = trials.get(name)!;
    const rates = runs.map((t) => Math.round(t.syllables / (t.ms / 1000)));
    const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
    out[`repair_${name}`] = { texts: texts.length, syllables: runs[0]!.syllables, runs: rates, syllablesPerSecond: median };
  }
  return out;
}

/** The 14 pages of 001.scan.pdf, as grey images. */
async function scanPages(file: string): Promise<{ width: number; height: number; data: Uint8Array }[]> {
  const pdf = await openDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 });
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const img = (await pageScanImage(page))!;
    pages.push({ width: img.width, height: img.height, data: toGray(img) });
    page.cleanup();
  }
  await pdf.destroy();
  return pages;
}

/** A scan of `n` pages: the 14 pages over and over, as JPEG at 300 dpi (made once). */
function longScan(pages: { width: number; height: number; data: Uint8Array }[], n: number): string {
  const file = join(work, `scan-${n}.pdf`);
  if (existsSync(file)) return file;
  const jpegs = pages.map((p) => {
    const c = createCanvas(p.width, p.height);
    const ctx = c.getContext('2d');
    const im = ctx.createImageData(p.width, p.height);
    for (let i = 0; i < p.data.length; i++) im.data.set([p.data[i]!, p.data[i]!, p.data[i]!, 255], i * 4);
    ctx.putImageData(im, 0, 0);
    return { jpeg: c.toBuffer('image/jpeg', 90), width: p.width, height: p.height };
  });
  writeFileSync(file, imagePdf(Array.from({ length: n }, (_, i) => jpegs[i % jpegs.length]!), 300));
  return file;
}

/** 200 documents from the dev corpus: office scans, born-digital PDFs and old OCR text, in turn (made once). */
function batch(): string {
  const dir = join(work, 'batch-200');
  if (existsSync(dir) && readdirSync(dir).length === 200) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ids = devDocIds();
  const forms = ['office.pdf', 'pdf', 'legacy.txt'];
  for (let i = 0; i < 200; i++) {
    const id = ids[i % ids.length]!;
    const form = forms[Math.floor(i / ids.length) % forms.length]!;
    const src = join(sharedDir(), 'dev', 'docs', id, form === 'pdf' ? `${id}.pdf` : `${id}.${form}`);
    copyFileSync(src, join(dir, `doc${String(i).padStart(3, '0')}.${form === 'legacy.txt' ? 'txt' : 'pdf'}`));
  }
  return dir;
}

interface Run {
  seconds: number;
  /** CPU seconds of the process and every process it started */
  cpuSeconds: number;
  peakRssMB: number;
}

/** Runs a shell command line in bash and reads `times`: the CPU of every process it waited for. */
function timed(command: string, env: NodeJS.ProcessEnv = {}): { seconds: number; cpuSeconds: number } {
  const t0 = performance.now();
  const out = execFileSync('bash', ['-c', `${command} >/dev/null; times`], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  // `times`: the shell's own user/sys, then its children's.
  const children = out.trim().split('\n').pop()!.match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/)!;
  const cpuSeconds = Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4]);
  return { seconds, cpuSeconds };
}

function convertRun(inputs: string, extra = ''): Run {
  const out = mkdtempSync(join(tmpdir(), 'vnplan-bench-'));
  const rssFile = join(out, 'rss.json');
  try {
    const t = timed(`node --import ${rssHook} ${vnplan} convert ${inputs} --jobs 2 -q --force -o ${out}/plans ${extra}`, { BENCH_RSS_FILE: rssFile });
    const { maxRssKB } = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKB: number };
    return { seconds: round(t.seconds, 1), cpuSeconds: round(t.cpuSeconds, 1), peakRssMB: Math.round(maxRssKB / 1024) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * The tesseract CLI alone on the page images (nothing to decode), two processes at a time as --jobs 2: as PGM files,
 * the row the target is set against, and as the uncompressed TIFF files vnplan hands its tesseract (which leptonica
 * reads with about a tenth less of a page's CPU).
 */
function cliRun(pages: { width: number; height: number; data: Uint8Array }[], format: 'pgm' | 'tif'): { seconds: number; cpuSeconds: number } {
  const dir = join(work, 'pages');
  mkdirSync(dir, { recursive: true });
  pages.forEach((p, i) => writeFileSync(join(dir, `p${String(i + 1).padStart(2, '0')}.${format}`), format === 'pgm' ? toPgm(p) : toTiff(p)));
  const tessdata = plainTessdata(['vie']);
  const cmd = `ls ${dir}/*.${format} | xargs -P 2 -I{} tesseract {} - --tessdata-dir ${tessdata} -l vie --oem 1 --psm ${PAGE_SEGMENTATION} -c tessedit_create_tsv=1 -c tessedit_create_txt=0 -c debug_file=/dev/null`;
  return timed(cmd, { OMP_THREAD_LIMIT: '1' });
}

/**
 * OCR speed on the 14-page office scan: the default engine, the system's tesseract through vnplan, and tesseract
 * alone on the same page images (PGM and TIFF files). The rows take turns, three rounds, and each row is its median
 * round: this machine's speed swings by a third from minute to minute, and a ratio of two runs minutes apart measured
 * the swing.
 */
function ocrSpeed(scan14: string, pages: { width: number; height: number; data: Uint8Array }[]): Record<string, unknown> {
  const cli = tesseractVersion();
  const rows: [string, () => { seconds: number; cpuSeconds: number }][] = [['vnplan, tesseract.js', () => convertRun(scan14)]];
  if (cli)
    rows.push(
      ['vnplan --engine tesseract', () => convertRun(scan14, '--engine tesseract')],
      [`${cli} CLI alone`, () => cliRun(pages, 'pgm')],
      [`${cli} CLI alone, pages as TIFF`, () => cliRun(pages, 'tif')],
    );
  const runs = rows.map(() => [] as { seconds: number; cpuSeconds: number }[]);
  for (let turn = 0; turn < 3; turn++) rows.forEach(([, run], k) => runs[k]!.push(run()));
  const ocr: Record<string, unknown> = {};
  rows.forEach(([name], k) => {
    const cpu = runs[k]!.map((r) => r.cpuSeconds).sort((a, b) => a - b)[1]!;
    const seconds = runs[k]!.map((r) => r.seconds).sort((a, b) => a - b)[1]!;
    ocr[name] = { seconds: round(seconds, 1), pagesPerMinute: round((14 / seconds) * 60, 1), cpuSecondsPerPage: round(cpu / 14, 2), runsCpuSeconds: runs[k]!.map((r) => round(r.cpuSeconds, 1)) };
  });
  return ocr;
}

function round(x: number, digits: number): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  if (process.env.BENCH_ONLY === 'archive') {
    process.stdout.write(`${JSON.stringify(archiveSpeed(), null, 2)}\n`);
    return;
  }
  const out = resolve(root, 'bench', 'results', 'bench.json');
  mkdirSync(resolve(out, '..'), { recursive: true });
  const results: Record<string, unknown> = process.env.BENCH_ONLY === 'ocr' ? {} : { ...repairSpeed() };
  process.stderr.write(`repair: ${JSON.stringify(results)}\n`);
  if (process.env.BENCH_ONLY === 'repair') {
    // The repair's rows replace theirs in the last full run's file; the rest stays, with its own date.
    const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
    writeFileSync(out, `${JSON.stringify({ ...previous, ...results, repairDate: new Date().toISOString() }, null, 2)}\n`);
    return;
  }

  const scan14 = join(sharedDir(), 'dev', 'scans', '001.scan.pdf');
  const pages = await scanPages(scan14);
  if (process.env.BENCH_ONLY === 'ocr') {
    const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
    const ocr = ocrSpeed(scan14, pages);
    process.stdout.write(`${JSON.stringify(ocr, null, 2)}\n`);
    writeFileSync(out, `${JSON.stringify({ ...previous, ocr_001_scan: ocr, ocrDate: new Date().toISOString() }, null, 2)}\n`);
    return;
  }
  const large = process.env.BENCH_SKIP_LARGE !== '1';
  const memory: Record<string, Run & { pages: number; documents: number }> = {};
  const sizes = large ? [14, 56, 224] : [14, 56];
  for (const n of sizes) {
    const file = n === 14 ? scan14 : longScan(pages, n);
    memory[`scan ${n} pages`] = { pages: n, documents: 1, ...convertRun(file) };
    process.stderr.write(`scan ${n} pages: ${JSON.stringify(memory[`scan ${n} pages`])}\n`);
  }
  if (large) {
    const dir = batch();
    memory['batch of 200 documents'] = { pages: NaN, documents: 200, ...convertRun(dir) };
    process.stderr.write(`batch: ${JSON.stringify(memory['batch of 200 documents'])}\n`);
  }
  results.memory = memory;

  results.ocr_001_scan = ocrSpeed(scan14, pages);
  results.archive = archiveSpeed();
  process.stderr.write(`archive: ${JSON.stringify(results.archive)}\n`);

  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
