// Candidates worked out ahead of time (npm run build:candidates), for the OCR forms of the vocabulary's most
// frequent words that a channel most often writes: a document's first reading spends a quarter of its time finding
// and aligning the candidates of forms it meets for the first time, and most of a text's forms are these. The table
// holds exactly what CandidateIndex would work out (ids and channel scores, best first), for one language model,
// one channel and one set of search settings; under any other it is not used. (A change to how the index finds or
// scores candidates needs the tables made again: test/candidateTable.test.ts compares them with the index.)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Candidate } from './candidates.js';
import type { Channel, ChannelFile } from './channel.js';
import type { LanguageModel } from './lm.js';
import { SectionReader, writeSections } from '../util/sections.js';

export const TABLE_FORMAT = 'vnplan-candidates/1';

export interface TableHeader {
  format: string;
  /** the models the table was worked out with (fingerprint) */
  models: string;
  /** the search settings: candidates kept, edits allowed, weight of frequency */
  limit: number;
  maxEdits: number;
  unigramWeight: number;
  /** how the forms were chosen */
  words: number;
  minP: number;
}

/** What identifies the models a table belongs to: the LM's header (its counts and sources) and the channel's counts. */
export function modelsFingerprint(lm: LanguageModel, channel: ChannelFile): string {
  return createHash('sha256').update(JSON.stringify(lm.header)).update('\0').update(JSON.stringify(channel)).digest('hex').slice(0, 32);
}

/** The forms the channel writes for a word with probability minP or more (the word itself among them): the forms
 *  a table holds (npm run build:candidates). */
export function likelyForms(word: string, channel: Channel, minP: number): string[] {
  let forms: [string, number][] = [['', 1]];
  for (const g of word) {
    const outs = channel.likelyOutputs(g, minP);
    forms = forms.flatMap(([f, p]) => outs.filter(([, q]) => p * q >= minP).map(([o, q]): [string, number] => [f + o, p * q]));
  }
  // A token is looked up in small letters.
  return forms.map(([f]) => f).filter((f) => f !== '' && f === f.toLowerCase());
}

export class CandidateTable {
  private readonly at = new Map<string, number>();

  constructor(
    readonly header: TableHeader,
    forms: string[],
    /** where each form's candidates start in ids/channel (one more entry than forms) */
    private readonly starts: Uint32Array,
    private readonly ids: Int32Array,
    private readonly channel: Float64Array,
  ) {
    forms.forEach((f, k) => this.at.set(f, k));
  }

  get size(): number {
    return this.at.size;
  }

  /** The forms the table holds. */
  forms(): string[] {
    return [...this.at.keys()];
  }

  /** Whether the table answers for these search settings. */
  serves(limit: number, maxEdits: number, unigramWeight: number): boolean {
    return this.header.limit === limit && this.header.maxEdits === maxEdits && this.header.unigramWeight === unigramWeight;
  }

  /** The form's candidates, best first, or undefined when the table does not hold the form. */
  get(form: string, vocab: string[]): Candidate[] | undefined {
    const k = this.at.get(form);
    if (k === undefined) return undefined;
    const out: Candidate[] = [];
    for (let i = this.starts[k]!; i < this.starts[k + 1]!; i++) out.push({ form: vocab[this.ids[i]!]!, id: this.ids[i]!, channel: this.channel[i]! });
    return out;
  }
}

/** Binary layout (uncompressed, like the LM: it loads in a few milliseconds): "VNCT" | header JSON | forms
 *  (\n-joined) | starts | ids | channel, each a section (util/sections.ts). */
export function serializeTable(header: TableHeader, entries: [string, Candidate[]][]): Buffer {
  const starts = new Uint32Array(entries.length + 1);
  entries.forEach(([, c], k) => (starts[k + 1] = starts[k]! + c.length));
  const ids = new Int32Array(starts[entries.length]!);
  const channel = new Float64Array(ids.length);
  let i = 0;
  for (const [, cands] of entries)
    for (const c of cands) {
      ids[i] = c.id;
      channel[i++] = c.channel;
    }
  return writeSections('VNCT', [Buffer.from(JSON.stringify(header)), Buffer.from(entries.map(([f]) => f).join('\n')), starts, ids, channel]);
}

export function parseTable(buf: Buffer): CandidateTable {
  const file = new SectionReader(buf, 'VNCT', 'vnplan candidate table');
  const header = JSON.parse(file.text()) as TableHeader;
  if (header.format !== TABLE_FORMAT) throw new Error(`candidate table format ${header.format}, expected ${TABLE_FORMAT}`);
  const forms = file.text().split('\n');
  return new CandidateTable(header, forms, file.array(Uint32Array), file.array(Int32Array), file.array(Float64Array));
}

/**
 * The table in `path`, read when first asked for (a run that meets no text of the channel's kind never reads it),
 * when it belongs to these models; none when it is missing or was made for others (a rebuilt LM or channel, before
 * `npm run build:candidates`): the candidates are then worked out as they are met.
 */
export function tableLoader(path: string, lm: LanguageModel, channel: ChannelFile): () => CandidateTable | null {
  let table: CandidateTable | null | undefined;
  return () => {
    if (table === undefined) {
      const read = existsSync(path) ? parseTable(readFileSync(path)) : null;
      table = read?.header.models === modelsFingerprint(lm, channel) ? read : null;
    }
    return table;
  };
}
