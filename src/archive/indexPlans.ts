// `vnplan index`: plan files into the SQLite index. A plan is keyed by its source's SHA-256: an unchanged plan file
// is skipped, a changed one replaces its document's rows, all in one transaction, so a run stopped halfway leaves
// the index as the last run left it.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { Plan, Section } from '../model/plan.js';
import { key, keyLines } from '../parse/text.js';
import { yamlModule } from '../util/yaml.js';
import { planIssues } from '../validate/validate.js';
import type { Db } from './db.js';

export interface IndexResult {
  added: number;
  replaced: number;
  unchanged: number;
  failed: { path: string; reason: string }[];
}

/** Plan files named on the command line, folders searched for *.plan.json and *.plan.yaml. */
export async function planFiles(args: string[]): Promise<{ files: string[]; problems: { path: string; reason: string }[] }> {
  const files: string[] = [];
  const problems: { path: string; reason: string }[] = [];
  for (const a of args) {
    const st = await stat(a).catch(() => null);
    if (!st) problems.push({ path: a, reason: 'no such file or directory' });
    else if (st.isDirectory()) {
      const found = await glob(['**/*.plan.json', '**/*.plan.yaml'], { cwd: a, absolute: true });
      if (!found.length) problems.push({ path: a, reason: 'no plan files (*.plan.json, *.plan.yaml) in this directory' });
      files.push(...found.sort());
    } else files.push(resolve(a));
  }
  return { files: [...new Set(files)], problems };
}

function flatten(sections: Section[], parent: string | null = null): { path: string; parentPath: string | null; s: Section }[] {
  return sections.flatMap((s) => {
    const path = parent ? `${parent}/${s.label}` : s.label;
    return [{ path, parentPath: parent, s }, ...flatten(s.children, path)];
  });
}

/**
 * The source file a plan was made from, for the review page: its path as given to convert is relative to where
 * convert ran, which may be here or the plan's folder; else the file of that name beside the plan. Null when none
 * is there (the review page then shows the plan without its page).
 */
async function findSource(file: string, planPath: string): Promise<string | null> {
  if (file === '-' || file === '') return null;
  for (const p of [resolve(file), resolve(dirname(planPath), file), resolve(dirname(planPath), basename(file))]) {
    const st = await stat(p).catch(() => null);
    if (st?.isFile()) return p;
  }
  return null;
}

