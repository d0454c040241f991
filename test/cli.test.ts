import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, vnplan } from './helpers.js';

const BAD = resolve(ROOT, 'fixtures', 'bad');
const SEED = resolve(ROOT, 'fixtures', 'seeds', '004_ca9fef1becfcb9a6.txt');

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'vnplan-test-'));
}

/** Every file left in a folder, recursively (to prove no output or temp file was left behind). */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

describe('bad input: one clear line, the batch goes on, nothing left behind, the exit code tells', () => {
  const cases: [string, RegExp][] = [
    ['empty.txt', /the file is empty/],
    ['not-a-pdf.pdf', /named as PDF but the content is text/],
    ['truncated.pdf', /not a readable PDF \(damaged or truncated\)/],
    ['encrypted.pdf', /encrypted/],
    ['zero-pages.pdf', /has no pages/],
    ['huge.png', /image too large to OCR/],
    ['archive.zip', /unsupported format/],
  ];
  let out: string;
  let result: ReturnType<typeof vnplan>;
  beforeAll(async () => {
    out = workdir();
    const inputs = workdir();
    for (const [name] of cases) copyFileSync(join(BAD, name), join(inputs, name));
    copyFileSync(SEED, join(inputs, 'good.txt'));
    result = await vnplan(['convert', ...cases.map(([n]) => join(inputs, n)), join(inputs, 'good.txt'), '--out-dir', out, '--report', join(out, 'report.json')]);
  }, 120_000);

  it.each(cases)('%s', (name, reason) => {
    const lines = result.stderr.split('\n').filter((l) => l.includes(name));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(reason);
  });

  it('converts the good input of the same batch and exits 1', async () => {
    expect(result.code).toBe(1);
    expect(files(out)).toEqual(['good.plan.json', 'report.json']);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report).toHaveLength(cases.length + 1);
    expect(report.filter((e: { status: string }) => e.status === 'failed')).toHaveLength(cases.length);
    expect(report.find((e: { input: string }) => e.input.endsWith('good.txt'))).toMatchObject({ status: 'converted', pages: 1, error: null });
  });

  it('names an unreadable path, a missing path and a directory with no inputs', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'empty-dir'));
    writeFileSync(join(dir, 'secret.txt'), 'Kế hoạch');
    chmodSync(join(dir, 'secret.txt'), 0o000);
    const r = await vnplan(['convert', join(dir, 'missing.pdf'), join(dir, 'empty-dir'), join(dir, 'secret.txt'), '--out-dir', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.pdf: no such file or directory/);
    expect(r.stderr).toMatch(/empty-dir: no inputs in this directory/);
    // root reads any file: the permission case can only be seen as an ordinary user
    if (process.getuid?.() !== 0) expect(r.stderr).toMatch(/secret\.txt: permission denied/);
  });
});

describe('convert', () => {
  it('writes NAME.plan.json next to the input, skips it when up to date, redoes it with --force', async () => {
    const dir = workdir();
    copyFileSync(SEED, join(dir, 'letter.txt'));
    const first = await vnplan(['convert', join(dir, 'letter.txt')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    const out = join(dir, 'letter.plan.json');
    const plan = JSON.parse(readFileSync(out, 'utf8'));
    expect(plan.schemaVersion).toBe('1.0');
    const mtime = statSync(out).mtimeMs;
    const again = await vnplan(['convert', join(dir, 'letter.txt')]);
    expect(again.stderr).toMatch(/up to date/);
    expect(statSync(out).mtimeMs).toBe(mtime);
    utimesSync(out, new Date(0), new Date(0));
    expect((await vnplan(['convert', join(dir, 'letter.txt')])).stderr).toMatch(/converted/);
    expect((await vnplan(['convert', '--force', join(dir, 'letter.txt')])).stderr).toMatch(/converted/);
  });

  it('refuses an input whose plan file would be another input\'s, and converts the first', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'x'));
    mkdirSync(join(dir, 'y'));
    copyFileSync(SEED, join(dir, 'x', 'plan.txt'));
    copyFileSync(SEED, join(dir, 'y', 'plan.txt'));
    const r = await vnplan(['convert', join(dir, 'x', 'plan.txt'), join(dir, 'y', 'plan.txt'), '--out-dir', join(dir, 'out'), '--report', join(dir, 'report.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/y\/plan\.txt: its plan file would be .*out\/plan\.plan\.json, as for .*x\/plan\.txt/);
    expect(files(join(dir, 'out'))).toEqual(['plan.plan.json']);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.map((e: { input: string; status: string }) => [e.input.replace(dir, ''), e.status])).toEqual([
      ['/x/plan.txt', 'converted'],
      ['/y/plan.txt', 'failed'],
    ]);
  });

  it('walks directories, keeps their tree under --out-dir, and writes YAML on request', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
    copyFileSync(SEED, join(dir, 'in', 'a.txt'));
    copyFileSync(SEED, join(dir, 'in', 'sub', 'b.txt'));
    const r = await vnplan(['convert', join(dir, 'in'), '--out-dir', join(dir, 'out'), '--format', 'yaml', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(files(join(dir, 'out'))).toEqual(['a.plan.yaml', 'sub/b.plan.yaml']);
    expect(readFileSync(join(dir, 'out', 'a.plan.yaml'), 'utf8')).toMatch(/^schemaVersion: "1.0"/);
  });

  it('prints one plan with --stdout (or -o -), NDJSON for several, and reads standard input', async () => {
    const one = await vnplan(['convert', SEED, '--stdout', '-q']);
    expect(JSON.parse(one.stdout).document.type).toBe('Công văn');
    const two = await vnplan(['convert', SEED, resolve(ROOT, 'fixtures', 'seeds', '000_da4a77968281f121.txt'), '--stdout', '-q']);
    const lines = two.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => JSON.parse(l).source.file)).toEqual([SEED, resolve(ROOT, 'fixtures', 'seeds', '000_da4a77968281f121.txt')]);
    const piped = await vnplan(['convert', '-', '-q'], { input: readFileSync(SEED) });
    expect(JSON.parse(piped.stdout).source.file).toBe('-');
    // "-o -" is standard output too, no folder named "-".
    const dash = await vnplan(['convert', SEED, '-o', '-', '-q']);
    expect(JSON.parse(dash.stdout).document.type).toBe('Công văn');
  });

  it('exits 2 on a usage error', async () => {
    expect((await vnplan(['convert'])).code).toBe(2);
    expect((await vnplan(['convert', SEED, '--format', 'xml'])).code).toBe(2);
    expect((await vnplan(['frobnicate'])).code).toBe(2);
    const engine = await vnplan(['convert', SEED, '--engine', 'abbyy']);
    expect(engine.code).toBe(2);
    expect(engine.stderr).toMatch(/--engine.*one of tesseract\.js, tesseract/);
    expect((await vnplan(['--help'])).code).toBe(0);
  });
});

