// `vnplan convert`: many inputs, one shared OCR pool, atomic outputs, resumable (an output newer than its
// input is skipped), a report, and exit 0 (all converted or up to date), 1 (some failed).
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import pLimit from 'p-limit';
import { serialize, writeAtomic, type OutputFormat } from '../emit/emit.js';
import type { OcrMode } from '../ingest/pdf.js';
import type { Plan } from '../model/plan.js';
import { TURN_BELOW } from '../ocr/orientation.js';
import { OcrPool, type OcrEngineName, type OcrLanguage } from '../ocr/pool.js';
import { convertDoc } from '../pipeline/convert.js';
import { errorMessage, InputError } from '../util/errors.js';
import { expandInputs, outputPath, sharedOutputs, type InputFile } from './inputs.js';
import { createProgress, type Progress } from './progress.js';
import { readStdin } from './stdin.js';

export interface ConvertCommandOptions {
  outDir?: string;
  format: OutputFormat;
  stdout: boolean;
  jobs: number;
  ocr: OcrMode;
  lang: OcrLanguage[];
  engine?: OcrEngineName;
  force: boolean;
  report?: string;
  quiet: boolean;
  repair: boolean;
  /** seconds one document may take before it is given up (a page that renders forever, a decompression bomb) */
  timeout?: number;
  /** the input's SHA-256 when it was queued: a file changed since is refused (the queue's workers) */
  expectSha256?: string;
}

export interface ReportEntry {
  input: string;
  status: 'converted' | 'skipped' | 'failed';
  output: string | null;
  pages: number | null;
  seconds: number;
  warnings: number;
  /** pages whose OCR read them too badly to trust (mean confidence under 60): the ones to check by eye */
  lowConfidencePages: number[];
  error: string | null;
}

export async function runConvert(args: string[], opts: ConvertCommandOptions): Promise<number> {
  const expanded = await expandInputs(args);
  const problems = [...expanded.problems];
  // Two inputs with one plan file: the later one is refused, not converted over the first one's plan.
  const shared = opts.stdout ? new Map<InputFile, InputFile>() : sharedOutputs(expanded.files, opts.format, opts.outDir);
  for (const [file, first] of shared)
    problems.push({ path: file.path, reason: `its plan file would be ${outputPath(file, opts.format, opts.outDir)}, as for ${first.path}: rename one of them or convert it with its own --out-dir` });
  const files = expanded.files.filter((f) => !shared.has(f));
  const entries: ReportEntry[] = problems.map((p) => ({ input: p.path, status: 'failed', output: null, pages: null, seconds: 0, warnings: 0, lowConfidencePages: [], error: p.reason }));
  for (const p of problems) process.stderr.write(`vnplan: ${p.path}: ${p.reason}\n`);
  const progress = createProgress({ quiet: opts.quiet, documents: files.length });
  const pool = new OcrPool({ jobs: opts.jobs, languages: opts.lang, engine: opts.engine });
  const limit = pLimit(Math.max(1, opts.jobs));
  const plans: { index: number; plan: Plan }[] = [];
  try {
    await Promise.all(
      files.map((file, index) =>
        limit(async () => {
          const entry = await convertOne(file, opts, pool, progress, (plan) => plans.push({ index, plan }));
          entries.push(entry);
          if (entry.status === 'failed') process.stderr.write(`${progressClear()}vnplan: ${entry.input}: ${entry.error}\n`);
          else progress.log(`${entry.status === 'skipped' ? 'up to date' : 'converted '} ${entry.input}${entry.output ? ` → ${entry.output}` : ''}${entry.status === 'converted' ? ` (${entry.pages} p., ${entry.seconds} s${entry.warnings ? `, ${entry.warnings} warnings` : ''})` : ''}`);
        }),
      ),
    );
  } finally {
    progress.stop();
    await pool.close();
  }
  // Plans with no output file (--stdout, or standard input) go to stdout, in input order.
  if (plans.length) writeStdout(plans.sort((a, b) => a.index - b.index).map((p) => p.plan), opts.format, files.length > 1);
  if (opts.report) await writeAtomic(opts.report, `${JSON.stringify(sortEntries(entries, expanded.files), null, 2)}\n`);
  const failed = entries.filter((e) => e.status === 'failed').length;
  if (!opts.quiet) {
    const n = (s: ReportEntry['status']) => entries.filter((e) => e.status === s).length;
    process.stderr.write(`vnplan: ${n('converted')} converted, ${n('skipped')} up to date, ${failed} failed\n`);
  }
  return failed ? 1 : 0;
}

function progressClear(): string {
  return process.stderr.isTTY ? '\r\x1b[K' : '';
}

