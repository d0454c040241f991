// A real Redis for the queue's tests: Debian's redis-server, started on a free local port with its data in a temp
// folder (append-only file on, so a restart keeps the queue), stopped by the test. `.ci/run` installs it when missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Queue, QueueEvents } from 'bullmq';
import { QUEUE_NAME } from '../src/queue/jobs.js';

export const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

export interface TestRedis {
  url: string;
  port: number;
  /** stop it (as a shutdown does: the append-only file is flushed) */
  stop(): Promise<void>;
  /** start it again on the same port and data */
  start(): Promise<void>;
  /** the jobs' counts, by state */
  counts(): Promise<Record<string, number>>;
}

export async function startRedis(dir: string): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((ready, fail) => {
      const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir]);
      child = c;
      let out = '';
      c.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('Ready to accept connections')) ready();
      });
      c.on('error', fail);
      c.on('exit', (code) => fail(new Error(`redis-server exited (${code}): ${out.slice(-500)}`)));
    });
  const stop = () =>
    new Promise<void>((done) => {
      const c = child;
      if (!c || c.exitCode !== null) return done();
      c.removeAllListeners('exit');
      c.on('exit', () => done());
      c.kill('SIGTERM');
    });
  await start();
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    port,
    stop,
    start,
    async counts() {
      const q = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port, maxRetriesPerRequest: null } });
      try {
        return await q.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
      } finally {
        await q.close();
      }
    },
  };
}

/**
 * Resolves once the queue's counts pass `check`: tested at once and again on every job event (no polling, no
 * sleeping), failing after `limitMs`.
 */
export async function untilCounts(redis: TestRedis, check: (c: Record<string, number>) => boolean, what: string, limitMs = 150_000): Promise<void> {
  const events = new QueueEvents(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null } });
  await events.waitUntilReady();
  try {
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), limitMs);
      const test = () =>
        void redis.counts().then((c) => {
          if (check(c)) {
            clearTimeout(timer);
            done();
          }
        }, fail);
      for (const e of ['completed', 'failed', 'waiting', 'active', 'stalled'] as const) events.on(e, test);
      test();
    });
  } finally {
    await events.close();
  }
}
