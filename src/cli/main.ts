// The vnplan command line. Data goes to stdout, messages to stderr; exit 0 = all good, 1 = some input failed
// (or, for validate, some plan is invalid), 2 = the command was called wrongly.
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
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
import { errorMessage, InputError } from '../util/errors.js';
import { planIssues, validate } from '../validate/validate.js';
import { runConvert } from './convertCommand.js';
import { readStdin } from './stdin.js';
import { VERSION } from '../version.js';

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
    .addOption(new Option('-f, --format <format>', 'plan file format').choices(['json', 'yaml']).default('json'))
    .option('--stdout', 'print plans instead of writing files (one input: the plan; several: NDJSON)', false)
    .addOption(jobsOption())
    .addOption(ocrOption())
    .addOption(langOption())
    .addOption(engineOption())
    .option('--force', 'convert even when the plan file is newer than its input (otherwise skipped, so a batch resumes)', false)
    .option('--report <file>', 'write a JSON report: per input, status, output, pages, seconds, warnings, error')
    .option('--no-repair', 'do not restore diacritics (the text is already clean Vietnamese)')
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
            value = parseYaml(text);
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
    process.stderr.write(`vnplan: ${err instanceof InputError ? err.message : errorMessage(err)}\n`);
    return 1;
  }
}