function sortEntries(entries: ReportEntry[], files: InputFile[]): ReportEntry[] {
  const order = new Map(files.map((f, i) => [f.path, i]));
  return [...entries].sort((a, b) => (order.get(a.input) ?? -1) - (order.get(b.input) ?? -1));
}

/** One input to its plan file (or to `keep`, with no output file): the step `convert` and the queue's workers share. */
export async function convertOne(
  file: InputFile,
  opts: Pick<ConvertCommandOptions, 'outDir' | 'format' | 'stdout' | 'ocr' | 'force' | 'repair' | 'timeout' | 'expectSha256'>,
  pool: OcrPool,
  progress: Progress,
  keep: (plan: Plan) => void = () => undefined,
): Promise<ReportEntry> {
  const t0 = performance.now();
  const out = opts.stdout || file.path === '-' ? null : outputPath(file, opts.format, opts.outDir);
  const entry: ReportEntry = { input: file.path, status: 'failed', output: out, pages: null, seconds: 0, warnings: 0, lowConfidencePages: [], error: null };
  let pagesAnnounced = 0;
  let pagesDone = 0;
  try {
    const bytes = file.path === '-' ? await readStdin() : await readInput(file.path);
    if (opts.expectSha256 && createHash('sha256').update(bytes).digest('hex') !== opts.expectSha256)
      throw new InputError(file.path, 'the file changed after it was queued: add it again');
    if (out && !opts.force && (await isUpToDate(file.path, out))) {
      entry.status = 'skipped';
      return entry;
    }
    const doc = await withTimeout(opts.timeout, file.path, (signal) => convertDoc(file.path, bytes, {
      signal,
      ocr: opts.ocr,
      pool,
      repair: opts.repair,
      onPages: (n) => {
        pagesAnnounced = n;
        progress.addPages(n);
      },
      onPage: () => {
        pagesDone++;
        progress.pageDone();
      },
    }));
    const plan = doc.plan!;
    // Another process may have written the plan while this one worked (a queue job taken twice, two convert runs
    // over one folder): it is not written again.
    if (out && !opts.force && (await isUpToDate(file.path, out))) {
      entry.status = 'skipped';
      return entry;
    }
    if (out) {
      try {
        await mkdir(dirname(out), { recursive: true });
        await writeAtomic(out, serialize(plan, opts.format));
      } catch (err) {
        throw new InputError(file.path, writeFailure(out, err));
      }
    } else keep(plan);
    entry.status = 'converted';
    entry.pages = plan.source.pages;
    entry.warnings = plan.warnings.length;
    entry.lowConfidencePages = doc.pages.filter((p) => p.confidence !== undefined && p.confidence < TURN_BELOW).map((p) => p.number);
  } catch (err) {
    entry.error = err instanceof InputError ? err.reason : errorMessage(err);
    entry.output = null;
  } finally {
    // Pages that were announced but not OCR'd (text pages, a failure) still count as done.
    progress.pageDone(Math.max(0, pagesAnnounced - pagesDone));
    entry.seconds = Math.round((performance.now() - t0) / 100) / 10;
  }
  return entry;
}

/**
 * Runs `work` with a time limit: past it the document fails with its reason, and the signal tells the pipeline to
 * read no more of its pages (work under way in a stage ends with the stage).
 */
async function withTimeout<T>(seconds: number | undefined, file: string, work: (signal?: AbortSignal) => Promise<T>): Promise<T> {
  if (!seconds) return work();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new InputError(file, `took longer than ${seconds} s (--timeout): given up`));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work(abort.signal), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why a plan could not be written, in words (the disk full, no permission), with the error's code. */
function writeFailure(out: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOSPC' ? 'no space left on the device' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : errorMessage(err);
  return `cannot write ${out}: ${why}${code && !why.includes(code) ? ` (${code})` : ''}`;
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : `cannot read the file (${code ?? errorMessage(err)})`);
  }
}

async function isUpToDate(input: string, output: string): Promise<boolean> {
  const [i, o] = await Promise.all([stat(input).catch(() => null), stat(output).catch(() => null)]);
  return Boolean(i && o && o.mtimeMs >= i.mtimeMs);
}

function writeStdout(plans: Plan[], format: OutputFormat, many: boolean): void {
  if (!many) {
    if (plans[0]) process.stdout.write(serialize(plans[0], format));
    return;
  }
  // Several documents: one JSON object a line (NDJSON), or a YAML stream.
  for (const p of plans) process.stdout.write(format === 'yaml' ? `---\n${serialize(p, 'yaml')}` : `${JSON.stringify(p)}\n`);
}
