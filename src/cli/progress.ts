// Progress on stderr: a bar with pages done / total and ETA when stderr is a terminal, plain lines otherwise
// (logs, CI). Nothing here ever writes to stdout, which carries data only.
import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';

export interface Progress {
  addPages(n: number): void;
  pageDone(n?: number): void;
  /** a line about one finished input (shown above the bar, or as a plain line) */
  log(line: string): void;
  stop(): void;
}

export function createProgress(opts: { quiet: boolean; documents: number }): Progress {
  const tty = Boolean(process.stderr.isTTY);
  if (opts.quiet) return { addPages() {}, pageDone() {}, log() {}, stop() {} };
  if (!tty) return { addPages() {}, pageDone() {}, log: (l) => process.stderr.write(`${l}\n`), stop() {} };
  // Loaded only for a bar on a terminal (CommonJS, so synchronously): logs and -q never need it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {value}/{total} pages | {docs}/{documents} documents | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let total = 0;
  let docs = 0;
  bar.start(0, 0, { docs, documents: opts.documents });
  return {
    addPages(n) {
      total += n;
      bar.setTotal(total);
    },
    pageDone(n = 1) {
      bar.increment(n);
    },
    log(line) {
      docs++;
      bar.update({ docs });
      // cli-progress redraws on the same line: clear it, print, and let the next redraw restore it.
      process.stderr.write(`\r\x1b[K${line}\n`);
    },
    stop() {
      bar.stop();
    },
  };
}
