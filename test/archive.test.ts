// The archive index on a real SQLite file: the fixture plans indexed, unchanged ones skipped and changed ones
// replaced, searched without diacritics (and by unit and period), exported as CSV for Excel.
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, vnplan } from './helpers.js';

const PLANS = [
  ...readdirSync(resolve(ROOT, 'fixtures', 'seeds'))
    .filter((f) => f.endsWith('.plan.json'))
    .map((f) => resolve(ROOT, 'fixtures', 'seeds', f)),
  resolve(ROOT, 'fixtures', 'scans', 'an-phu-plan.plan.json'),
];

async function indexed(): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vnplan-archive-'));
  for (const p of PLANS) copyFileSync(p, join(dir, p.split('/').pop()!));
  const db = join(dir, 'archive.sqlite');
  const r = await vnplan(['index', dir, '--db', db]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(`${PLANS.length} added, 0 replaced, 0 unchanged, 0 failed`);
  return { dir, db };
}

const json = async (args: string[]) => {
  const r = await vnplan(args);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { document: { title: string; issuer: string }; match: string; task: { lead: string[]; support: string[]; start: string | null; end: string | null } | null }[];
};

describe('archive index', () => {
  it('is a real SQLite file with every plan\'s tasks; unchanged plans are skipped, a changed one replaced, a bad one named', async () => {
    const { dir, db } = await indexed();
    const sql = new Database(db, { readonly: true });
    const tasks = PLANS.reduce((n, p) => n + (JSON.parse(readFileSync(p, 'utf8')) as { tasks: unknown[] }).tasks.length, 0);
    expect(sql.prepare('SELECT count(*) AS n FROM tasks').get()).toEqual({ n: tasks });
    expect(sql.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: PLANS.length });
    expect(sql.pragma('integrity_check', { simple: true })).toBe('ok');
    // For the review page: where each source is (found from here, as convert was given it), and the scan's layout.
    const scan = sql.prepare("SELECT source_path, layout FROM documents WHERE source_kind = 'pdf-scan'").get() as { source_path: string; layout: string };
    expect(scan.source_path).toBe(resolve(ROOT, 'fixtures', 'scans', 'an-phu-plan.pdf'));
    expect((JSON.parse(scan.layout) as { lines: unknown[] }).lines.length).toBeGreaterThan(10);
    expect(sql.prepare("SELECT count(*) AS n FROM documents WHERE source_kind = 'text' AND layout IS NULL AND source_path IS NOT NULL").get()).toEqual({ n: PLANS.length - 1 });
    sql.close();

    const again = await vnplan(['index', dir, '--db', db]);
    expect(again.stderr).toContain(`0 added, 0 replaced, ${PLANS.length} unchanged, 0 failed`);
    // The same source, its plan changed: its rows are replaced, not added to.
    const one = join(dir, PLANS[0]!.split('/').pop()!);
    const plan = JSON.parse(readFileSync(one, 'utf8')) as { document: { title: string } };
    plan.document.title = 'Một tiêu đề đã sửa';
    writeFileSync(one, JSON.stringify(plan));
    writeFileSync(join(dir, 'broken.plan.json'), '{"schemaVersion": "1.0"}');
    const changed = await vnplan(['index', dir, '--db', db]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(`0 added, 1 replaced, ${PLANS.length - 1} unchanged, 1 failed`);
    expect(changed.stderr).toMatch(/broken\.plan\.json: not a valid plan/);
    const after = new Database(db, { readonly: true });
    expect(after.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: PLANS.length });
    expect(after.prepare("SELECT count(*) AS n FROM documents WHERE title_key = 'mot tieu de da sua'").get()).toEqual({ n: 1 });
    after.close();
  });

  it('is searched without diacritics or case: units, "d" for "đ", old OCR spellings; by unit and period', async () => {
    const { db } = await indexed();
    const byWords = await json(['search', 'phong van hoa', '--db', db, '--json']);
    expect(byWords.length).toBeGreaterThan(0);
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
    // documents with the words side by side come first, shown by the line that has them
    expect(fold(byWords[0]!.match)).toContain('phong van hoa');
    for (const h of byWords) expect(['phong', 'van', 'hoa'].some((w) => fold(h.match).includes(w))).toBe(true);
    expect((await json(['search', 'PHONG VĂN HÓA', '--db', db, '--json'])).length).toBe(byWords.length);
    // "d" finds "đ" ("đảng ủy" typed "dang uy"), "Phuong" finds "Phường"
    const dang = await json(['search', 'dang uy', '--db', db, '--json']);
    expect(dang.some((h) => /đảng ủy/i.test(h.match))).toBe(true);
    expect((await json(['search', 'Phuong', '--db', db, '--json'])).some((h) => /phường/i.test(h.match))).toBe(true);
    expect(await json(['search', 'khongcotrongtailieu', '--db', db, '--json'])).toEqual([]);

    // Tasks a unit leads or supports, whose period overlaps the fourth quarter of 2025.
    const tasks = await json(['search', '--db', db, '--unit', 'phong van hoa', '--from', '2025-10-01', '--to', '2025-12-31', '--json']);
    expect(tasks.length).toBeGreaterThan(0);
    for (const h of tasks) {
      const units = [...h.task!.lead, ...h.task!.support].map((u) => u.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
      expect(units.some((u) => u.includes('phong van hoa'))).toBe(true);
      expect((h.task!.start ?? '0000') <= '2025-12-31' && (h.task!.end ?? '9999') >= '2025-10-01').toBe(true);
    }
    // by issuer and type, folded too
    const issuer = await json(['search', '--db', db, '--issuer', 'phuong tu minh', '--type', 'ke hoach', '--json']);
    expect(issuer.length).toBe(1);
    expect(issuer[0]!.document.issuer).toBe('Ủy ban nhân dân phường Tứ Minh');
  });

  it('exports tasks and documents as CSV that Excel opens with diacritics (UTF-8 with BOM), one row each', async () => {
    const { dir, db } = await indexed();
    const r = await vnplan(['export', '--db', db, '--tasks', join(dir, 'tasks.csv'), '--documents', join(dir, 'docs.csv')]);
    expect(r.code).toBe(0);
    const tasks = readFileSync(join(dir, 'tasks.csv'));
    expect([...tasks.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = tasks.toString('utf8').slice(1);
    const total = PLANS.reduce((n, p) => n + (JSON.parse(readFileSync(p, 'utf8')) as { tasks: unknown[] }).tasks.length, 0);
    // Rows end with CRLF; a cell may hold a line break inside its quotes, so rows are counted outside quotes.
    let rows = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '"') quoted = !quoted;
      else if (!quoted && text[i] === '\r' && text[i + 1] === '\n') rows++;
    }
    expect(rows).toBe(total + 1);
    expect(text.split('\r\n')[0]).toBe('number,symbol,date,type,issuer,title,section,task,content,lead,support,period,period start,period end,plan file');
    expect(text).toContain('Phòng Văn hóa');
    const docs = readFileSync(join(dir, 'docs.csv'), 'utf8');
    expect(docs.trimEnd().split('\r\n')).toHaveLength(PLANS.length + 1);
  });
});
