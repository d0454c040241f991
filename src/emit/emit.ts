// Stage 7 — emit: the plan as JSON or YAML, written atomically (temp file + rename) so that an interrupted
// run never leaves a half-written plan behind.
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Plan } from '../model/plan.js';

export type OutputFormat = 'json' | 'yaml';

export function serialize(plan: Plan, format: OutputFormat): string {
  return format === 'yaml' ? stringify(plan, { lineWidth: 0 }) : `${JSON.stringify(plan, null, 2)}\n`;
}

/** Temp files being written right now: removed if the process is interrupted. */
const pending = new Set<string>();
let hooked = false;

function hookSignals(): void {
  if (hooked) return;
  hooked = true;
  const cleanup = (signal: NodeJS.Signals) => {
    for (const f of pending) {
      try {
        unlinkSync(f);
      } catch {
        /* already gone */
      }
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', cleanup);
  process.once('SIGTERM', cleanup);
}

export async function writeAtomic(path: string, content: string): Promise<void> {
  hookSignals();
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
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
