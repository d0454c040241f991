// The repair models ship inside the package (models/): loaded once, on first use, never fetched.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CandidateIndex } from './candidates.js';
import { tableLoader, type CandidateTable } from './candidateTable.js';
import { Channel, type ChannelFile } from './channel.js';
import { DEFAULT_PARAMS, Decoder } from './decoder.js';
import { loadLm, type LanguageModel } from './lm.js';
import { NameModel } from './names.js';
import { SkeletonIndex, readSkeletons } from './skeletons.js';

export const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');
export const LM_FILE = resolve(MODELS_DIR, 'vi-lm.bin');
export const CHANNEL_FILE = resolve(MODELS_DIR, 'channel.json');
export const VIE_CHANNEL_FILE = resolve(MODELS_DIR, 'channel-vie.json');
export const NAMES_FILE = resolve(MODELS_DIR, 'names.json');
/** candidates worked out ahead of time, under each channel (npm run build:candidates) */
export const TABLE_FILE = resolve(MODELS_DIR, 'candidates.bin');
export const VIE_TABLE_FILE = resolve(MODELS_DIR, 'candidates-vie.bin');
/** the vocabulary's skeleton index, worked out ahead of time (npm run build:candidates; skeletons.ts) */
export const SKELETONS_FILE = resolve(MODELS_DIR, 'skeletons.bin');

export interface RepairModels {
  lm: LanguageModel;
  channel: Channel;
  index: CandidateIndex;
  vieIndex: CandidateIndex;
  /** the Vietnamese-model OCR channel */
  vieChannel: Channel;
  /** vocabulary words by skeleton, shared by every candidate index */
  skeletons: SkeletonIndex;
  names: NameModel;
  /** the candidate tables of the two channels, read when first needed (none when missing, or made for other models) */
  table: () => CandidateTable | null;
  vieTable: () => CandidateTable | null;
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
  const skeletons = new SkeletonIndex(lm, readSkeletons(SKELETONS_FILE, lm) ?? undefined);
  const vieChannel = readChannel(VIE_CHANNEL_FILE);
  const tables = { table: tableLoader(TABLE_FILE, lm, channel.file), vieTable: tableLoader(VIE_TABLE_FILE, lm, vieChannel.file) };
  const parts = { lm, channel, vieChannel, skeletons, names: NameModel.load(NAMES_FILE), ...tables };
  loaded = { ...parts, ...assemble(parts) };
  return loaded;
}

/** The candidate indexes and the decoder on the models: each index keeps its own work per OCR form. */
function assemble(m: Omit<RepairModels, 'index' | 'vieIndex' | 'decoder'>): Pick<RepairModels, 'index' | 'vieIndex' | 'decoder'> {
  const index = new CandidateIndex(m.lm, m.channel, m.skeletons, m.table);
  const vieIndex = new CandidateIndex(m.lm, m.vieChannel, m.skeletons, m.vieTable);
  return { index, vieIndex, decoder: new Decoder(m.lm, index, DEFAULT_PARAMS, vieIndex, m.names) };
}

/** A decoder on the shipped models that finds no form worked out by another (the bench times one per run). */
export function freshDecoder(): Decoder {
  return assemble(loadRepairModels()).decoder;
}
