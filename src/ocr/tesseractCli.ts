// `--engine tesseract`: the system's tesseract binary, where one is installed (OCRmyPDF's engine). One process
// per page, fed the page as PGM on stdin, answering with TSV (a row per word with its box and confidence) on
// stdout; each process is held to one thread, so --jobs processes share the cores as tesseract.js's workers do.
// It reads the same trained data as tesseract.js (from node_modules, unpacked once), so the two engines agree.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pLimit, { type LimitFunction } from 'p-limit';
import type { OcrLine, OcrWord } from '../model/document.js';
import { langDir, PAGE_SEGMENTATION, writeThroughTemp, type OcrEngine, type OcrLanguage, type PageOcr, type PageSegmentation } from './engine.js';

/** The binary's version line ("tesseract 5.3.0"), or null when there is none on the PATH. */
export function tesseractVersion(bin = 'tesseract'): string | null {
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

export class TesseractCliEngine implements OcrEngine {
  readonly name: string;
  private readonly slots: LimitFunction;
  private tessdata: string | undefined;

  constructor(
    private readonly languages: OcrLanguage[],
    size: number,
    private readonly bin = 'tesseract',
  ) {
    const version = tesseractVersion(bin);
    if (!version) throw new Error(`--engine tesseract: no tesseract binary found on the PATH (install tesseract-ocr, or use the default engine, tesseract.js)`);
    this.name = version;
    this.slots = pLimit(size);
  }

  recognize(pgm: Uint8Array, segmentation: PageSegmentation = PAGE_SEGMENTATION): Promise<PageOcr> {
    this.tessdata ??= plainTessdata(this.languages);
    const args = ['stdin', 'stdout', '--tessdata-dir', this.tessdata, '-l', this.languages.join('+'), '--oem', '1', '--psm', segmentation];
    args.push('-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0', '-c', 'debug_file=/dev/null');
    return this.slots(() => run(this.bin, args, pgm)).then(parseTsv);
  }

  async close(): Promise<void> {
    this.slots.clearQueue();
  }
}

function run(bin: string, args: string[], input: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
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
    child.stdin.end(input);
  });
}

/** TSV rows: level, page, block, paragraph, line, word, left, top, width, height, confidence, text. */
export function parseTsv(tsv: string): PageOcr {
  const lines: OcrLine[] = [];
  let current: OcrLine | undefined;
  let key = '';
  const confidences: number[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12) continue;
    const [level, , block, par, line] = f;
    const [left, top, width, height, conf] = f.slice(6, 11).map(Number) as [number, number, number, number, number];
    const bbox = { x0: left, y0: top, x1: left + width, y1: top + height };
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
