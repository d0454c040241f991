// `npm run fuzz [-- --count N --seed S]`: inputs made by mutating small documents of every kind vnplan reads (the
// seed texts, a PDF with a text layer, a PDF holding a scan, PNG, JPEG, TIFF): bit flips, truncations, another
// format's header spliced in, control characters, a zip named .txt, an image header claiming 60,000 × 60,000
// pixels. All of them go through one `vnplan convert` batch; every input must convert or fail with one line that
// names it — no crash, no hang, no output for a failed input. The summary (and peak RSS) is printed and written to
// bench/results/fuzz.json. A seed-fixed sample of the same generator runs in the tests (test/fuzz.test.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import UTIF from 'utif2';
import { planIssues } from '../validate/validate.js';
import { projectRoot } from './paths.js';
import { pdfFile } from './render.js';

/** A small deterministic generator (mulberry32): the same seed, the same inputs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

/** A page of a plan's first lines, drawn (the bases for images and the scanned PDF). */
function drawnPage(): { width: number; height: number; rgba: Uint8Array; png: Buffer; jpeg: Buffer } {
  const width = 620;
  const height = 300;
  const c = createCanvas(width, height);
  const g = c.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#000';
  g.font = '18px DejaVu Serif, serif';
  ['ỦY BAN NHÂN DÂN XÃ AN PHÚ', 'Số: 12/KH-UBND', 'KẾ HOẠCH', 'Tuyên truyền pháp luật năm 2026', 'I. MỤC ĐÍCH, YÊU CẦU'].forEach((t, i) => g.fillText(t, 30, 40 + i * 48));
  const rgba = new Uint8Array(g.getImageData(0, 0, width, height).data);
  return { width, height, rgba, png: c.toBuffer('image/png'), jpeg: c.toBuffer('image/jpeg', 85) };
}

/** The documents mutated: one of each kind vnplan reads. */
export function bases(): { name: string; bytes: Buffer }[] {
  const root = projectRoot();
  const seeds = readdirSync(join(root, 'fixtures', 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: f, bytes: readFileSync(join(root, 'fixtures', 'seeds', f)) }));
  const page = drawnPage();
  const text = 'BT /F1 12 Tf 50 750 Td (UY BAN NHAN DAN XA AN PHU) Tj 0 -20 Td (So: 12/KH-UBND) Tj 0 -20 Td (KE HOACH) Tj ET';
  const textPdf = pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream('', Buffer.from(text)),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
  const scanPdf = pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 446 216] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
    stream('', Buffer.from('q 446 0 0 216 0 0 cm /Im1 Do Q')),
    stream(`/Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`, page.jpeg),
  ]);
  const tiff = Buffer.from(UTIF.encodeImage(page.rgba, page.width, page.height));
  return [
    ...seeds,
    { name: 'text-layer.pdf', bytes: textPdf },
    { name: 'scan.pdf', bytes: scanPdf },
    { name: 'page.png', bytes: page.png },
    { name: 'page.jpg', bytes: page.jpeg },
    { name: 'page.tif', bytes: tiff },
  ];
}

const HEADERS: Record<string, Buffer> = {
  pdf: Buffer.from('%PDF-1.7\n'),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  tiff: Buffer.from([0x49, 0x49, 0x2a, 0x00]),
  zip: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]),
};

/** A PNG whose header claims `w` × `h` pixels (its checksum made right, so that only the size is wrong). */
function claimSize(png: Buffer, w: number, h: number): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(w, 16);
  out.writeUInt32BE(h, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)) >>> 0, 29);
  return out;
}

export interface Mutant {
  name: string;
  bytes: Buffer;
  how: string;
}

/** `count` inputs from the bases, each with one or two mutations, the same for the same seed. */
export function mutants(count: number, seed: number): Mutant[] {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const all = bases();
  const out: Mutant[] = [];
  for (let k = 0; k < count; k++) {
    const base = all[k % all.length]!;
    let bytes: Buffer = Buffer.from(base.bytes);
    let name = base.name;
    const hows: string[] = [];
    const ops = 1 + Math.floor(rnd() * 2);
    for (let o = 0; o < ops; o++) {
      const op = pick(['flip', 'flip', 'truncate', 'header', 'control', 'zero', 'repeat', 'size', 'zip-as-text']);
      if (op === 'flip') {
        const n = 1 + Math.floor(rnd() * 16);
        for (let i = 0; i < n; i++) bytes[Math.floor(rnd() * bytes.length)]! ^= 1 << Math.floor(rnd() * 8);
        hows.push(`${n} bit flips`);
      } else if (op === 'truncate') {
        bytes = bytes.subarray(0, Math.floor(rnd() * bytes.length));
        hows.push(`cut to ${bytes.length} bytes`);
      } else if (op === 'header') {
        const h = pick(Object.keys(HEADERS));
        bytes = Buffer.concat([HEADERS[h]!, bytes.subarray(HEADERS[h]!.length)]);
        hows.push(`${h} header spliced in`);
      } else if (op === 'control') {
        const n = 1 + Math.floor(rnd() * 40);
        for (let i = 0; i < n; i++) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 32);
        hows.push(`${n} control bytes`);
      } else if (op === 'zero') {
        const from = Math.floor(rnd() * bytes.length);
        bytes.fill(0, from, Math.min(bytes.length, from + 1 + Math.floor(rnd() * 4096)));
        hows.push('a range zeroed');
      } else if (op === 'repeat') {
        const from = Math.floor(rnd() * bytes.length);
        const piece = bytes.subarray(from, from + 1 + Math.floor(rnd() * 2048));
        bytes = Buffer.concat([bytes.subarray(0, from), piece, piece, piece, bytes.subarray(from)]);
        hows.push('a piece repeated');
      } else if (op === 'size' && name.endsWith('.png') && bytes.length > 33) {
        bytes = claimSize(bytes, 60_000, 60_000);
        hows.push('header claims 60000×60000 px');
      } else if (op === 'zip-as-text') {
        bytes = Buffer.concat([HEADERS.zip!, Buffer.from(rnd().toString(36).repeat(50)), Buffer.alloc(64)]);
        name = name.replace(/\.[^.]+$/, '.txt');
        hows.push('a zip named .txt');
      }
    }
    if (!bytes.length) bytes = Buffer.from([0]);
    out.push({ name: `${String(k).padStart(4, '0')}-${name}`, bytes, how: hows.join(', ') || 'unchanged' });
  }
  return out;
}

