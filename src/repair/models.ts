// The repair models ship inside the package (models/): loaded once, on first use, never fetched.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CandidateIndex, SkeletonIndex } from './candidates.js';
import { Channel, type ChannelFile } from './channel.js';
import { DEFAULT_PARAMS, Decoder } from './decoder.js';
import { loadLm, type LanguageModel } from './lm.js';
import { NameModel } from './names.js';

export const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');
export const LM_FILE = resolve(MODELS_DIR, 'vi-lm.bin');
export const CHANNEL_FILE = resolve(MODELS_DIR, 'channel.json');
export const VIE_CHANNEL_FILE = resolve(MODELS_DIR, 'channel-vie.json');
export const NAMES_FILE = resolve(MODELS_DIR, 'names.json');

export interface RepairModels {
  lm: LanguageModel;
  channel: Channel;
  index: CandidateIndex;
  vieIndex: CandidateIndex;
  /** the Vietnamese-model OCR channel */
  vieChannel: Channel;
  decoder: Decoder;
}

let loaded: RepairModels | undefined;
let lmLoaded: LanguageModel | undefined;

/** The syllable language model alone (the parser reads flattened tables with it). */
export function loadLanguageModel(): LanguageModel {
  return (lmLoaded ??= loadLm(LM_FILE));
}

export function loadRepairModels(): RepairModels {
  if (loaded) return loaded;
  const lm = loadLanguageModel();
  const readChannel = (f: string) => new Channel(JSON.parse(readFileSync(f, 'utf8')) as ChannelFile);
  const channel = readChannel(CHANNEL_FILE);
  const skeletons = new SkeletonIndex(lm);
  const index = new CandidateIndex(lm, channel, skeletons);
  const vieChannel = readChannel(VIE_CHANNEL_FILE);
  const vieIndex = new CandidateIndex(lm, vieChannel, skeletons);
  loaded = { lm, channel, index, vieIndex, vieChannel, decoder: new Decoder(lm, index, DEFAULT_PARAMS, vieIndex, NameModel.load(NAMES_FILE)) };
  return loaded;
}