export async function indexPlans(db: Db, files: string[]): Promise<IndexResult> {
  const result: IndexResult = { added: 0, replaced: 0, unchanged: 0, failed: [] };
  // Read and check every file first; the writing is one transaction.
  const plans: { path: string; hash: string; plan: Plan; sourcePath: string | null }[] = [];
  // A plan file indexed before, byte for byte the same, is not read again.
  const same = db.prepare('SELECT 1 FROM documents WHERE plan_path = ? AND plan_sha256 = ?');
  for (const path of files) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      result.failed.push({ path, reason: `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
      continue;
    }
    const hash = createHash('sha256').update(text).digest('hex');
    if (same.get(path, hash)) {
      result.unchanged++;
      continue;
    }
    let value: unknown;
    try {
      value = path.endsWith('.yaml') || path.endsWith('.yml') ? yamlModule().parse(text) : JSON.parse(text);
    } catch (err) {
      result.failed.push({ path, reason: `not JSON or YAML (${(err as Error).message.split('\n')[0]})` });
      continue;
    }
    const issues = planIssues(value);
    if (issues.length) {
      result.failed.push({ path, reason: `not a valid plan (${issues[0]})` });
      continue;
    }
    const plan = value as Plan;
    plans.push({ path, hash, plan, sourcePath: await findSource(plan.source.file, path) });
  }

  const existing = db.prepare('SELECT id, plan_sha256 FROM documents WHERE source_sha256 = ?');
  const remove = db.prepare('DELETE FROM documents WHERE id = ?');
  const removeDocText = db.prepare('DELETE FROM document_text WHERE rowid = ?');
  const removeTaskText = db.prepare('DELETE FROM task_text WHERE rowid IN (SELECT id FROM tasks WHERE document_id = ?)');
  const addDoc = db.prepare(`INSERT INTO documents (source_sha256, plan_path, plan_sha256, source_file, source_kind, pages, type, type_code,
    number, symbol, issuer, issuer_key, parent_issuer, place, date, title, title_key, signer_authority, signer_title, signer_name, text, text_key, indexed_at,
    source_path, layout)
    VALUES (@sha, @planPath, @planSha, @file, @kind, @pages, @type, @typeCode, @number, @symbol, @issuer, @issuerKey, @parentIssuer, @place,
    @date, @title, @titleKey, @authority, @signerTitle, @name, @text, @textKey, @at, @sourcePath, @layout)`);
  const addSection = db.prepare('INSERT INTO sections (document_id, parent_id, path, label, heading, level, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const addTask = db.prepare('INSERT INTO tasks (document_id, ord, section, content) VALUES (?, ?, ?, ?)');
  const addUnit = db.prepare('INSERT INTO task_units (task_id, role, ord, unit, unit_key) VALUES (?, ?, ?, ?, ?)');
  const addPeriod = db.prepare('INSERT INTO periods (task_id, text, start, end, recurring) VALUES (?, ?, ?, ?, ?)');
  const addRef = db.prepare('INSERT INTO doc_references (document_id, type, number, symbol, date, issuer) VALUES (?, ?, ?, ?, ?, ?)');
  const addWarning = db.prepare('INSERT INTO warnings (document_id, code, message, line) VALUES (?, ?, ?, ?)');
  const addDocText = db.prepare('INSERT INTO document_text (rowid, text) VALUES (?, ?)');
  const addTaskText = db.prepare('INSERT INTO task_text (rowid, content, units) VALUES (?, ?, ?)');
  const at = new Date().toISOString();

  db.transaction(() => {
    for (const { path, hash, plan, sourcePath } of plans) {
      const old = existing.get(plan.source.sha256) as { id: number; plan_sha256: string } | undefined;
      if (old?.plan_sha256 === hash) {
        result.unchanged++;
        continue;
      }
      if (old) {
        removeDocText.run(old.id);
        removeTaskText.run(old.id);
        remove.run(old.id);
        result.replaced++;
      } else result.added++;
      const d = plan.document;
      // Folded line by line, the lines kept: search shows the printed line whose folded twin matched.
      const textKey = keyLines(plan.text);
      const id = Number(
        addDoc.run({
          sha: plan.source.sha256,
          planPath: path,
          planSha: hash,
          file: plan.source.file,
          kind: plan.source.kind,
          pages: plan.source.pages,
          type: d.type,
          typeCode: d.typeCode,
          number: d.number,
          symbol: d.symbol,
          issuer: d.issuer,
          issuerKey: d.issuer ? key(d.issuer) : null,
          parentIssuer: d.parentIssuer,
          place: d.place,
          date: d.date,
          title: d.title,
          titleKey: d.title ? key(d.title) : null,
          authority: plan.signature.authority,
          signerTitle: plan.signature.title,
          name: plan.signature.name,
          text: plan.text,
          textKey,
          at,
          sourcePath,
          layout: plan.layout ? JSON.stringify(plan.layout) : null,
        }).lastInsertRowid,
      );
      const sectionIds = new Map<string, number>();
      for (const { path: p, parentPath, s } of flatten(plan.sections))
        sectionIds.set(p, Number(addSection.run(id, parentPath ? (sectionIds.get(parentPath) ?? null) : null, p, s.label, s.heading, s.level, s.text).lastInsertRowid));
      plan.tasks.forEach((t, k) => {
        const taskId = Number(addTask.run(id, k + 1, t.section, t.content).lastInsertRowid);
        t.lead.forEach((u, i) => addUnit.run(taskId, 'lead', i + 1, u, key(u)));
        t.support.forEach((u, i) => addUnit.run(taskId, 'support', i + 1, u, key(u)));
        if (t.timeline) addPeriod.run(taskId, t.timeline.text, t.timeline.start, t.timeline.end, t.timeline.recurring ? 1 : 0);
        addTaskText.run(taskId, key(t.content), key([...t.lead, ...t.support].join(' | ')));
      });
      for (const r of plan.references) addRef.run(id, r.type, r.number, r.symbol, r.date, r.issuer);
      for (const w of plan.warnings) addWarning.run(id, w.code, w.message, w.line);
      addDocText.run(id, textKey);
    }
  })();
  return result;
}
