import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandidateIndex } from '../src/repair/candidates.js';
import { likelyForms, parseTable, serializeTable, tableLoader, type TableHeader } from '../src/repair/candidateTable.js';
import { DEFAULT_PARAMS } from '../src/repair/decoder.js';
import type { LanguageModel } from '../src/repair/lm.js';
import { SKELETONS_FILE, TABLE_FILE, loadRepairModels } from '../src/repair/models.js';
import { DeletionTable, SkeletonIndex, buildSkeletons, readSkeletons, serializeSkeletons } from '../src/repair/skeletons.js';


describe('candidate tables', () => {
  const m = loadRepairModels();
  const { beam, unigramRank, maxEdits } = DEFAULT_PARAMS;

  it('ship for the shipped models, and hold what the index would work out', () => {
    for (const [table, channel, edits] of [
      [m.table(), m.channel, maxEdits.legacy],
      [m.vieTable(), m.vieChannel, maxEdits.vietnamese],
    ] as const) {
      // A table made for other models (an LM or channel rebuilt since) is not used: run `npm run build:candidates`.
      expect(table, 'a candidate table made for the shipped models').not.toBeNull();
      expect(table!.serves(beam, edits, unigramRank)).toBe(true);
      const own = new CandidateIndex(m.lm, channel, m.skeletons);
      const forms = table!.forms();
      expect(forms.length).toBeGreaterThan(20_000);
      for (let k = 0; k < forms.length; k += 499) expect(table!.get(forms[k]!, m.lm.vocab), `${forms[k]}: a stale table (npm run build:candidates)`).toEqual(own.candidates(forms[k]!, beam, edits, unigramRank));
    }
  });

  it('hold the forms an English-model OCR makes of common words', () => {
    // "số" as the old OCR writes it ("s6"), "của" without its marks, "được" as "duoc".
    for (const f of ['so', 'cua', 'duoc', 'hoach']) expect(m.table()!.get(f, m.lm.vocab), f).toBeDefined();
    expect(likelyForms('của', m.channel, 0.01)).toContain('cua');
    // Every form is in small letters: tokens are looked up so.
    expect(likelyForms('được', m.channel, 0.01).every((f) => f === f.toLowerCase())).toBe(true);
  });

  it('are not used for other models or other settings', () => {
    const header: TableHeader = { format: 'vnplan-candidates/1', models: 'other', limit: beam, maxEdits: 2, unigramWeight: 1, words: 1, minP: 0.01 };
    const table = parseTable(serializeTable(header, [['ke', [{ form: 'kế', id: m.lm.id('kế'), channel: -0.5 }]]]));
    expect(table.get('ke', m.lm.vocab)).toEqual([{ form: 'kế', id: m.lm.id('kế'), channel: -0.5 }]);
    expect(table.get('kf', m.lm.vocab)).toBeUndefined();
    expect(table.serves(beam, 0, 1)).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-table-'));
    writeFileSync(join(dir, 'other.bin'), serializeTable(header, []));
    expect(tableLoader(join(dir, 'other.bin'), m.lm, m.channel.file)()).toBeNull();
    expect(tableLoader(join(dir, 'missing.bin'), m.lm, m.channel.file)()).toBeNull();
    expect(tableLoader(TABLE_FILE, m.lm, m.vieChannel.file)()).toBeNull();
  });
});

describe('the skeleton index', () => {
  const m = loadRepairModels();

  it('ships for the shipped model, and holds what building it gives', () => {
    // A stale file (a change to how skeletons are indexed, or a rebuilt LM): run `npm run build:candidates`.
    const stored = readSkeletons(SKELETONS_FILE, m.lm);
    expect(stored, 'models/skeletons.bin made for the shipped model').not.toBeNull();
    const built = buildSkeletons(m.lm);
    const { deletionSlots, ...rest } = stored!;
    expect(rest).toEqual(built);
    expect(deletionSlots).toEqual(DeletionTable.slotsOf(built.deletionKeys));
    // And the models load it: the index finds what a built one finds.
    const fresh = new SkeletonIndex(m.lm, built);
    for (const d of ['ng', 'nguoi', 'hoch', 'cua', 'zzz', '']) expect(m.skeletons.byDeletion.get(d), d).toBe(fresh.byDeletion.get(d));
  });

  it('is not read for another model, or from a missing file', () => {
    const other = { ...m.lm, header: { ...m.lm.header, tokens: m.lm.header.tokens + 1 } } as LanguageModel;
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-skeletons-'));
    writeFileSync(join(dir, 'other.bin'), serializeSkeletons(other, buildSkeletons(m.lm)));
    expect(readSkeletons(join(dir, 'other.bin'), m.lm)).toBeNull();
    expect(readSkeletons(join(dir, 'other.bin'), other)).not.toBeNull();
    expect(readSkeletons(join(dir, 'missing.bin'), m.lm)).toBeNull();
  });
});
