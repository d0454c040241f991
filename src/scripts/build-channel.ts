// npm run build:channel — learn models/channel.json (the OCR channel) from parallel text:
//  - the dev seeds (English-model OCR) aligned line by line with their gold text (../shared/dev),
//  - synthetic pairs from .build/synthetic/*.tsv made by `npm run build:synthetic` (corpus sentences rendered
//    as page images and read by tesseract.js), when present.
// Only character-operation counts are stored, never text.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { alignTokens } from '../repair/align.js';
import { CHANNEL_FORMAT, Channel, type ChannelFile } from '../repair/channel.js';
import { projectRoot, sharedDir } from './paths.js';

export const CHANNEL_VERSION = '1.0.0';

/** Aligned (true, OCR) token pairs of the dev seeds that have gold, optionally leaving some out. */
export function devPairs(exclude: string[] = []): [string, string][] {
  const dev = join(sharedDir(), 'dev');
  const pairs: [string, string][] = [];
  for (const g of readdirSync(join(dev, 'gold')).sort()) {
    const id = g.replace('.gold.txt', '');
    if (exclude.some((e) => id.startsWith(e))) continue;
    const gold = readFileSync(join(dev, 'gold', g), 'utf8').split('\n');
    const seed = readFileSync(join(dev, 'seeds', `${id}.txt`), 'utf8').split('\n');
    gold.forEach((line, i) => {
      if (line.trim() && seed[i]?.trim()) pairs.push(...alignTokens(seed[i]!, line));
    });
  }
  return pairs;
}

function syntheticPairs(): { pairs: [string, string][]; files: string[] } {
  const dir = resolve(projectRoot(), '.build', 'synthetic');
  if (!existsSync(dir)) return { pairs: [], files: [] };
  const files = readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort();
  const pairs: [string, string][] = [];
  for (const f of files)
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const [truth, ocr] = line.split('\t');
      if (truth && ocr !== undefined) pairs.push(...alignTokens(ocr, truth));
    }
  return { pairs, files };
}

/** Hard-EM: align every pair with the current channel, count the operations, repeat. */
export function learnChannel(pairs: [string, string][], sources: string[], iterations = 4): ChannelFile {
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
  return { ...file, counts: sorted };
}

function main(): void {
  const dev = devPairs();
  const syn = syntheticPairs();
  const sources = ['dev seeds 000–002 with gold', ...(syn.files.length ? [`synthetic: ${syn.files.length} files`] : [])];
  const file = learnChannel([...dev, ...syn.pairs], sources);
  const out = resolve(projectRoot(), 'models', 'channel.json');
  writeFileSync(out, JSON.stringify(file, null, 0) + '\n');
  console.error(`wrote ${out}: ${dev.length} dev pairs, ${syn.pairs.length} synthetic pairs, ${Object.keys(file.counts).length} operations`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
