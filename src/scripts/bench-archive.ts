// The archive index's speed, for npm run bench (BENCH_ONLY=archive: this alone): `vnplan index` of 10,000 plans
// (the fixture plans, each copied with a source of its own) into a new SQLite file, then search latency on it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb } from '../archive/db.js';
import { search, type SearchFilters } from '../archive/search.js';
import type { Plan } from '../model/plan.js';
import { projectRoot } from './paths.js';

export function archiveSpeed(count = 10_000): Record<string, unknown> {
  const root = projectRoot();
  const fixtures = [join(root, 'fixtures', 'seeds'), join(root, 'fixtures', 'scans')].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.plan.json'))
      .map((f) => JSON.parse(readFileSync(join(d, f), 'utf8')) as Plan),
  );
  const dir = mkdtempSync(join(tmpdir(), 'vnplan-bench-archive-'));
  try {
    for (let k = 0; k < count; k++) {
      const plan = structuredClone(fixtures[k % fixtures.length]!);
      plan.source.sha256 = createHash('sha256').update(`copy ${k}`).digest('hex');
      plan.source.file = `archive/${k}.pdf`;
      writeFileSync(join(dir, `${k}.plan.json`), JSON.stringify(plan));
    }
    const db = join(dir, 'archive.sqlite');
    const t0 = performance.now();
    execFileSync(process.execPath, [resolve(root, 'bin', 'vnplan.js'), 'index', dir, '--db', db, '-q']);
    const indexSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    execFileSync(process.execPath, [resolve(root, 'bin', 'vnplan.js'), 'index', dir, '--db', db, '-q']);
    const reindexSeconds = (performance.now() - t1) / 1000;
    const sql = openDb(db, { readonly: true });
    const queries: [string, string, SearchFilters][] = [
      ['words', 'phong van hoa', {}],
      ['words, rare', 'chuyen doi so', { limit: 20 }],
      ['unit and period', '', { unit: 'phong van hoa', from: '2025-10-01', to: '2025-12-31' }],
      ['issuer and type', '', { issuer: 'phuong tu minh', type: 'KH' }],
    ];
    const latency: Record<string, number> = {};
    for (const [name, q, f] of queries) {
      search(sql, q, f); // warm
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const s = performance.now();
        search(sql, q, f);
        times.push(performance.now() - s);
      }
      latency[name] = Math.round(times.sort((a, b) => a - b)[7]! * 10) / 10;
    }
    sql.close();
    return {
      plans: count,
      indexSeconds: Math.round(indexSeconds * 10) / 10,
      plansPerSecond: Math.round(count / indexSeconds),
      reindexUnchangedSeconds: Math.round(reindexSeconds * 10) / 10,
      databaseMB: Math.round(statSync(db).size / 2 ** 20),
      searchMedianMs: latency,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
