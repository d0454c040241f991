// npm run bench — speed and memory, never asserted by tests:
//  - repair: model load time and size, syllables per second on one core after load (plain text and legacy OCR);
//  - convert: pages per minute of ../shared/dev/scans/001.scan.pdf with 2 OCR workers, and peak memory.
// Writes bench/results/bench.json.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resourceUsage } from 'node:process';
import { convert } from '../pipeline/convert.js';
import { CHANNEL_FILE, LM_FILE, loadRepairModels } from '../repair/models.js';
import { repairLines } from '../repair/repair.js';
import { stripMarks } from '../repair/vietnamese.js';
import { projectRoot, sharedDir } from './paths.js';

function timeIt<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {};
  const load = timeIt(() => loadRepairModels());
  results.modelLoadMs = Math.round(load.ms);
  results.modelBytes = statSync(LM_FILE).size + statSync(CHANNEL_FILE).size;

  // Legacy OCR: the five seeds; plain: the same texts with every mark stripped from the dev gold.
  const seeds = readdirSync(join(sharedDir(), 'dev', 'seeds')).map((f) => readFileSync(join(sharedDir(), 'dev', 'seeds', f), 'utf8').split('\n'));
  const golds = readdirSync(join(sharedDir(), 'dev', 'gold')).map((f) => stripMarks(readFileSync(join(sharedDir(), 'dev', 'gold', f), 'utf8')).split('\n'));
  for (const [name, texts] of [
    ['legacy', seeds],
    ['plain', golds],
  ] as const) {
    // First pass fills the per-token caches as a long batch would; the second is what a batch sees after.
    const cold = timeIt(() => texts.map((t) => repairLines(t)));
    const warm = timeIt(() => texts.map((t) => repairLines(t)));
    const syllables = cold.value.reduce((a, r) => a + r.tokens, 0);
    results[`repair_${name}`] = {
      syllables,
      coldSyllablesPerSecond: Math.round(syllables / (cold.ms / 1000)),
      warmSyllablesPerSecond: Math.round(syllables / (warm.ms / 1000)),
    };
  }

  const scan = join(sharedDir(), 'dev', 'scans', '001.scan.pdf');
  const t0 = performance.now();
  const plan = await convert(scan, { jobs: 2 });
  const seconds = (performance.now() - t0) / 1000;
  results.convert_001_scan = { pages: plan.source.pages, seconds: Math.round(seconds * 10) / 10, pagesPerMinute: Math.round((plan.source.pages / seconds) * 600) / 10, jobs: 2 };
  // Peak resident memory of this process (the OCR workers are threads of it).
  results.peakRssMB = Math.round(resourceUsage().maxRSS / 1024);

  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  const out = resolve(projectRoot(), 'bench', 'results', 'bench.json');
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
