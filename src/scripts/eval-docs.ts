// The dev corpus (../shared/dev/docs/*): every document in every form it is there in, through the same pipeline
// as `vnplan convert`, scored on its facts (fact score) and its printed text (syllable accuracy, one token stream).
// The OCR of a page image is kept in .build/ocr-cache by the image's hash (and the OCR settings), so a change to
// layout or parsing is measured again in seconds; a change to ingest that alters the image is OCR'd afresh.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { factScore, type Facts } from '../eval/factScore.js';
import { scoreStream } from '../eval/textScore.js';
import type { Doc } from '../model/document.js';
import type { Plan } from '../model/plan.js';
import type { Raster } from '../model/raster.js';
import { convertDoc } from '../pipeline/convert.js';
import { OcrPool, PAGE_SEGMENTATION, type PageOcr, type PageSegmentation } from '../ocr/pool.js';
import { projectRoot, sharedDir } from './paths.js';

/** Bump when the OCR call itself changes (settings, segmentation): cached results are then stale. */
const OCR_CACHE_VERSION = 1;

export class CachedPool extends OcrPool {
  private dir = resolve(projectRoot(), '.build', 'ocr-cache', 'pages');

  override async recognize(image: Raster, segmentation: PageSegmentation = PAGE_SEGMENTATION): Promise<PageOcr> {
    // The default engine's results are keyed as before any other engine existed.
    const engine = this.engineName.startsWith('tesseract.js') ? '' : `${this.engineName}:`;
    const key = createHash('sha256')
      .update(`${OCR_CACHE_VERSION}:${engine}${this.languages.join('+')}:psm${segmentation}:${image.width}x${image.height}:`)
      .update(image.data)
      .digest('hex')
      .slice(0, 24);
    const file = join(this.dir, `${key}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as PageOcr;
    const result = await super.recognize(image, segmentation);
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(file, JSON.stringify(result));
    return result;
  }
}

export interface DocRow {
  doc: string;
  kind: string;
  form: string;
  fact: number;
  components: Record<string, number>;
  /** syllable accuracy of the plan's text against doc.txt */
  text: number;
  seconds: number;
  warnings: string[];
}

/** The forms of a document, named by what follows the id in the file name. */
function forms(dir: string, id: string): { form: string; file: string }[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(id) && /\.(pdf|txt)$/.test(f) && !f.includes('native-vie'))
    .map((f) => ({ form: f === `${id}.pdf` ? 'pdf' : f.slice(id.length + 1), file: join(dir, f) }))
    .sort((a, b) => FORM_ORDER.indexOf(a.form) - FORM_ORDER.indexOf(b.form));
}

export const FORM_ORDER = ['pdf', 'office.pdf', 'color.pdf', 'poor.pdf', 'bitonal.pdf', 'rotated.pdf', 'oddsize.pdf', 'legacy.pdf', 'legacy.txt'];

export function devDocIds(): string[] {
  const root = join(sharedDir(), 'dev', 'docs');
  const only = process.env.EVAL_DOCS?.split(',');
  return readdirSync(root)
    .filter((d) => existsSync(join(root, d, 'facts.json')))
    .filter((d) => !only || only.includes(d))
    .sort();
}

/** `plans`: when given, each plan is kept there by "id form" (for the search check). */
export async function docRows(pool: OcrPool, onRow?: (r: DocRow) => void, plans?: Map<string, Plan>): Promise<DocRow[]> {
  const root = join(sharedDir(), 'dev', 'docs');
  const onlyForms = process.env.EVAL_FORMS?.split(',');
  const rows: DocRow[] = [];
  for (const id of devDocIds()) {
    const dir = join(root, id);
    const facts = JSON.parse(readFileSync(join(dir, 'facts.json'), 'utf8')) as Facts;
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { type: string };
    const gold = readFileSync(join(dir, 'doc.txt'), 'utf8');
    for (const { form, file } of forms(dir, id)) {
      if (onlyForms && !onlyForms.includes(form)) continue;
      const t0 = performance.now();
      let doc: Doc;
      try {
        doc = await convertDoc(file, readFileSync(file), { pool });
      } catch (err) {
        process.stderr.write(`${id} ${form}: ${(err as Error).message}\n`);
        const r: DocRow = { doc: id, kind: meta.type, form, fact: 0, components: {}, text: 0, seconds: 0, warnings: [(err as Error).message] };
        rows.push(r);
        onRow?.(r);
        continue;
      }
      const plan = doc.plan!;
      plans?.set(`${id} ${form}`, plan);
      const score = factScore(plan as unknown as Facts, facts);
      const r: DocRow = {
        doc: id,
        kind: meta.type,
        form,
        fact: score.total,
        components: score.components,
        text: scoreStream(plan.text, gold).syllableAccuracy,
        seconds: (performance.now() - t0) / 1000,
        warnings: plan.warnings.map((w) => w.code),
      };
      rows.push(r);
      onRow?.(r);
    }
  }
  return rows;
}

/** The components furthest below 1, for the table's last column. */
export function weakest(components: Record<string, number>, n = 3): string {
  return Object.entries(components)
    .filter(([, v]) => v < 0.995)
    .sort((a, b) => a[1] - b[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
}

export function docTable(rows: DocRow[]): string {
  const lines = ['| document | kind | form | fact score | text | weakest components |', '|---|---|---|---:|---:|---|'];
  for (const r of rows)
    lines.push(`| ${r.doc} | ${r.kind} | ${r.form} | ${r.fact.toFixed(3)} | ${(r.text * 100).toFixed(2)} % | ${weakest(r.components)} |`);
  return lines.join('\n');
}

/** Mean and minimum per form, the issue's targets' terms. */
export function formSummary(rows: DocRow[]): string {
  const lines = ['| form | documents | fact mean | fact min | text mean | text min |', '|---|---:|---:|---:|---:|---:|'];
  for (const form of FORM_ORDER) {
    const rs = rows.filter((r) => r.form === form);
    if (!rs.length) continue;
    const mean = (f: (r: DocRow) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
    const min = (f: (r: DocRow) => number) => Math.min(...rs.map(f));
    lines.push(
      `| ${form} | ${rs.length} | ${mean((r) => r.fact).toFixed(3)} | ${min((r) => r.fact).toFixed(3)} | ${(mean((r) => r.text) * 100).toFixed(2)} % | ${(min((r) => r.text) * 100).toFixed(2)} % |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const pool = new CachedPool({ jobs: 2 });
  try {
    const rows = await docRows(pool, (r) => process.stderr.write(`${r.doc} ${r.form}: fact ${r.fact.toFixed(3)} text ${(r.text * 100).toFixed(1)} % ${r.seconds.toFixed(1)} s  ${weakest(r.components)}\n`));
    process.stdout.write(`${docTable(rows)}\n\n${formSummary(rows)}\n`);
    const out = resolve(projectRoot(), '.build', 'eval-docs.json');
    writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
  } finally {
    await pool.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
