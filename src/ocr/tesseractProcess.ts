// One tesseract process kept for the whole run, reading the page files named on its stdin (tesseract's
// `stream_filelist`) and writing each page's TSV rows as it finishes it: the trained data is loaded once, not once
// a page (a fifth of a page's CPU on an office scan). The rows come out identical to a process per page's.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * glibc's malloc for a tesseract process: a page's images (several of a page's size each) taken from and given
 * back to the heap, not mapped afresh for every page and unmapped after it (the default for blocks over 128 KB,
 * where each page's memory is faulted in and zeroed again: two thirds of the process's page faults, a twentieth of
 * its CPU). 32 MB is the largest threshold glibc takes. And the heap in huge pages where the kernel grants them
 * (transparent huge pages on madvise, glibc 2.35 and later): a page's first touch of memory faults once per 2 MB, not
 * once per 4 kB — on the 14 pages of an office scan 2.6 thousand faults instead of 33 thousand, half a CPU-second
 * less, the same peak RSS (~83 MB). Other C libraries, and older glibc, ignore what they do not know.
 */
const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456:glibc.malloc.hugetlb=1';

/** A tesseract process's environment: one thread (--jobs processes share the cores) and the malloc above. */
export function tesseractEnv(): NodeJS.ProcessEnv {
  const own = process.env.GLIBC_TUNABLES;
  return { ...process.env, OMP_THREAD_LIMIT: '1', GLIBC_TUNABLES: own ? `${MALLOC_TUNABLES}:${own}` : MALLOC_TUNABLES };
}

/** How the end of a page is known: tesseract flushes nothing itself, and a page has no closing row. So tesseract
 *  runs under `stdbuf -oL` (each row written as made), and after each page a blank page is named, whose first row
 *  (the next page number) says the page before is whole. */
interface Waiting {
  /** the page whose rows are kept (−1: none) */
  page: number;
  /** the page whose first row ends the wait */
  until: number;
  rows: string[];
  resolve: (rows: string[]) => void;
  reject: (err: Error) => void;
}

export class TesseractProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private waiting: Waiting | null = null;
  private nextPage = 1;
  private partial = '';
  private stderr = '';
  private ended: Error | null = null;
  private readonly exited: Promise<void>;

  /** `args` are tesseract's options after its input and output names; `blank` is the path of a blank page, and
   *  `pageFile` the path the process's pages are written to, one after the other. */
  constructor(
    bin: string,
    args: string[],
    private readonly blank: string,
    readonly pageFile: string,
  ) {
    this.child = spawn('stdbuf', ['-oL', bin, '-', '-', ...args, '-c', 'stream_filelist=1'], {
      env: tesseractEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.take(chunk));
    // Only the last message is reported; the rest (tesseract's notes on each page) is not kept.
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-2000)));
    // (A process that could not be started reports an error and may never close.)
    this.exited = new Promise((resolve) => {
      this.child.once('close', () => resolve());
      this.child.once('error', () => resolve());
    });
    this.child.on('error', (err) => this.end(err));
    this.child.on('close', (code, signal) => {
      const last = this.stderr.trim().split('\n').pop() ?? '';
      this.end(new Error(`tesseract failed (${signal ?? `exit ${code}`})${last ? `: ${last}` : ''}`));
    });
    // A process that died is reported by its exit, not as a write error.
    this.child.stdin.on('error', () => undefined);
  }

  /**
   * Resolves once the process answers a blank page: its trained data is loaded, and its rows come through as they
   * are written. (Where stdbuf cannot reach tesseract's output — a binary linked statically — they would not, and
   * this never resolves: the engine gives up waiting and reads each page with a process of its own.)
   */
  async start(): Promise<void> {
    await this.ask(`${this.blank}\n`, -1, this.nextPage++);
  }

  /** The TSV rows of the page in `file` (the page-number column counts the pages this process has read). */
  read(file: string): Promise<string[]> {
    const page = this.nextPage;
    this.nextPage += 2;
    return this.ask(`${file}\n${this.blank}\n`, page, page + 1);
  }

  private ask(names: string, page: number, until: number): Promise<string[]> {
    if (this.ended) return Promise.reject(this.ended);
    if (this.waiting) return Promise.reject(new Error('tesseract process: one page at a time'));
    return new Promise((resolve, reject) => {
      this.waiting = { page, until, rows: [], resolve, reject };
      this.child.stdin.write(names);
    });
  }

  /** Ends the process: an idle one finishes on the end of its input and is waited for (so its CPU is counted
   *  as the run's, as a process per page's was); one reading a page is killed, and the page failed. */
  async close(): Promise<void> {
    const busy = this.waiting !== null;
    this.end(new Error('tesseract process closed'));
    this.child.stdin.end();
    if (busy) this.child.kill();
    await this.exited;
  }

  private take(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop()!;
    const w = this.waiting;
    if (!w) return;
    for (const line of lines) {
      const tab = line.indexOf('\t');
      const page = Number(line.slice(tab + 1, line.indexOf('\t', tab + 1)));
      if (page === w.page) w.rows.push(line);
      else if (page === w.until) {
        this.waiting = null;
        w.resolve(w.rows);
        return;
      }
    }
  }

  private end(err: Error): void {
    this.ended ??= err;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(this.ended);
  }
}
