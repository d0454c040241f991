// `vnplan search`: the index searched as people type, without diacritics and in any case ("phong van hoa" finds
// "Phòng Văn hóa", "d" finds "đ", an old OCR's "Phuong" finds "Phường"), full-text (FTS5, ranked by bm25) and by
// field: document type, issuer, a task's lead or supporting unit, and its period overlapping a date range.
import { key } from '../parse/text.js';
import type { Db } from './db.js';

export interface SearchFilters {
  /** document type or its code: "Kế hoạch", "ke hoach", "KH" */
  type?: string;
  issuer?: string;
  /** a unit leading or supporting a task */
  unit?: string;
  /** tasks whose period overlaps [from, to] (ISO dates) */
  from?: string;
  to?: string;
  limit?: number;
}

export interface SearchHit {
  document: { id: number; type: string | null; number: string | null; symbol: string | null; date: string | null; issuer: string | null; title: string | null; planPath: string };
  /** the printed line or task that matched (the title when only fields were asked for) */
  match: string;
  /** line of the plan's text, for a line */
  line: number | null;
  task: { content: string; lead: string[]; support: string[]; period: string | null; start: string | null; end: string | null } | null;
  rank: number;
}

/** The query's words, folded. */
function wordsOf(query: string): string[] {
  return key(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** FTS5 queries: every word (each quoted: no FTS syntax leaks in), and the words side by side as one phrase. */
const allWords = (words: string[]) => words.map((w) => `"${w}"`).join(' ');
const phrase = (words: string[]) => `"${words.join(' ')}"`;

/**
 * The line of a text that best shows the match: the words side by side, else the most of them; found on the text
 * folded line by line (as indexed), shown as printed.
 */
function bestLine(text: string, folded: string, words: string[]): { line: number; text: string } {
  const together = words.join(' ');
  let best = { line: 0, score: -1 };
  folded.split('\n').forEach((k, i) => {
    if (!k) return;
    const score = (k.includes(together) ? words.length + 1 : 0) + words.filter((w) => k.includes(w)).length;
    if (score > best.score) best = { line: i, score };
  });
  return { line: best.line + 1, text: (text.split('\n')[best.line] ?? '').trim() };
}

const DOC_COLUMNS = 'd.id AS doc_id, d.type, d.number, d.symbol, d.date, d.issuer, d.title, d.plan_path';

export function search(db: Db, query: string, f: SearchFilters = {}): SearchHit[] {
  const words = wordsOf(query);
  const limit = f.limit ?? 20;
  const where: string[] = [];
  const params: Record<string, unknown> = { limit };
  // Field filters, on folded text.
  if (f.type) {
    where.push(`(lower(coalesce(d.type_code, '')) = @typeKey OR fold(coalesce(d.type, '')) = @typeKey)`);
    params.typeKey = key(f.type);
  }
  if (f.issuer) {
    where.push('instr(coalesce(d.issuer_key, \'\'), @issuer) > 0');
    params.issuer = key(f.issuer);
  }
  const taskLevel = Boolean(f.unit || f.from || f.to);
  if (f.from || f.to) {
    // Overlap: the period starts before the range ends and ends after it starts (an open end reaches on).
    where.push(`p.task_id IS NOT NULL AND coalesce(p.start, '0000-01-01') <= @to AND coalesce(p.end, '9999-12-31') >= @from`);
    params.from = f.from ?? '0000-01-01';
    params.to = f.to ?? '9999-12-31';
  }
  const unitWords = f.unit ? wordsOf(f.unit) : [];
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<number>();
  // Matches with the words side by side first, then those with all of them anywhere.
  const passes = words.length > 1 ? [phrase(words), allWords(words)] : [words.length ? allWords(words) : null];
  for (const words_ of passes) {
    if (rows.length >= limit) break;
    let sql: string;
    // (the second pass finds the first pass's matches again: ask for that many more)
    const p: Record<string, unknown> = { ...params, limit: limit + rows.length };
    if (taskLevel) {
      // Tasks: their content (or units) with the words, their units with the unit's words side by side.
      const match = [words_ ? `(${words_})` : null, unitWords.length ? `units : ${phrase(unitWords)}` : null].filter(Boolean).join(' AND ');
      if (match) p.match = match;
      // Ranked by bm25 only when there are words to rank by: a unit's phrase alone matches alike everywhere, and
      // ranking its thousands of matches is most of such a search's time.
      sql = `SELECT ${DOC_COLUMNS}, t.id AS task_id, t.content, p.text AS period, p.start, p.end, ${words_ ? 'x.rank' : '0'} AS rank
        FROM ${match ? 'task_text x JOIN tasks t ON t.id = x.rowid' : 'tasks t'}
        JOIN documents d ON d.id = t.document_id LEFT JOIN periods p ON p.task_id = t.id
        WHERE ${[match ? 'task_text MATCH @match' : '1', ...where].join(' AND ')}
        ORDER BY rank, d.date DESC, t.ord LIMIT @limit`;
    } else if (words_) {
      p.match = words_;
      sql = `SELECT ${DOC_COLUMNS}, x.rank AS rank FROM document_text x JOIN documents d ON d.id = x.rowid
        WHERE ${['document_text MATCH @match', ...where].join(' AND ')} ORDER BY rank, d.date DESC LIMIT @limit`;
    } else {
      sql = `SELECT ${DOC_COLUMNS}, 0 AS rank FROM documents d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.date DESC LIMIT @limit`;
    }
    for (const r of db.prepare(sql).all(p) as Record<string, unknown>[]) {
      const id = (taskLevel ? r.task_id : r.doc_id) as number;
      if (seen.has(id)) continue;
      seen.add(id);
      rows.push(r);
    }
  }
  const units = db.prepare('SELECT role, unit FROM task_units WHERE task_id = ? ORDER BY role, ord');
  const textOf = db.prepare('SELECT text, text_key FROM documents WHERE id = ?');
  return rows.slice(0, limit).map((r) => {
    let task: SearchHit['task'] = null;
    let match = (r.title as string | null) ?? '';
    let line: number | null = null;
    if (taskLevel) {
      const us = units.all(r.task_id) as { role: string; unit: string }[];
      task = {
        content: r.content as string,
        lead: us.filter((u) => u.role === 'lead').map((u) => u.unit),
        support: us.filter((u) => u.role === 'support').map((u) => u.unit),
        period: (r.period as string | null) ?? null,
        start: (r.start as string | null) ?? null,
        end: (r.end as string | null) ?? null,
      };
      match = task.content;
    } else if (words.length) {
      const t = textOf.get(r.doc_id) as { text: string; text_key: string };
      const b = bestLine(t.text, t.text_key, words);
      match = b.text;
      line = b.line;
    }
    return {
      document: {
        id: r.doc_id as number,
        type: r.type as string | null,
        number: r.number as string | null,
        symbol: r.symbol as string | null,
        date: r.date as string | null,
        issuer: r.issuer as string | null,
        title: r.title as string | null,
        planPath: r.plan_path as string,
      },
      match,
      line,
      task,
      rank: r.rank as number,
    };
  });
}
