// The vnplan command line. Data goes to stdout, messages to stderr; exit 0 = all good, 1 = some input failed
// (or, for validate, some plan is invalid), 2 = the command was called wrongly.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cpus } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { serialize } from '../emit/emit.js';
import { ingest } from '../ingest/ingest.js';
import { OCR_MODES, type OcrMode } from '../ingest/pdf.js';
import { planJsonSchema } from '../model/plan.js';
import { normalise } from '../normalise/normalise.js';
import { ocr } from '../ocr/ocr.js';
import { OCR_ENGINES, OCR_LANGUAGES, OcrPool, type OcrEngineName, type OcrLanguage } from '../ocr/pool.js';
import { tesseractVersion } from '../ocr/tesseractCli.js';
import { parse } from '../parse/parse.js';
import { repairLines } from '../repair/repair.js';
import { errorMessage, InputError, UsageError } from '../util/errors.js';
import { yamlModule } from '../util/yaml.js';
import { planIssues, validate } from '../validate/validate.js';
import { addArchiveCommands } from './archiveCommands.js';
import { runConvert } from './convertCommand.js';
import { readStdin } from './stdin.js';
import { VERSION } from '../version.js';

// The queue's modules (BullMQ, ioredis) are loaded by the commands that use them: loaded here, they doubled the
// start-up of every command (0.9 of 1.5 CPU-seconds).
const queueModule = () => import('../queue/queue.js');

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return n;
}

function languages(v: string): OcrLanguage[] {
  const langs = v.split('+');
  for (const l of langs) if (!(OCR_LANGUAGES as readonly string[]).includes(l)) throw new InvalidArgumentError(`languages from ${OCR_LANGUAGES.join(', ')}, joined with +`);
  return langs as OcrLanguage[];
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('seconds ≥ 0 (0: no limit)');
  return n;
}
const timeoutOption = () =>
  new Option('--timeout <seconds>', 'give up a document that takes longer than this (a page that renders forever, a decompression bomb); 0: no limit')
    .argParser(seconds)
    .default(3600);
const formatOption = () => new Option('-f, --format <format>', 'plan file format').choices(['json', 'yaml']).default('json');
const redisOption = () => new Option('--redis <url>', 'the queue\'s Redis (redis://host:port[/db])').default('redis://127.0.0.1:6379');

const jobsOption = () => new Option('-j, --jobs <n>', 'OCR workers (pages and documents are spread over them)').argParser(positiveInt).default(cpus().length, 'number of CPUs');
const ocrOption = () =>
  new Option('--ocr <mode>', 'PDF pages: auto = OCR pages without good Vietnamese text; skip = keep any text layer; redo = replace text layers; force = OCR every page')
    .choices(OCR_MODES as unknown as string[])
    .default('auto');
const langOption = () => new Option('--lang <langs>', `OCR languages, e.g. vie or vie+eng (${OCR_LANGUAGES.join(', ')})`).argParser(languages).default(['vie'], 'vie');

function engine(v: string): OcrEngineName {
  if (!(OCR_ENGINES as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${OCR_ENGINES.join(', ')}`);
  if (v === 'tesseract' && !tesseractVersion())
    throw new InvalidArgumentError('no tesseract binary on the PATH: install it (Debian: apt-get install tesseract-ocr) or keep the built-in tesseract.js');
  return v as OcrEngineName;
}
const engineOption = () =>
  new Option('--engine <engine>', "OCR engine: tesseract.js (built in, nothing to install) or tesseract (the system's binary, where installed; same model and output)")
    .argParser(engine)
    .default('tesseract.js');

async function readSource(path: string): Promise<Uint8Array> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path);
  } catch (err) {
    throw new InputError(path, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)})`);
  }
}

