// Where the project and ../shared are, for the build, eval and bench scripts.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (scripts run from dist/scripts/). */
export function projectRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** ../shared beside the checkout, or $VNPLAN_SHARED. */
export function sharedDir(): string {
  const dir = process.env.VNPLAN_SHARED ?? resolve(projectRoot(), '..', 'shared');
  if (!existsSync(dir)) throw new Error(`shared data not found at ${dir} (set VNPLAN_SHARED)`);
  return dir;
}
