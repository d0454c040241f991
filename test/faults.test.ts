// Faults injected into `vnplan convert`: a kill -9 mid-batch (and the temp file such a kill leaves), a full disk
// (a real tmpfs of a few dozen kilobytes), and a document that takes too long. Nothing is lost or half-written.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { checkPdfStreams } from '../src/ingest/pdfBomb.js';
import { imagePdf, pdfFile, renderPage } from '../src/scripts/render.js';
import { planIssues } from '../src/validate/validate.js';
import { ROOT, vnplan } from './helpers.js';

const SEED_DIR = resolve(ROOT, 'fixtures', 'seeds');
const seed = (prefix: string) => readdirSync(SEED_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!;

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'vnplan-faults-'));
}

const validPlans = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.plan.json'))
    .every((f) => planIssues(JSON.parse(readFileSync(join(dir, f), 'utf8'))).length === 0);

/** Whether this machine lets us mount a small tmpfs (root in a container that allows it): a disk that fills up. */
const CAN_MOUNT = (() => {
  const d = mkdtempSync(join(tmpdir(), 'vnplan-mount-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', d]).status === 0;
  if (ok) spawnSync('umount', [d]);
  return ok;
})();
const mounted: string[] = [];
afterAll(() => {
  for (const d of mounted) spawnSync('umount', [d]);
});

describe('faults', () => {
  it('kill -9 of convert mid-batch: the same command again resumes, leaving no partial plan and no temp file', async () => {
    const dir = workdir();
    for (const p of ['000', '001', '004']) copyFileSync(join(SEED_DIR, seed(p)), join(dir, seed(p)));
    const out = join(dir, 'out');
    const args = [resolve(ROOT, 'bin', 'vnplan.js'), 'convert', dir, '--jobs', '1', '--out-dir', out];
    const child = spawn(process.execPath, args, { cwd: ROOT });
    await new Promise<void>((done) => {
      child.stderr.on('data', (b: Buffer) => {
        if (b.toString().includes('converted ')) child.kill('SIGKILL');
      });
      child.on('close', () => done());
    });
    expect(child.signalCode).toBe('SIGKILL');
    // What a kill between writing and renaming leaves: a temp file of a process that is gone.
    const stale = join(out, `${seed('004').replace(/\.txt$/, '')}.plan.json.tmp-${hostname()}-${child.pid}-0bad`);
    writeFileSync(stale, '{"schemaVersion": "1.0", "trunc');
    const before = readdirSync(out).filter((f) => f.endsWith('.plan.json'));
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(before.length).toBeLessThan(3);

    const again = await vnplan(['convert', dir, '--out-dir', out]);
    expect(again.code).toBe(0);
    expect(again.stderr.match(/^up to date /gm)?.length).toBe(before.length);
    expect(readdirSync(out).sort()).toEqual(['000', '001', '004'].map((p) => seed(p).replace(/\.txt$/, '.plan.json')).sort());
    expect(validPlans(out)).toBe(true);
  }, 120_000);

  it.skipIf(!CAN_MOUNT)('a full disk: one clear line per plan not written, exit 1, no partial file; the batch resumes when space returns', async () => {
    const dir = workdir();
    for (const p of ['000', '001', '004']) copyFileSync(join(SEED_DIR, seed(p)), join(dir, seed(p)));
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    // 60 kB: the first plan (38 kB) fits, the next two (48 and 33 kB) do not.
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=60k', 'tmpfs', disk]).status).toBe(0);
    mounted.push(disk);
    const full = await vnplan(['convert', dir, '--jobs', '1', '--out-dir', disk]);
    expect(full.code).toBe(1);
    const failures = full.stderr.split('\n').filter((l) => l.includes('no space left on the device'));
    expect(failures).toHaveLength(2);
    for (const l of failures) expect(l).toMatch(/^vnplan: .*\.txt: cannot write .*\.plan\.json: no space left on the device \(ENOSPC\)$/);
    expect(readdirSync(disk)).toEqual([seed('000').replace(/\.txt$/, '.plan.json')]);
    expect(validPlans(disk)).toBe(true);

    expect(spawnSync('mount', ['-o', 'remount,size=1m', disk]).status).toBe(0);
    const resumed = await vnplan(['convert', dir, '--jobs', '1', '--out-dir', disk]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/^up to date .*000_/m);
    expect(readdirSync(disk)).toHaveLength(3);
    expect(validPlans(disk)).toBe(true);
  }, 120_000);

  it('a document over its time limit fails with its reason and writes nothing; the batch goes on', async () => {
    const dir = workdir();
    // Forty scanned pages: at any OCR speed far more than the five seconds allowed.
    const page = renderPage(['# KẾ HOẠCH', 'Tuyên truyền, phổ biến pháp luật năm 2026', ...Array.from({ length: 30 }, (_, i) => `${i + 1}. Các cơ quan, đơn vị thực hiện nhiệm vụ được giao.`)]);
    writeFileSync(join(dir, 'slow.pdf'), imagePdf(Array.from({ length: 40 }, () => ({ jpeg: page.jpeg, width: page.width, height: page.height }))));
    copyFileSync(join(SEED_DIR, seed('004')), join(dir, 'quick.txt'));
    const r = await vnplan(['convert', dir, '--timeout', '5', '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^vnplan: .*slow\.pdf: took longer than 5 s \(--timeout\): given up$/m);
    expect(r.stderr).toMatch(/^converted .*quick\.txt/m);
    expect(readdirSync(dir).sort()).toEqual(['quick.plan.json', 'quick.txt', 'slow.pdf']);
  }, 120_000);

  it('a decompression bomb is refused before pdf.js inflates it; ordinary Flate streams pass', () => {
    const flate = (n: number) => deflateSync(Buffer.alloc(n, 0x20));
    const stream = (data: Buffer) => Buffer.concat([Buffer.from(`<< /Filter /FlateDecode /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
    const file = (content: Buffer) =>
      pdfFile(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>', stream(content)]);
    const MB = 2 ** 20;
    // with a ceiling of 4 MB: 3 MB of spaces passes, 8 MB (in 8 kB of Flate data) is refused
    expect(() => checkPdfStreams('ok.pdf', file(flate(3 * MB)), 4 * MB)).not.toThrow();
    expect(() => checkPdfStreams('bomb.pdf', file(flate(8 * MB)), 4 * MB)).toThrow(/bomb\.pdf: a stream in the PDF inflates to more than 4 MB \(a decompression bomb\?\): refused/);
  });
});