export function buildProgram(): Command {
  // exitOverride first: subcommands inherit it, so their usage errors reach main() (exit 2) too.
  const program = new Command('vnplan')
    .exitOverride()
    .description('Turn scanned Vietnamese government plans (Kế hoạch, Công văn, Quyết định, …) into validated JSON/YAML plan files.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ vnplan convert scans/75-KH-UBND.pdf            writes scans/75-KH-UBND.plan.json
  $ vnplan convert archive/ --out-dir plans/ --report report.json
  $ vnplan convert "inbox/*.pdf" --stdout > plans.ndjson
  $ vnplan repair old-ocr.txt > fixed.txt         restore diacritics, line for line
  $ vnplan validate plans/*.plan.json

Exit codes: 0 all converted (or up to date), 1 some input failed, 2 usage error.`,
    );

  program
    .command('convert')
    .description('convert scans, PDFs, images and OCR text to plan files (NAME.ext → NAME.plan.json)')
    .argument('<inputs...>', 'files, directories (searched recursively), globs, or - for standard input')
    .option('-o, --out-dir <dir>', 'write plans here (default: next to each input; - is --stdout)')
    .addOption(formatOption())
    .option('--stdout', 'print plans instead of writing files (one input: the plan; several: NDJSON)', false)
    .addOption(jobsOption())
    .addOption(ocrOption())
    .addOption(langOption())
    .addOption(engineOption())
    .option('--force', 'convert even when the plan file is newer than its input (otherwise skipped, so a batch resumes)', false)
    .option('--report <file>', 'write a JSON report: per input, status, output, pages, seconds, warnings, error')
    .option('--no-repair', 'do not restore diacritics (the text is already clean Vietnamese)')
    .addOption(timeoutOption())
    .option('-q, --quiet', 'no progress and no summary on stderr (errors are still shown)', false)
    .action(async (inputs: string[], o) => {
      process.exitCode = await runConvert(inputs, {
        // "-o -" is standard output, as "-" is standard input: no folder named "-".
        outDir: o.outDir === '-' ? undefined : o.outDir,
        format: o.format,
        stdout: o.stdout || o.outDir === '-',
        jobs: o.jobs,
        ocr: o.ocr as OcrMode,
        lang: o.lang,
        engine: o.engine,
        force: o.force,
        report: o.report,
        quiet: o.quiet,
        repair: o.repair,
        timeout: o.timeout || undefined,
      });
    });

  const queue = program
    .command('queue')
    .description('a work queue on Redis for many machines: add inputs, see its state, retry what failed (workers: vnplan worker)');
  queue
    .command('add')
    .description('add one job per input document; an input already queued or done with the same options is not added again')
    .argument('<inputs...>', 'files, directories (searched recursively) or globs, on storage every worker sees')
    .addOption(redisOption())
    .option('-o, --out-dir <dir>', 'workers write plans here (default: next to each input)')
    .addOption(formatOption())
    .addOption(ocrOption())
    .addOption(langOption())
    .addOption(engineOption())
    .option('--no-repair', 'do not restore diacritics (the text is already clean Vietnamese)')
    .action(async (inputs: string[], o) => {
      const { addInputs, openQueue } = await queueModule();
      const q = await openQueue(o.redis);
      try {
        const r = await addInputs(q, inputs, {
          outDir: o.outDir ? resolve(o.outDir) : undefined,
          format: o.format,
          ocr: o.ocr,
          lang: o.lang,
          engine: o.engine,
          repair: o.repair,
        });
        for (const p of r.problems) process.stderr.write(`vnplan: ${p.path}: ${p.reason}\n`);
        process.stderr.write(`vnplan: ${r.added} added, ${r.present} already queued or done, ${r.problems.length} failed\n`);
        process.exitCode = r.problems.length ? 1 : 0;
      } finally {
        await q.close();
      }
    });
  queue
    .command('status')
    .description('jobs waiting, active, done and failed (with reasons), and pages a minute')
    .addOption(redisOption())
    .option('--json', 'print the status as JSON', false)
    .action(async (o) => {
      const { openQueue, queueStatus } = await queueModule();
      const q = await openQueue(o.redis);
      try {
        const s = await queueStatus(q);
        if (o.json) process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
        else {
          process.stdout.write(`waiting ${s.waiting}  active ${s.active}  done ${s.done}  failed ${s.failed}  pages/min ${s.pagesPerMinute ?? '-'}\n`);
          for (const f of s.failures) process.stdout.write(`failed: ${f.input}: ${f.reason}\n`);
        }
      } finally {
        await q.close();
      }
    });
  queue
    .command('retry-failed')
    .description('put failed jobs back to waiting (once their cause is fixed)')
    .addOption(redisOption())
    .action(async (o) => {
      const { openQueue, retryFailed } = await queueModule();
      const q = await openQueue(o.redis);
      try {
        process.stderr.write(`vnplan: ${await retryFailed(q)} failed jobs back to waiting\n`);
      } finally {
        await q.close();
      }
    });

  program
    .command('worker')
    .description('take jobs from the queue and convert them, as convert does (SIGTERM: finish the jobs in hand, then stop)')
    .addOption(redisOption())
    .addOption(jobsOption())
    .addOption(timeoutOption())
    .option('--until-empty', 'stop once no job is waiting (for batch scripts)', false)
    .option('-q, --quiet', 'only failures on stderr', false)
    .addOption(new Option('--lock-duration <ms>', 'how long a job stays with a worker that stopped answering').argParser(positiveInt).default(120_000).hideHelp())
    .addOption(new Option('--stalled-interval <ms>', 'how often jobs of stopped workers are handed back').argParser(positiveInt).default(30_000).hideHelp())
    .action(async (o) => {
      const { runWorker } = await import('../queue/worker.js');
      process.exitCode = await runWorker({
        redis: o.redis,
        jobs: o.jobs,
        timeout: o.timeout || undefined,
        untilEmpty: o.untilEmpty,
        quiet: o.quiet,
        lockDuration: o.lockDuration,
        stalledInterval: o.stalledInterval,
      });
    });

  program
    .command('ocr')
    .description('print the OCR text of a scan, PDF or image (pages separated by form feeds)')
    .argument('<input>', 'a PDF or image, or - for standard input')
    .addOption(jobsOption())
    .addOption(ocrOption())
    .addOption(langOption())
    .addOption(engineOption())
    .action(async (input: string, o) => {
      const pool = new OcrPool({ jobs: o.jobs, languages: o.lang, engine: o.engine });
      try {
        const doc = await ocr(await ingest(input, await readSource(input), { ocr: o.ocr }), pool);
        process.stdout.write(`${doc.pages.map((p) => p.lines.join('\n')).join('\n\f')}\n`);
      } finally {
        await pool.close();
      }
    });

  program
    .command('repair')
    .description('restore Vietnamese diacritics and undo OCR errors; line N of the output is line N of the input')
    .argument('[file]', 'a text file, or - (the default) for standard input', '-')
    .addOption(new Option('--style <style>', 'what the text is: legacy = English-model OCR, plain = typed without marks, vietnamese = Vietnamese OCR; auto decides it paragraph by paragraph').choices(['auto', 'legacy', 'plain', 'vietnamese']).default('auto'))
    .option('--warnings', 'list low-confidence tokens on stderr', false)
    .action(async (file: string, o) => {
      const text = new TextDecoder().decode(await readSource(file)).replace(/^\uFEFF/, '');
      const lines = text.split('\n');
      const trailing = lines[lines.length - 1] === '';
      if (trailing) lines.pop();
      const r = repairLines(lines.map((l) => l.replace(/\r$/, '')), { style: o.style });
      process.stdout.write(r.lines.join('\n') + (trailing ? '\n' : ''));
      if (o.warnings) for (const t of r.lowConfidence) process.stderr.write(`${file}:${t.line}: "${t.original}" → "${t.output}" (${Math.round(t.confidence * 100)} %)\n`);
    });

  program
    .command('parse')
    .description('make a plan from text that is already clean Vietnamese (no OCR, no repair)')
    .argument('[file]', 'a text file, or - (the default) for standard input', '-')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'yaml']).default('json'))
    .action(async (file: string, o) => {
      const doc = validate(parse(normalise(await ingest(file, await readSource(file)))));
      process.stdout.write(serialize(doc.plan!, o.format));
    });

  program
    .command('validate')
    .description('check plan files against the schema: exit 0 when all are valid, 1 otherwise')
    .argument('<plans...>', 'plan files (JSON or YAML)')
    .option('-q, --quiet', 'print only the failures', false)
    .action(async (files: string[], o) => {
      let bad = 0;
      for (const f of files) {
        let issues: string[];
        try {
          const text = await readFile(f, 'utf8');
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch {
            value = yamlModule().parse(text);
          }
          issues = planIssues(value);
        } catch (err) {
          issues = [`cannot read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)})`];
        }
        if (issues.length) {
          bad++;
          for (const i of issues) process.stderr.write(`${f}: ${i}\n`);
        } else if (!o.quiet) process.stderr.write(`${f}: valid\n`);
      }
      process.exitCode = bad ? 1 : 0;
    });

  addArchiveCommands(program);

  program
    .command('schema')
    .description('print the JSON Schema of plan files (schemas/plan.schema.json)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(planJsonSchema(), null, 2)}\n`);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end "with an error" of code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`vnplan: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`vnplan: ${err instanceof InputError ? err.message : errorMessage(err)}\n`);
    return 1;
  }
}
