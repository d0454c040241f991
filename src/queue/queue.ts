// The queue's side of many machines: adding inputs as jobs, its state (waiting, active, done, failed with reasons,
// pages a minute), and failed jobs put back. Workers (worker.ts) take the jobs.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { expandInputs, type InputProblem } from '../cli/inputs.js';
import { checkRedis, redisOptions } from './connection.js';
import { jobId, jobResultSchema, QUEUE_NAME, type JobData } from './jobs.js';

export type QueueOptions = Omit<JobData, 'input' | 'root' | 'sha256'>;

export async function openQueue(redis: string): Promise<Queue<JobData>> {
  await checkRedis(redis);
  const queue = new Queue<JobData>(QUEUE_NAME, { connection: redisOptions(redis) });
  // A connection lost in the middle of a command fails that command; no stack traces on stderr meanwhile.
  queue.on('error', () => undefined);
  return queue;
}

function sha256File(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex')));
  });
}

export interface AddResult {
  added: number;
  /** inputs already queued or done with the same options */
  present: number;
  problems: InputProblem[];
}

/**
 * One job per input document (folders and globs expand as in `convert`). Paths are made absolute: a worker on
 * another machine sees the same storage at the same place.
 */
export async function addInputs(queue: Queue<JobData>, args: string[], opts: QueueOptions): Promise<AddResult> {
  const { files, problems } = await expandInputs(args);
  const jobs: { name: string; data: JobData; opts: { jobId: string } }[] = [];
  for (const f of files) {
    if (f.path === '-') {
      problems.push({ path: '-', reason: 'standard input cannot be queued: a worker must read the file itself' });
      continue;
    }
    try {
      const data: JobData = { ...opts, input: resolve(f.path), root: f.root ? resolve(f.root) : undefined, sha256: await sha256File(f.path) };
      jobs.push({ name: 'convert', data, opts: { jobId: jobId(data) } });
    } catch (err) {
      problems.push({ path: f.path, reason: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
    }
  }
  // BullMQ adds nothing for an id it holds (waiting, active, done or failed): count what was there before.
  const known = await Promise.all(jobs.map((j) => queue.getJobState(j.opts.jobId)));
  const fresh = jobs.filter((_, i) => known[i] === 'unknown');
  if (fresh.length) await queue.addBulk(fresh);
  return { added: fresh.length, present: jobs.length - fresh.length, problems };
}

export interface QueueStatus {
  waiting: number;
  active: number;
  done: number;
  failed: number;
  /** failed jobs: input and reason */
  failures: { input: string; reason: string }[];
  /** pages converted a minute over the jobs done in the last ten minutes (null when none) */
  pagesPerMinute: number | null;
}

export async function queueStatus(queue: Queue<JobData>): Promise<QueueStatus> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed');
  const failed = await queue.getFailed(0, 999);
  const done = await queue.getCompleted(0, 999);
  const since = Date.now() - 10 * 60_000;
  const recent = done.filter((j) => (j.finishedOn ?? 0) >= since && j.processedOn);
  let pagesPerMinute: number | null = null;
  if (recent.length) {
    const pages = recent.reduce((n, j) => n + (jobResultSchema.safeParse(j.returnvalue).data?.pages ?? 0), 0);
    const from = Math.min(...recent.map((j) => j.processedOn!));
    const to = Math.max(...recent.map((j) => j.finishedOn!));
    pagesPerMinute = Math.round((pages / Math.max(1, to - from)) * 60_000 * 10) / 10;
  }
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0),
    active: counts.active ?? 0,
    done: counts.completed ?? 0,
    failed: counts.failed ?? 0,
    failures: failed.map((j) => ({ input: (j.data as JobData).input, reason: j.failedReason })),
    pagesPerMinute,
  };
}

/** Failed jobs back to waiting (after the cause is fixed: space freed, a file replaced). */
export async function retryFailed(queue: Queue<JobData>): Promise<number> {
  const n = await queue.getFailedCount();
  if (n) await queue.retryJobs({ state: 'failed', count: 1000 });
  return n;
}
