// npm run build:channel — learn the OCR channels from parallel text:
//  - models/channel.json, the English-model OCR of old archives: the dev seeds aligned line by line with their
//    gold text (../shared/dev), and synthetic eng-*.tsv pairs;
//  - models/channel-vie.json, vnplan's own Vietnamese-model OCR: synthetic vie-*.tsv pairs.
// Synthetic pairs come from `npm run build:synthetic` (corpus sentences rendered as page images and read by
// tesseract.js). Only character-operation counts and the few whole-token misreadings seen three times or more
// ("¢" for "có") are stored, never running text.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { alignTokens, unlikeTokens } from '../repair/align.js';
import { CHANNEL_FORMAT, Channel, type ChannelFile } from '../repair/channel.js';
import { projectRoot, sharedDir } from './paths.js';

export const CHANNEL_VERSION = '1.0.0';

export interface ParallelPairs {
  /** aligned (true, OCR) token pairs, for the character channel */
  pairs: [string, string][];
  /** whole-token misreadings (true, OCR) */
  unlike: [string, string][];
}

/** Aligned (true, OCR) token pairs of the dev seeds that have gold, optionally leaving some out. */
export function devPairs(exclude: string[] = []): ParallelPairs {
  const dev = join(sharedDir(), 'dev');
  const pairs: [string, string][] = [];
  const unlike: [string, string][] = [];
  for (const g of readdirSync(join(dev, 'gold')).sort()) {
    const id = g.replace('.gold.txt', '');
    if (exclude.some((e) => id.startsWith(e))) continue;
    const gold = readFileSync(join(dev, 'gold', g), 'utf8').split('\n');
    const seed = readFileSync(join(dev, 'seeds', `${id}.txt`), 'utf8').split('\n');
    gold.forEach((line, i) => {
      if (!line.trim() || !seed[i]?.trim()) return;
      pairs.push(...alignTokens(seed[i]!, line));
      unlike.push(...unlikeTokens(seed[i]!, line));
    });
  }
  return { pairs, unlike };
}

function syntheticPairs(lang: 'eng' | 'vie'): ParallelPairs & { files: string[] } {
  const dir = resolve(projectRoot(), '.build', 'synthetic');
  if (!existsSync(dir)) return { pairs: [], unlike: [], files: [] };
  const files = readdirSync(dir).filter((f) => f.startsWith(`${lang}-`) && f.endsWith('.tsv')).sort();
  const pairs: [string, string][] = [];
  const unlike: [string, string][] = [];
  for (const f of files)
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const [truth, ocr] = line.split('\t');
      if (!truth || ocr === undefined) continue;
      pairs.push(...alignTokens(ocr, truth));
      unlike.push(...unlikeTokens(ocr, truth));
    }
  return { pairs, unlike, files };
}

/** Hard-EM: align every pair with the current channel, count the operations, repeat. */
export function learnChannel({ pairs, unlike }: ParallelPairs, sources: string[], iterations = 4): ChannelFile {
  let file: ChannelFile = { format: CHANNEL_FORMAT, version: CHANNEL_VERSION, counts: {}, pairs: pairs.length, sources };
  for (let it = 0; it < iterations; it++) {
    const channel = new Channel(file);
    const counts: Record<string, number> = {};
    for (const [truth, ocr] of pairs) {
      const { ops } = channel.align(ocr.toLowerCase(), truth.toLowerCase());
      for (const [g, o] of ops) counts[`${g}\t${o}`] = (counts[`${g}\t${o}`] ?? 0) + 1;
    }
    file = { ...file, counts };
  }
  // Keep the file small and stable: sorted keys, singletons of never-seen kinds dropped.
  const sorted = Object.fromEntries(Object.entries(file.counts).filter(([, n]) => n >= 2).sort(([a], [b]) => (a < b ? -1 : 1)));
  // Whole-token misreadings seen at least three times (twice is mostly a misaligned synthetic line), with how
  // often their true words occur at all.
  const seen: Record<string, number> = {};
  for (const [truth, ocr] of unlike) {
    const key = `${ocr.toLowerCase()}\t${truth.toLowerCase()}`;
    seen[key] = (seen[key] ?? 0) + 1;
  }
  const tokens = Object.fromEntries(Object.entries(seen).filter(([, n]) => n >= 3).sort(([a], [b]) => (a < b ? -1 : 1)));
  const truths = new Set(Object.keys(tokens).map((k) => k.split('\t')[1]!));
  const tokenTotals: Record<string, number> = {};
  for (const [truth] of [...pairs, ...unlike]) {
    const t = truth.toLowerCase();
    if (truths.has(t)) tokenTotals[t] = (tokenTotals[t] ?? 0) + 1;
  }
  return { ...file, counts: sorted, tokens, tokenTotals: Object.fromEntries(Object.entries(tokenTotals).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/**
 * Real archive OCR counts this many times a synthetic pair: the archives' engine is not quite ours (chosen by
 * leave-one-out on the dev seeds: 1× 95.5 %, 3× 95.7 %, 6× 95.8 %, 12× 95.8 %).
 */
const DEV_WEIGHT = 6;

/** The English-model channel's training pairs: dev seeds (optionally leaving some out) and synthetic eng OCR. */
export function legacyPairs(exclude: string[] = []): ParallelPairs {
  const dev = devPairs(exclude);
  const synthetic = syntheticPairs('eng');
  const weighted = (p: [string, string][]) => Array.from({ length: DEV_WEIGHT }, () => p).flat();
  return { pairs: [...weighted(dev.pairs), ...synthetic.pairs], unlike: [...weighted(dev.unlike), ...synthetic.unlike] };
}

function write(name: string, file: ChannelFile): void {
  const out = resolve(projectRoot(), 'models', name);
  writeFileSync(out, JSON.stringify(file, null, 0) + '\n');
  console.error(`wrote ${out}: ${file.pairs} pairs (${file.sources.join('; ')}), ${Object.keys(file.counts).length} operations`);
}

function main(): void {
  const eng = syntheticPairs('eng');
  write('channel.json', learnChannel(legacyPairs(), ['dev seeds 000–002 with gold', `synthetic English-model OCR: ${eng.files.length} pages`]));
  const vie = syntheticPairs('vie');
  if (vie.pairs.length) write('channel-vie.json', learnChannel(vie, [`synthetic Vietnamese-model OCR: ${vie.files.length} pages`]));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
