// A seed-fixed sample of the fuzz generator (src/scripts/fuzz.ts; the full run is `npm run fuzz`): mutated PDFs,
// images and texts through one convert batch; each converts (to a valid plan) or fails with one line naming it.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vnplan } from './helpers.js';
import { pngDamage } from '../src/ingest/pngCheck.js';
import { bases, mutants, runFuzz } from '../src/scripts/fuzz.js';

describe('fuzzing', () => {
  it('makes the same inputs from the same seed, of every kind and mutation', () => {
    const a = mutants(40, 3);
    const b = mutants(40, 3);
    expect(a.map((m) => m.bytes.toString('base64'))).toEqual(b.map((m) => m.bytes.toString('base64')));
    expect(new Set(a.map((m) => m.name.replace(/^\d+-/, '').split('.').pop()))).toEqual(new Set(['txt', 'pdf', 'png', 'jpg', 'tif']));
    expect(a.some((m) => m.how.includes('zip named .txt'))).toBe(true);
  });

  it('refuses a damaged PNG before the native decoder sees it (checksums, a cut, a zeroed stretch)', () => {
    const png = bases().find((b) => b.name.endsWith('.png'))!.bytes;
    expect(pngDamage(png)).toBeNull();
    const flipped = Buffer.from(png);
    flipped[60]! ^= 4;
    expect(pngDamage(flipped)).toMatch(/damaged \(checksum\)/);
    expect(pngDamage(png.subarray(0, png.length - 20))).toMatch(/cut short|runs past/);
    expect(pngDamage(Buffer.from('not a png'))).toBe('no PNG signature');
  });

  it('the two mutants that crashed the native decoder (SIGSEGV) now fail with a reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-fuzz-'));
    const all = mutants(320, 1);
    for (const k of [47, 118]) writeFileSync(join(dir, all[k]!.name), all[k]!.bytes);
    const r = await vnplan(['convert', dir, '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    for (const l of r.stderr.trim().split('\n')) expect(l).toMatch(/^vnplan: .*\.(png|jpg): not a readable (PNG )?image \(/);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('a sample of 33 mutants: no crash, no hang, a reason for each failure, no output for it', async () => {
    const s = await runFuzz(33, 11, { jobs: 2, timeout: 120 });
    expect(s.problems).toEqual([]);
    expect(s.crashes).toBe(0);
    expect(s.hangs).toBe(0);
    expect(s.converted + s.failedWithReason).toBe(33);
    expect(s.converted).toBeGreaterThan(0);
    expect(s.failedWithReason).toBeGreaterThan(0);
  }, 300_000);
});