describe('repair, parse, validate, schema commands', () => {
  it('repair keeps line N on line N', async () => {
    const input = 'Ke hoach so 5/KH-UBND\n\nCac co quan thuc hien.\n';
    const r = await vnplan(['repair'], { input });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(input.split('\n').length);
    expect(r.stdout).toMatch(/^Kế hoạch số 5\/KH-UBND\n\nCác cơ quan thực hiện\.\n$/);
  });

  it('parse makes a plan from clean text', async () => {
    const r = await vnplan(['parse', '-'], { input: 'KẾ HOẠCH\nThực hành tiết kiệm năm 2025\n\nI. MỤC ĐÍCH\n' });
    expect(JSON.parse(r.stdout).sections[0].heading).toBe('MỤC ĐÍCH');
  });

  it('validate accepts every fixture plan and names the failing path of a bad one', async () => {
    const plans = ['seeds', 'scans'].flatMap((d) =>
      readdirSync(resolve(ROOT, 'fixtures', d))
        .filter((f) => f.endsWith('.plan.json'))
        .map((f) => resolve(ROOT, 'fixtures', d, f)),
    );
    expect(plans.length).toBeGreaterThanOrEqual(6);
    expect((await vnplan(['validate', ...plans])).code).toBe(0);
    const dir = workdir();
    const bad = JSON.parse(readFileSync(plans[0]!, 'utf8'));
    bad.document.date = 'yesterday';
    delete bad.tasks;
    writeFileSync(join(dir, 'bad.plan.json'), JSON.stringify(bad));
    const r = await vnplan(['validate', join(dir, 'bad.plan.json'), plans[0]!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.plan\.json: document\.date: ISO date/);
    expect(r.stderr).toMatch(/bad\.plan\.json: tasks: /);
  });

  it('schema prints the published JSON Schema', async () => {
    const r = await vnplan(['schema']);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(resolve(ROOT, 'schemas', 'plan.schema.json'), 'utf8')));
  });

  it('stops quietly when the reader of its output goes away (vnplan … | head)', async () => {
    // head -c 0 exits at once: every write of vnplan's meets a closed pipe.
    const r = await new Promise<{ code: number | null; stderr: string }>((done) => {
      const p = spawn('bash', ['-c', `node ${resolve(ROOT, 'bin', 'vnplan.js')} schema | head -c 0; exit \${PIPESTATUS[0]}`]);
      let stderr = '';
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('close', (code) => done({ code, stderr }));
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('interrupted runs', () => {
  it('a batch stopped by SIGTERM leaves only complete plans, and the next run resumes', async () => {
    const dir = workdir();
    const seeds = readdirSync(resolve(ROOT, 'fixtures', 'seeds')).filter((f) => f.endsWith('.txt')).slice(0, 3);
    for (const f of seeds) copyFileSync(resolve(ROOT, 'fixtures', 'seeds', f), join(dir, f));
    const child = spawn(process.execPath, [resolve(ROOT, 'bin', 'vnplan.js'), 'convert', dir, '--jobs', '1', '--out-dir', join(dir, 'out')], { cwd: ROOT });
    // Stop it as soon as the first plan is written (no sleeping: the progress line is the signal).
    await new Promise<void>((done) => {
      child.stderr.on('data', (b: Buffer) => {
        if (b.toString().includes('converted ')) child.kill('SIGTERM');
      });
      child.on('close', () => done());
    });
    const written = files(join(dir, 'out'));
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(written.length).toBeLessThan(seeds.length);
    for (const f of written) {
      expect(f).toMatch(/\.plan\.json$/);
      expect(JSON.parse(readFileSync(join(dir, 'out', f), 'utf8')).schemaVersion).toBe('1.0');
    }
    const again = await vnplan(['convert', dir, '--out-dir', join(dir, 'out')]);
    expect(again.code).toBe(0);
    expect(again.stderr.match(/^up to date /gm)?.length).toBe(written.length);
    expect(files(join(dir, 'out'))).toHaveLength(seeds.length);
  });

  it('leave no temp file: outputs appear only by rename', async () => {
    const dir = workdir();
    copyFileSync(SEED, join(dir, 'x.txt'));
    await vnplan(['convert', join(dir, 'x.txt'), '-q']);
    expect(files(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(join(dir, 'x.plan.json'))).toBe(true);
  });
});
