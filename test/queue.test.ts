// The work queue on a real Redis (started here on a free port): three workers over twenty documents, one killed
// with SIGKILL in a job's middle; adding the same inputs again; Redis restarted under a running worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planIssues } from '../src/validate/validate.js';
import { ROOT, vnplan } from './helpers.js';
import { HAS_REDIS, startRedis, untilCounts, type TestRedis } from './redis.js';

const SEEDS = readdirSync(resolve(ROOT, 'fixtures', 'seeds')).filter((f) => f.endsWith('.txt'));

/** `n` distinct documents (the seeds, each copy with a note line of its own, so no two have the same SHA-256). */
function documents(dir: string, n: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const seed = SEEDS[k % SEEDS.length]!;
    const f = join(dir, `doc-${String(k).padStart(2, '0')}.txt`);
    copyFileSync(resolve(ROOT, 'fixtures', 'seeds', seed), f);
    appendFileSync(f, `\nBản sao số ${k + 1}.\n`);
    out.push(f);
  }
  return out;
}

interface RunningWorker {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startWorker(redis: TestRedis, onLine?: (line: string, w: RunningWorker) => void): RunningWorker {
  const child = spawn(process.execPath, [resolve(ROOT, 'bin', 'vnplan.js'), 'worker', '--redis', redis.url, '--jobs', '1', '--lock-duration', '10000', '--stalled-interval', '1000'], { cwd: ROOT });
  let err = '';
  const w: RunningWorker = { child, stderr: () => err, exited: new Promise((done) => child.on('exit', (code) => done(code))) };
  child.stderr!.on('data', (b: Buffer) => {
    const text = b.toString();
    err += text;
    for (const line of text.split('\n')) if (line) onLine?.(line, w);
    lineSeen?.();
  });
  return w;
}

/** Resolves with the promise `get` gives once it gives one: checked on each line the workers write, not on a timer. */
let lineSeen: (() => void) | null = null;
function until<T>(get: () => Promise<T> | null, what: string, limitMs = 120_000): Promise<Promise<T>> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), limitMs);
    lineSeen = () => {
      const p = get();
      if (p) {
        clearTimeout(timer);
        lineSeen = null;
        done(p);
      }
    };
    lineSeen();
  });
}

const redises: TestRedis[] = [];
afterAll(async () => {
  for (const r of redises) await r.stop();
});

describe.skipIf(!HAS_REDIS && !process.env.VNPLAN_CI)('work queue (BullMQ on a real redis-server)', () => {
  it('three workers convert twenty documents though one is killed mid-job; each plan is written once; adding again adds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-queue-'));
    const redis = await startRedis(dir);
    redises.push(redis);
    const inputs = documents(dir, 20);
    const out = join(dir, 'plans');
    const add = await vnplan(['queue', 'add', ...inputs, '--redis', redis.url, '--out-dir', out]);
    expect(add.code).toBe(0);
    expect(add.stderr).toContain('20 added, 0 already queued or done');

    let killed: string | null = null;
    const workers: RunningWorker[] = [];
    // The first worker is killed (SIGKILL: no handler runs) as soon as it has started a job.
    workers.push(
      startWorker(redis, (line, w) => {
        const m = line.match(/started (.+)$/);
        if (m && !killed) {
          killed = m[1]!;
          w.child.kill('SIGKILL');
        }
      }),
    );
    workers.push(startWorker(redis), startWorker(redis));
    await untilCounts(redis, (c) => c.completed === 20, 'twenty jobs done');
    expect(killed).not.toBeNull();
    expect(await workers[0]!.exited).toBeNull(); // killed by a signal

    // A clean stop: SIGTERM finishes the jobs in hand (none now) and exits 0.
    for (const w of workers.slice(1)) w.child.kill('SIGTERM');
    for (const w of workers.slice(1)) expect(await w.exited).toBe(0);

    const plans = readdirSync(out).sort();
    expect(plans).toEqual(inputs.map((f) => f.split('/').pop()!.replace(/\.txt$/, '.plan.json')).sort());
    for (const p of plans) expect(planIssues(JSON.parse(readFileSync(join(out, p), 'utf8')))).toEqual([]);
    // Written once each: one "converted" line per plan across the workers (a job taken again finds its plan).
    const logs = workers.map((w) => w.stderr()).join('\n');
    for (const p of plans) expect(logs.split('\n').filter((l) => /: converted /.test(l) && l.includes(`/${p} (`)).length).toBe(1);
    // The job the killed worker had was handed back and done by another.
    expect(logs.split('\n').filter((l) => l.includes(`started ${killed}`)).length).toBeGreaterThanOrEqual(2);

    const again = await vnplan(['queue', 'add', ...inputs, '--redis', redis.url, '--out-dir', out]);
    expect(again.stderr).toContain('0 added, 20 already queued or done');
    const status = await vnplan(['queue', 'status', '--redis', redis.url, '--json']);
    const s = JSON.parse(status.stdout) as { done: number; failed: number; waiting: number; pagesPerMinute: number | null };
    expect(s).toMatchObject({ done: 20, failed: 0, waiting: 0 });
    expect(s.pagesPerMinute).toBeGreaterThan(0);
  }, 300_000);

  it('a Redis restart under a running worker: it reconnects and the batch completes; failed jobs are retried on demand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-queue-'));
    const redis = await startRedis(dir);
    redises.push(redis);
    const inputs = documents(dir, 4);
    const bad = join(dir, 'empty.txt');
    appendFileSync(bad, '');
    const out = join(dir, 'plans');
    expect((await vnplan(['queue', 'add', ...inputs, bad, '--redis', redis.url, '--out-dir', out])).code).toBe(0);
    let stopped: Promise<void> | null = null;
    let restarted: Promise<void> | null = null;
    const worker = startWorker(redis, (line) => {
      // Redis goes away as soon as the first plan is written, while the rest wait, and comes back once the worker
      // has noticed.
      if (line.includes('converted ') && !stopped) stopped = redis.stop();
      if (line.includes('Redis unreachable') && stopped && !restarted) restarted = stopped.then(() => redis.start());
    });
    await until(() => restarted, 'the worker to notice that Redis went away');
    await restarted;
    await untilCounts(redis, (c) => c.completed === 4 && c.failed === 1, 'the batch to finish after the restart');
    expect(worker.stderr()).toContain('Redis is back');
    expect(readdirSync(out)).toHaveLength(4);

    const status = await vnplan(['queue', 'status', '--redis', redis.url]);
    expect(status.stdout).toMatch(/failed: .*empty\.txt: the file is empty/);
    // The cause fixed, the failed job goes back and is done.
    appendFileSync(bad, readFileSync(inputs[0]!));
    // (a job is keyed by the content it was added with: a changed file is refused until added again)
    expect((await vnplan(['queue', 'retry-failed', '--redis', redis.url])).stderr).toContain('1 failed jobs back to waiting');
    await untilCounts(redis, (c) => c.failed === 1 && c.waiting === 0 && c.active === 0, 'the retried job to fail again');
    expect((await vnplan(['queue', 'status', '--redis', redis.url])).stdout).toContain('the file changed after it was queued');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 300_000);

  it('says in one line when Redis cannot be reached (exit 1), and a bad URL is a usage error (exit 2)', async () => {
    const r = await vnplan(['queue', 'status', '--redis', 'redis://127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^vnplan: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await vnplan(['queue', 'status', '--redis', 'http://x'])).code).toBe(2);
  });
});
