// Stage 7 — emit: the plan as JSON or YAML, written atomically (temp file + rename) so that an interrupted
// run never leaves a half-written plan behind.
import { randomBytes } from 'node:crypto';
import { readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Plan } from '../model/plan.js';
import { yamlModule } from '../util/yaml.js';

export type OutputFormat = 'json' | 'yaml';

export function serialize(plan: Plan, format: OutputFormat): string {
  return format === 'yaml' ? yamlModule().stringify(plan, { lineWidth: 0 }) : `${JSON.stringify(plan, null, 2)}\n`;
}

/** Temp files being written right now: removed if the process ends before they are renamed. */
const pending = new Set<string>();
let hooked = false;

function removePending(): void {
  for (const f of pending) {
    try {
      unlinkSync(f);
    } catch {
      /* already gone */
    }
  }
}

function hookSignals(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removePending);
  // A signal ends the process (and so removes the temp files) unless the command handles it itself: the worker
  // finishes the jobs in hand on SIGTERM.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    if (process.listenerCount(signal) === 0) process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
}

/** Whether a process of this machine is still running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temp files of `path` that a process of this machine left when it was killed (kill -9, a power cut: no exit
 * handler ran) are removed before the plan is written again. Those of live processes, or of other machines sharing
 * the folder, are left alone.
 */
async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `${basename(path)}.tmp-${hostname()}-`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const pid = Number(n.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && !alive(pid)) await unlink(join(dirname(path), n)).catch(() => undefined);
  }
}

export async function writeAtomic(path: string, content: string): Promise<void> {
  hookSignals();
  await removeStaleTemps(path);
  const tmp = `${path}.tmp-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  pending.add(tmp);
  try {
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  } finally {
    pending.delete(tmp);
  }
}
