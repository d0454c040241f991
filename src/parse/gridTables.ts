// Tables whose cells the layout marked: every row one line, "cell | cell | …", with as many cells as its header
// (a scan's grid or a text layer's, src/layout/grid.ts). Each cell is taken as it stands, by the column its header
// cell names. A table is a task table when it has a work-content column and a lead-unit column (an appendix of
// tasks); a table of figures, quotas or costs is not, and gives no task.
import type { Task } from '../model/plan.js';
import { parsePeriod } from './periods.js';
import { cellColumn, taskOf, type Column } from './table.js';
import { key } from './text.js';

export interface GridTable {
  /** line index of the header row */
  header: number;
  columns: (Column | 'number')[];
  rows: { line: number; cells: string[] }[];
}

/** A marked line's cells; a leading or trailing "|" stands for an empty cell (normalising trims the line). */
const cellsOf = (line: string) => line.trim().split(/\s*\|\s*/);
const isMarked = (line: string) => /\S\s*\|\s*\S|^\s*\|\s*\S|\S\s*\|\s*$/.test(line) && cellsOf(line).length >= 2;

/** Header words: a header row names its columns with these. */
export const HEADER_CELL = /^(s?tt|thang|noi dung|nhiem vu|co quan|don vi|thoi gian|chu tri|phoi hop|ghi chu|chi tieu|kinh phi|nguon|san pham|ket qua|nguoi)/;

function isHeader(cells: string[]): boolean {
  const named = cells.filter((c) => HEADER_CELL.test(key(c).replace(/[^a-z ]/g, '').trim()));
  return cells.length >= 3 && named.length >= Math.max(2, Math.ceil(cells.length / 2));
}

export function columnOf(cell: string, index: number): Column | 'number' {
  const k = key(cell).replace(/[^a-z]/g, '');
  // The number column's "TT", also as a scan may read it in the first column ("TI", "T1").
  if (/^s?tt$/.test(k) || (index === 0 && /^(?:s?t[tli1]?)?$/.test(key(cell).replace(/[^a-z0-9]/g, '')))) return 'number';
  if (/nhiemvu|noidung/.test(k)) return 'content';
  if (/^thang/.test(k) || /thoihan/.test(k)) return 'time';
  return cellColumn(cell, index);
}

/**
 * A two-level header written on two lines ("… | Thời gian" over "Bắt đầu | Hoàn thành"): the time column is as many
 * columns as the line under it names, each start or end. The header as it was where the next line is no such row.
 */
function withSubColumns(columns: (Column | 'number')[], next: string | undefined): (Column | 'number')[] {
  const time = columns.indexOf('time');
  if (time < 0 || !next || !isMarked(next)) return columns;
  const sub = cellsOf(next).map((c, k) => cellColumn(c, k + 1));
  if (sub.length < 2 || !sub.every((c) => c === 'start' || c === 'end')) return columns;
  return [...columns.slice(0, time), ...sub, ...columns.slice(time + 1)];
}

export function gridTables(lines: string[], from = 0): GridTable[] {
  const out: GridTable[] = [];
  let cur: GridTable | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isMarked(line)) {
      // A table ends at a line without cells.
      if (line.trim()) cur = null;
      continue;
    }
    const cells = cellsOf(line);
    if (isHeader(cells)) {
      // The header printed again on the next page continues the table before it (a page's furniture between).
      const columns = withSubColumns(cells.map(columnOf), lines[i + 1]);
      if (columns.length > cells.length) i++;
      const last = out[out.length - 1];
      if (last && last.columns.join() === columns.join()) cur = last;
      else {
        cur = { header: i, columns, rows: [] };
        out.push(cur);
      }
      continue;
    }
    if (cur && cells.length === cur.columns.length) cur.rows.push({ line: i, cells });
  }
  return out;
}

/**
 * The table's rows with a row split in two put back together. A smudge on a poor scan, found as a rule between a
 * cell's lines, cuts a row: the lower part has no number where the table numbers its rows (or, the numbers lost
 * too, its work goes on in small letters) and no time, but words in the work's and a unit's columns ("hành chính
 * còn hiệu lực | Công nghệ | phường"). A group's heading spans the row and fills one cell only.
 */
function joinSplitRows(t: GridTable): GridTable['rows'] {
  const num = t.columns.indexOf('number');
  const content = t.columns.indexOf('content');
  const times = t.columns.flatMap((c, k) => (c === 'time' || c === 'start' || c === 'end' ? [k] : []));
  const numbered = num >= 0 && t.rows.filter((r) => /^\d{1,3}\.?$/.test(r.cells[num]!.trim())).length >= 2;
  const rows: GridTable['rows'] = [];
  for (const row of t.rows) {
    const prev = rows.at(-1);
    const filled = row.cells.filter((c) => c.trim()).length;
    // No number of its own where the rows are numbered, or (the numbers lost too) work that starts in small letters.
    const unnumbered = numbered ? !row.cells[num]!.trim() : /^\p{Ll}/u.test(row.cells[content]?.trim() ?? '');
    // A time cell goes on too where the upper part's is no period yet ("Trước ngày" / "30/11/2026").
    const timeGoesOn = times.every((k) => !row.cells[k]?.trim() || (prev && !parsePeriod(prev.cells[k] ?? '', null)));
    if (prev && unnumbered && timeGoesOn && filled >= 2) {
      prev.cells = prev.cells.map((c, k) => [c, row.cells[k]].filter((x) => x?.trim()).join(' '));
      continue;
    }
    rows.push({ line: row.line, cells: [...row.cells] });
  }
  return rows;
}

/** The tasks of a task table, and null for a table that is none. */
export function gridTableTasks(t: GridTable): Task[] | null {
  const content = t.columns.indexOf('content');
  if (content < 0 || !t.columns.includes('lead')) return null;
  const tasks: Task[] = [];
  for (const row of joinSplitRows(t)) {
    const cells = new Map<Column, string>();
    t.columns.forEach((c, k) => {
      if (c !== 'number' && row.cells[k]) cells.set(c, [cells.get(c), row.cells[k]].filter(Boolean).join(' '));
    });
    // A total row ("Tổng cộng") or a row with no work named holds no task; nor does a group's heading across the
    // table ("CÔNG TÁC TUYÊN TRUYỀN", "Nhóm nhiệm vụ về …": the work's cell alone filled, no unit, no time).
    if (!cells.get('content') || /^tong cong/.test(key(cells.get('content')!)) || cells.size === 1) continue;
    tasks.push(taskOf(cells));
  }
  return tasks;
}
