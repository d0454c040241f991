// The repair models ship inside the package (models/): loaded once, on first use, never fetched.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CandidateIndex } from './candidates.js';
import { Channel, type ChannelFile } from './channel.js';
import { Decoder } from './decoder.js';
import { loadLm, type LanguageModel } from './lm.js';

export const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');
export const LM_FILE = resolve(MODELS_DIR, 'vi-lm.bin.gz');
export const CHANNEL_FILE = resolve(MODELS_DIR, 'channel.json');

export interface RepairModels {
  lm: LanguageModel;
  channel: Channel;
  index: CandidateIndex;
  decoder: Decoder;
}

let loaded: RepairModels | undefined;

export function loadRepairModels(): RepairModels {
  if (loaded) return loaded;
  const lm = loadLm(LM_FILE);
  const channel = new Channel(JSON.parse(readFileSync(CHANNEL_FILE, 'utf8')) as ChannelFile);
  const index = new CandidateIndex(lm, channel);
  loaded = { lm, channel, index, decoder: new Decoder(lm, index) };
  return loaded;
}
