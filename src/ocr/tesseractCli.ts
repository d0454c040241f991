// `--engine tesseract`: the system's tesseract binary, where one is installed (OCRmyPDF's engine). It answers
// with TSV (a row per word with its box and confidence). Each worker slot keeps one tesseract process for the run,
// handed each page as an uncompressed TIFF file (tesseractProcess.ts); where coreutils' stdbuf is missing, a process
// per page reads the page on stdin. Each process is held to one thread, so --jobs processes share the cores as
// tesseract.js's workers do. It reads the same trained data as tesseract.js (from node_modules, unpacked once),
// so the two engines agree.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pLimit, { type LimitFunction } from 'p-limit';
import type { OcrLine, OcrWord } from '../model/document.js';
import { tiffHeader, toPgm, type Raster } from '../model/raster.js';
import { langDir, PAGE_SEGMENTATION, writeThroughTemp, type OcrEngine, type OcrLanguage, type PageOcr, type PageSegmentation } from './engine.js';
import { TesseractProcess, tesseractEnv } from './tesseractProcess.js';

/** Each binary's version line, once asked: the option check and the engine ask for the same one. */
const versions = new Map<string, string | null>();

/** The binary's version line ("tesseract 5.3.0"), or null when there is none on the PATH. */
export function tesseractVersion(bin = 'tesseract'): string | null {
  if (!versions.has(bin)) versions.set(bin, versionLine(bin));
  return versions.get(bin) ?? null;
}

function versionLine(bin: string): string | null {
  try {
    const out = execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.split('\n')[0]!.trim() || null;
  } catch {
    return null;
  }
}

/** The packages' gzipped trained data, unpacked once into a folder of the temp folder named by their sizes. */
export function plainTessdata(langs: OcrLanguage[]): string {
  const gz = langs.map((lang) => ({ lang, file: join(langDir(lang), `${lang}.traineddata.gz`) }));
  const dir = join(tmpdir(), `vnplan-tessdata-plain-${gz.map((g) => `${g.lang}${statSync(g.file).size}`).join('-')}`);
  mkdirSync(dir, { recursive: true });
  for (const { lang, file } of gz) {
    const dst = join(dir, `${lang}.traineddata`);
    if (!existsSync(dst)) writeThroughTemp(dst, (tmp) => writeFileSync(tmp, gunzipSync(readFileSync(file))));
  }
  return dir;
}

/** Whether coreutils' stdbuf is on the PATH (it makes a kept process's output line-buffered): looked for, not run. */
function hasStdbuf(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', 'stdbuf'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export class TesseractCliEngine implements OcrEngine {
  readonly name: string;
  private readonly slots: LimitFunction;
  private tessdata: string | undefined;
  /** Kept processes not reading a page, by page segmentation; null: a process per page. */
  private idle: Map<PageSegmentation, TesseractProcess[]> | null;
  private readonly all: TesseractProcess[] = [];
  private dir: string | undefined;
  private readonly removeDir = (): void => {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  };

  constructor(
    private readonly languages: OcrLanguage[],
    size: number,
    private readonly bin = 'tesseract',
    /** false: a process per page even where stdbuf is installed */
    keepProcesses = true,
    /** how long a new kept process may take to answer its first, blank page before a process per page is used */
    private readonly startMs = 20_000,
  ) {
    const version = tesseractVersion(bin);
    if (!version) throw new Error(`--engine tesseract: no tesseract binary found on the PATH (install tesseract-ocr, or use the default engine, tesseract.js)`);
    this.name = version;
    this.slots = pLimit(size);
    this.idle = keepProcesses && hasStdbuf() ? new Map() : null;
  }

  recognize(image: Raster, segmentation: PageSegmentation = PAGE_SEGMENTATION): Promise<PageOcr> {
    // The page as a TIFF file: its header, then its pixels as they are (not copied into one buffer with it).
    const tiff = [tiffHeader(image), image.data];
    this.tessdata ??= plainTessdata(this.languages);
    const args = ['--tessdata-dir', this.tessdata, '-l', this.languages.join('+'), '--oem', '1', '--psm', segmentation];
    args.push('-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0', '-c', 'debug_file=/dev/null');
    return this.slots(() => this.read(tiff, segmentation, args)).then(parseTsv);
  }

  /** The page read by an idle kept process of its segmentation, or a new one (at most one a slot); or, where none
   *  can be kept, by a process of its own fed the page on stdin. */
  private async read(tiff: Uint8Array[], segmentation: PageSegmentation, args: string[]): Promise<string> {
    if (!this.idle) return run(this.bin, ['stdin', 'stdout', ...args], tiff);
    const dir = this.tempDir();
    let idle = this.idle.get(segmentation);
    if (!idle) this.idle.set(segmentation, (idle = []));
    let proc = idle.pop();
    if (!proc) {
      this.all.push((proc = new TesseractProcess(this.bin, args, join(dir, 'blank.pgm'), join(dir, `page-${this.all.length + 1}.tif`))));
      if (!(await answersWithin(proc.start(), this.startMs))) {
        await proc.close();
        this.idle = null;
        return run(this.bin, ['stdin', 'stdout', ...args], tiff);
      }
    }
    try {
      await overwrite(proc.pageFile, tiff);
      const rows = await proc.read(proc.pageFile);
      idle.push(proc);
      return rows.join('\n');
    } catch (err) {
      await proc.close();
      throw err;
    }
  }

  /** The run's folder for page files, with the blank page that ends each; removed at close or exit. */
  private tempDir(): string {
    if (this.dir) return this.dir;
    this.dir = mkdtempSync(join(tmpdir(), 'vnplan-tesseract-'));
    writeFileSync(join(this.dir, 'blank.pgm'), toPgm({ width: 16, height: 16, data: new Uint8Array(256).fill(255) }));
    process.once('exit', this.removeDir);
    return this.dir;
  }

  async close(): Promise<void> {
    this.slots.clearQueue();
    await Promise.all(this.all.splice(0).map((proc) => proc.close()));
    this.idle?.clear();
    this.removeDir();
    process.off('exit', this.removeDir);
    this.dir = undefined;
  }
}

