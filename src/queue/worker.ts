// `vnplan worker`: takes jobs from the queue and converts them with the same step as `convert` (convertOne), writing
// each plan atomically where `convert` would. Many workers on many machines share one queue; a worker killed in a
// job's middle leaves it to BullMQ's stalled-job check, which hands it to another. A plan already newer than its
// input is not written again, so a job taken twice writes its plan once.
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { convertOne } from '../cli/convertCommand.js';
import type { Progress } from '../cli/progress.js';
import { OcrPool } from '../ocr/pool.js';
import { redisOptions } from './connection.js';
import { jobDataSchema, QUEUE_NAME, type JobData, type JobResult } from './jobs.js';

export interface WorkerOptions {
  redis: string;
  /** jobs converted at once, and OCR workers shared by them */
  jobs: number;
  /** seconds one document may take */
  timeout?: number;
  /** stop once nothing is waiting or active */
  untilEmpty?: boolean;
  /** how long a job's lock lasts (ms): a worker that stops renewing it (killed) loses its job after this */
  lockDuration?: number;
  /** how often (ms) jobs whose lock expired are looked for and handed back */
  stalledInterval?: number;
  quiet?: boolean;
}

/** A job's progress in the queue: pages done of pages known. */
function jobProgress(job: Job<JobData>): Progress {
  let total = 0;
  let done = 0;
  const report = () => void job.updateProgress({ pages: done, of: total }).catch(() => undefined);
  return {
    addPages(n) {
      total += n;
      report();
    },
    pageDone(n = 1) {
      done += n;
      if (n) report();
    },
    log() {},
    stop() {},
  };
}

export async function runWorker(opts: WorkerOptions): Promise<number> {
  const say = (line: string) => {
    if (!opts.quiet) process.stderr.write(`vnplan worker: ${line}\n`);
  };
  // One OCR pool per language set and engine the jobs ask for, made when first needed.
  const pools = new Map<string, OcrPool>();
  const poolFor = (d: JobData) => {
    const k = `${d.engine}:${d.lang.join('+')}`;
    let p = pools.get(k);
    if (!p) pools.set(k, (p = new OcrPool({ jobs: opts.jobs, languages: d.lang, engine: d.engine })));
    return p;
  };

  const process_ = async (job: Job<JobData>): Promise<JobResult> => {
    const parsed = jobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`not a vnplan job: ${parsed.error.issues[0]?.message ?? 'bad data'}`);
    const d = parsed.data;
    say(`started ${d.input}`);
    const entry = await convertOne(
      { path: d.input, root: d.root },
      { outDir: d.outDir, format: d.format, stdout: false, ocr: d.ocr, force: false, repair: d.repair, timeout: opts.timeout, expectSha256: d.sha256 },
      poolFor(d),
      jobProgress(job),
    );
    if (entry.status === 'failed') throw new UnrecoverableError(entry.error ?? 'failed');
    say(`${entry.status === 'skipped' ? 'up to date' : 'converted '} ${d.input} → ${entry.output}${entry.pages !== null ? ` (${entry.pages} p., ${entry.seconds} s)` : ''}`);
    return { status: entry.status, output: entry.output, pages: entry.pages, seconds: entry.seconds, warnings: entry.warnings };
  };

  const worker = new Worker<JobData, JobResult>(QUEUE_NAME, process_, {
    connection: redisOptions(opts.redis),
    concurrency: opts.jobs,
    // Conversion holds the event loop for seconds at a time (repair): a lock must outlast that, or a busy worker's
    // job would be taken for stalled.
    lockDuration: opts.lockDuration ?? 120_000,
    stalledInterval: opts.stalledInterval ?? 30_000,
    // A job whose worker died is handed back twice before it counts as failed.
    maxStalledCount: 2,
  });
  worker.on('failed', (job, err) => {
    if (job) process.stderr.write(`vnplan worker: ${job.data.input}: ${err.message}\n`);
  });
  // Redis away (restarting): say so once, and once when it is back; ioredis reconnects by itself.
  let away = false;
  worker.on('error', (err) => {
    if (!away) say(`Redis unreachable (${err.message}); retrying`);
    away = true;
  });
  const back = () => {
    if (away) say('Redis is back');
    away = false;
  };
  worker.on('active', back);
  worker.on('completed', back);

  let stopping: Promise<void> | null = null;
  // Finishes the jobs in hand (BullMQ's close waits for them), then closes the OCR engines.
  const stop = () => {
    stopping ??= (async () => {
      await worker.close();
      await Promise.all([...pools.values()].map((p) => p.close()));
    })();
    return stopping;
  };
  const onSignal = () => {
    if (stopping) {
      // A second signal: stop now; the jobs in hand go back to the queue when their locks expire.
      say('stopping now');
      process.exit(143);
    }
    say('finishing the jobs in hand, then stopping (signal again to stop now)');
    void stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  if (opts.untilEmpty) {
    // Nothing left to take: finish the jobs in hand and stop (a batch script's worker).
    const queue = new Queue(QUEUE_NAME, { connection: redisOptions(opts.redis) });
    worker.on('drained', () => {
      void queue.getJobCounts('waiting', 'prioritized', 'delayed').then((c) => {
        if (!c.waiting && !c.prioritized && !c.delayed) void stop();
      });
    });
    worker.on('closed', () => void queue.close());
  }
  await worker.waitUntilReady().catch(() => undefined);
  say(`waiting for jobs on ${opts.redis} (${opts.jobs} at once)`);
  await new Promise<void>((done) => worker.on('closed', () => done()));
  await stopping;
  return 0;
}