export interface FuzzSummary {
  inputs: number;
  converted: number;
  failedWithReason: number;
  crashes: number;
  hangs: number;
  peakRssMB: number;
  seconds: number;
  /** what broke the contract, one line each (must be empty) */
  problems: string[];
}

interface ReportEntry {
  input: string;
  status: 'converted' | 'skipped' | 'failed';
  output: string | null;
  error: string | null;
}

/** Writes the mutants to a folder and converts them all in one batch, checking the contract for each. */
export async function runFuzz(count: number, seed: number, opts: { jobs?: number; timeout?: number } = {}): Promise<FuzzSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'vnplan-fuzz-'));
  const inputs = join(dir, 'in');
  const out = join(dir, 'out');
  mkdirSync(inputs);
  const list = mutants(count, seed);
  for (const m of list) writeFileSync(join(inputs, m.name), m.bytes);
  const report = join(dir, 'report.json');
  const rssFile = join(dir, 'rss.json');
  const root = projectRoot();
  const t0 = performance.now();
  const timeout = opts.timeout ?? 60;
  const { code, signal, stderr, stdout } = await new Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }>((done) => {
    const child = spawn(
      process.execPath,
      ['--import', resolve(root, 'dist', 'scripts', 'bench-rss.js'), resolve(root, 'bin', 'vnplan.js'), 'convert', inputs, '--out-dir', out, '--report', report, '--jobs', String(opts.jobs ?? 2), '--timeout', String(timeout), '-q'],
      { cwd: root, env: { ...process.env, BENCH_RSS_FILE: rssFile } },
    );
    let err = '';
    let so = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.on('data', (b: Buffer) => (so += b.toString()));
    child.on('close', (c, s) => done({ code: c, signal: s, stderr: err, stdout: so }));
  });
  const problems: string[] = [];
  if (signal || (code !== 0 && code !== 1)) problems.push(`convert ended with ${signal ?? `exit ${code}`}`);
  if (stdout) problems.push('convert wrote to stdout');
  if (/\n\s+at |TypeError|RangeError|ReferenceError/.test(stderr)) problems.push(`a stack trace or internal error on stderr: ${stderr.slice(0, 300)}`);
  const entries: ReportEntry[] = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as ReportEntry[]) : [];
  let converted = 0;
  let failed = 0;
  let hangs = 0;
  for (const m of list) {
    const path = join(inputs, m.name);
    const e = entries.find((x) => x.input === path);
    const plan = join(out, m.name.replace(/\.[^.]+$/, '.plan.json'));
    if (!e) {
      problems.push(`${m.name} (${m.how}): missing from the report`);
      continue;
    }
    if (e.status === 'converted') {
      converted++;
      if (!existsSync(plan)) problems.push(`${m.name}: converted but no plan file`);
      else if (planIssues(JSON.parse(readFileSync(plan, 'utf8'))).length) problems.push(`${m.name}: its plan does not validate`);
      if (m.how.includes('zip named .txt')) problems.push(`${m.name}: a zip was read as text`);
    } else if (e.status === 'failed') {
      if (!e.error) problems.push(`${m.name}: failed without a reason`);
      else if (/took longer than/.test(e.error)) hangs++;
      else failed++;
      if (existsSync(plan)) problems.push(`${m.name}: failed but left a plan file`);
      const lines = stderr.split('\n').filter((l) => l.includes(m.name));
      if (lines.length !== 1) problems.push(`${m.name}: ${lines.length} lines on stderr, not one`);
    }
  }
  if (readdirSync(out, { recursive: true }).some((f) => String(f).includes('.tmp-'))) problems.push('a temp file was left');
  const rss = existsSync(rssFile) ? (JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKB: number }).maxRssKB : 0;
  rmSync(dir, { recursive: true, force: true });
  return {
    inputs: list.length,
    converted,
    failedWithReason: failed,
    crashes: problems.filter((p) => /ended with|stack trace|missing from/.test(p)).length,
    hangs,
    peakRssMB: Math.round(rss / 1024),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    problems,
  };
}

async function main(): Promise<void> {
  const arg = (name: string, def: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  const count = arg('count', 320);
  const seed = arg('seed', 1);
  process.stderr.write(`fuzz: ${count} inputs (seed ${seed}) through one vnplan convert batch …\n`);
  const s = await runFuzz(count, seed);
  const { problems, ...numbers } = s;
  process.stdout.write(`${JSON.stringify(numbers, null, 2)}\n`);
  for (const p of problems) process.stdout.write(`problem: ${p}\n`);
  const file = resolve(projectRoot(), 'bench', 'results', 'fuzz.json');
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), seed, ...s }, null, 2)}\n`);
  process.stderr.write(`wrote ${file}\n`);
  process.exitCode = problems.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
