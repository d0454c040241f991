// A document as the review page shows it: its fields, sections, tasks and warnings from the index, its text line
// by line, and where those lines stand on its pages.
import type { PlanLayout } from '../model/plan.js';
import type { Db } from './db.js';

export interface DocumentView {
  id: number;
  source: { file: string; kind: string; pages: number; images: boolean };
  document: Record<'type' | 'number' | 'symbol' | 'date' | 'place' | 'issuer' | 'parentIssuer' | 'title', string | null>;
  signature: { authority: string | null; title: string | null; name: string | null };
  sections: { path: string; heading: string; level: number }[];
  tasks: { content: string; lead: string[]; support: string[]; period: string | null; section: string | null }[];
  references: { type: string | null; number: string | null; symbol: string | null; date: string | null; issuer: string | null }[];
  warnings: { code: string; message: string; line: number | null }[];
  lines: string[];
  layout: PlanLayout | null;
}

/** The row the page images come from, or undefined when there is no such document. */
export function documentSource(db: Db, id: number): { path: string | null; sha256: string; pages: number } | undefined {
  const r = db.prepare('SELECT source_path, source_sha256, pages FROM documents WHERE id = ?').get(id) as
    | { source_path: string | null; source_sha256: string; pages: number }
    | undefined;
  return r && { path: r.source_path, sha256: r.source_sha256, pages: r.pages };
}

export function documentView(db: Db, id: number): DocumentView | undefined {
  const d = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!d) return undefined;
  const s = (k: string) => (d[k] as string | null) ?? null;
  const units = db.prepare('SELECT role, unit FROM task_units WHERE task_id = ? ORDER BY ord');
  const tasks = (db.prepare('SELECT t.id, t.content, t.section, p.text AS period FROM tasks t LEFT JOIN periods p ON p.task_id = t.id WHERE t.document_id = ? ORDER BY t.ord').all(id) as {
    id: number;
    content: string;
    section: string | null;
    period: string | null;
  }[]).map((t) => {
    const us = units.all(t.id) as { role: string; unit: string }[];
    return { content: t.content, lead: us.filter((u) => u.role === 'lead').map((u) => u.unit), support: us.filter((u) => u.role === 'support').map((u) => u.unit), period: t.period, section: t.section };
  });
  const layout = d.layout ? (JSON.parse(d.layout as string) as PlanLayout) : null;
  return {
    id,
    source: { file: d.source_file as string, kind: d.source_kind as string, pages: d.pages as number, images: Boolean(d.source_path && layout) },
    document: {
      type: s('type'),
      number: s('number'),
      symbol: s('symbol'),
      date: s('date'),
      place: s('place'),
      issuer: s('issuer'),
      parentIssuer: s('parent_issuer'),
      title: s('title'),
    },
    signature: { authority: s('signer_authority'), title: s('signer_title'), name: s('signer_name') },
    sections: db.prepare('SELECT path, heading, level FROM sections WHERE document_id = ? ORDER BY id').all(id) as DocumentView['sections'],
    tasks,
    references: db.prepare('SELECT type, number, symbol, date, issuer FROM doc_references WHERE document_id = ? ORDER BY rowid').all(id) as DocumentView['references'],
    warnings: db.prepare('SELECT code, message, line FROM warnings WHERE document_id = ? ORDER BY rowid').all(id) as DocumentView['warnings'],
    lines: (d.text as string).split('\n'),
    layout,
  };
}