/**
 * The file's bytes replaced by `parts`, written over the old ones rather than into a file emptied first: a kept
 * process's page file is written again for each of its pages, and truncating it would give the page cache's pages
 * back, to be found and zeroed again for the next page (a page's file is as large as its pixels).
 */
async function overwrite(file: string, parts: Uint8Array[]): Promise<void> {
  const handle = await open(file, constants.O_WRONLY | constants.O_CREAT);
  try {
    let at = 0;
    for (const part of parts) {
      for (let done = 0; done < part.length; ) done += (await handle.write(part, done, part.length - done, at + done)).bytesWritten;
      at += part.length;
    }
    await handle.truncate(at);
  } finally {
    await handle.close();
  }
}

/** Whether `started` resolves within `ms` (false: it has not yet; a rejection is passed on). */
async function answersWithin(started: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const answered = started.then(() => true as const);
  // Failing once the wait is over (the process given up on is closed), it has nobody to tell.
  answered.catch(() => undefined);
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

function run(bin: string, args: string[], input: Uint8Array[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: tesseractEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`tesseract failed (${signal ?? `exit ${code}`}): ${Buffer.concat(err).toString('utf8').trim().split('\n').pop() ?? ''}`));
    });
    // A page tesseract refuses closes stdin early: that is reported by the exit, not as a write error.
    child.stdin.on('error', () => undefined);
    for (const part of input.slice(0, -1)) child.stdin.write(part);
    child.stdin.end(input.at(-1));
  });
}

/** TSV rows: level, page, block, paragraph, line, word, left, top, width, height, confidence, text. */
export function parseTsv(tsv: string): PageOcr {
  const lines: OcrLine[] = [];
  let current: OcrLine | undefined;
  let key = '';
  const confidences: number[] = [];
  // The header row ("level", …) is neither a line nor a word: it passes as the other levels do. (Fields by index,
  // not destructured: with the iterator protocol inlined, V8 compiled this loop twice a run at ~45 ms each on its
  // compiler's thread, for ~9 ms of reading.)
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12) continue;
    const level = f[0]!;
    const block = f[2]!;
    const par = f[3]!;
    const line = f[4]!;
    const left = Number(f[6]);
    const top = Number(f[7]);
    const conf = Number(f[10]);
    const bbox = { x0: left, y0: top, x1: left + Number(f[8]), y1: top + Number(f[9]) };
    if (level === '4') {
      key = `${block}.${par}.${line}`;
      current = { text: '', confidence: 0, bbox, words: [] };
      lines.push(current);
    } else if (level === '5' && current && key === `${block}.${par}.${line}`) {
      const text = f.slice(11).join('\t');
      if (!text.trim()) continue;
      const word: OcrWord = { text, confidence: conf, bbox };
      current.words.push(word);
      confidences.push(conf);
    }
  }
  const kept = lines.filter((l) => l.words.length);
  for (const l of kept) {
    l.text = l.words.map((w) => w.text).join(' ');
    l.confidence = l.words.reduce((s, w) => s + w.confidence, 0) / l.words.length;
  }
  const confidence = confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0;
  return { lines: kept, confidence };
}
