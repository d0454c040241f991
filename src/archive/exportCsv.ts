// `vnplan export`: tasks and documents as CSV that Excel opens with its diacritics intact (UTF-8 with a byte-order
// mark, CRLF rows, RFC 4180 quoting), one row per task or per document.
import type { Db } from './db.js';

function csv(rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function tasksCsv(db: Db): { text: string; rows: number } {
  const rows = db
    .prepare(
      `SELECT d.number, d.symbol, d.date, d.type, d.issuer, d.title, t.section, t.ord, t.content,
        (SELECT group_concat(unit, '; ') FROM (SELECT unit FROM task_units WHERE task_id = t.id AND role = 'lead' ORDER BY ord)) AS lead,
        (SELECT group_concat(unit, '; ') FROM (SELECT unit FROM task_units WHERE task_id = t.id AND role = 'support' ORDER BY ord)) AS support,
        p.text AS period, p.start, p.end, d.plan_path
      FROM tasks t JOIN documents d ON d.id = t.document_id LEFT JOIN periods p ON p.task_id = t.id
      ORDER BY d.date, d.number, t.ord`,
    )
    .raw()
    .all() as (string | number | null)[][];
  const head = ['number', 'symbol', 'date', 'type', 'issuer', 'title', 'section', 'task', 'content', 'lead', 'support', 'period', 'period start', 'period end', 'plan file'];
  return { text: csv([head, ...rows]), rows: rows.length };
}

export function documentsCsv(db: Db): { text: string; rows: number } {
  const rows = db
    .prepare(
      `SELECT d.number, d.symbol, d.date, d.type, d.issuer, d.parent_issuer, d.place, d.title,
        d.signer_authority, d.signer_title, d.signer_name, d.pages,
        (SELECT count(*) FROM tasks WHERE document_id = d.id) AS tasks,
        (SELECT count(*) FROM warnings WHERE document_id = d.id) AS warnings, d.source_file, d.plan_path
      FROM documents d ORDER BY d.date, d.number`,
    )
    .raw()
    .all() as (string | number | null)[][];
  const head = ['number', 'symbol', 'date', 'type', 'issuer', 'parent issuer', 'place', 'title', 'signer authority', 'signer title', 'signer', 'pages', 'tasks', 'warnings', 'source file', 'plan file'];
  return { text: csv([head, ...rows]), rows: rows.length };
}
