// Appendix tables (Phụ lục) whose rows are tasks — TT | Nội dung | Sản phẩm | Thời gian (triển khai, hoàn thành) |
// Cơ quan chủ trì | Cơ quan phối hợp — read from flattened text, where an OCR wrote each printed line of a row
// with the cells side by side. Without positions the columns are told apart by what they hold: periods
// (tháng, quý, 8/2025, thường xuyên) in the time columns, a body's name starting the two unit columns, "|"
// where the OCR saw a rule. First version: content, units and period; the product column is not separated.
import type { Task } from '../model/plan.js';
import { isoDate, quarterNumber } from './periods.js';
import { key } from './text.js';
import { startsWithBody } from './vocabulary.js';

const PERIOD = /^(tháng|quý|quy|thường|thuong|xuyên|xuyen|trong|\d{1,2}\/\d{4}|[IVXl1]{1,4}\/|\d{4}|năm|nam)[,.;]?$/iu;
const HEADER_WORDS = /^(tt|noi dung|san|pham|thoi gian.*|trien|hoan|khai|thanh|co quan|chu tri|phoi hop|\|)$/;

interface Row {
  number: number;
  lines: string[];
}

function findRows(lines: string[], from: number): { rows: Row[]; header: number } | null {
  let header = -1;
  for (let i = from; i < lines.length && header < 0; i++) {
    const k = key(lines[i]!);
    // A table's header row: "TT | Nội dung | … | Cơ quan chủ trì | Cơ quan phối hợp" (over a few lines).
    if (/^s?tt\b.*noi dung/.test(k) && lines.slice(i, i + 5).some((l) => /chu tri|phoi hop/.test(key(l)))) header = i;
  }
  if (header < 0) return null;
  const rows: Row[] = [];
  let cur: Row | undefined;
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const k = key(line);
    // A header repeated on the next page, or its second lines ("Triển khai | Hoàn thành").
    if (/noi dung/.test(k) || k.split(/\s+/).every((w) => HEADER_WORDS.test(w))) continue;
    const m = line.match(/^(\d{1,2})\s*\|?\s*(\p{L}.*)$/u);
    if (m && Number(m[1]) === (cur ? cur.number + 1 : 1)) {
      cur = { number: Number(m[1]), lines: [m[2]!] };
      rows.push(cur);
    } else if (cur) cur.lines.push(line);
  }
  return { rows, header };
}

interface Cells {
  content: string[];
  periods: string[];
  lead: string[];
  support: string[];
}

/** One printed line of a row: content words first, then period words, then the two unit cells. */
function splitLine(line: string, first: boolean, cells: Cells): void {
  const tokens = line.split(/\s+/).filter(Boolean);
  let i = 0;
  const content: string[] = [];
  // Content: up to a rule, a period word, or (on the first line) a capitalised word after a rule.
  while (i < tokens.length && tokens[i] !== '|' && !PERIOD.test(tokens[i]!)) content.push(tokens[i++]!);
  if (!first && content.length && startsWithBody(content.join(' ')) && cells.content.length) {
    // A continuation line that starts with a unit's name has no content of its own.
    i = 0;
    content.length = 0;
  }
  cells.content.push(...content);
  // Skip to the periods (past a product cell, if any).
  while (i < tokens.length && !PERIOD.test(tokens[i]!) && first) {
    i++;
  }
  while (i < tokens.length && (PERIOD.test(tokens[i]!) || tokens[i] === '|')) {
    if (tokens[i] !== '|') cells.periods.push(tokens[i]!);
    i++;
  }
  // Units: a rule separates the two cells; else the second body's name starts the second.
  const rest = tokens.slice(i).join(' ');
  if (!rest) return;
  const parts = rest.split(/\s*\|\s*/).filter(Boolean);
  if (parts.length >= 2) {
    cells.lead.push(parts[0]!);
    cells.support.push(parts.slice(1).join(' '));
    return;
  }
  const words = rest.split(/\s+/);
  const second = words.findIndex((_, j) => j > 0 && startsWithBody(words.slice(j).join(' ')));
  if (second > 0) {
    cells.lead.push(words.slice(0, second).join(' '));
    cells.support.push(words.slice(second).join(' '));
  } else {
    // Continuation: the capitalised part continues the lead cell, the rest the support cell.
    const caps = words.findIndex((w) => !/^[\p{Lu}—–-]/u.test(w));
    if (caps === 0) cells.support.push(rest);
    else if (caps < 0) cells.lead.push(rest);
    else {
      cells.lead.push(words.slice(0, caps).join(' '));
      cells.support.push(words.slice(caps).join(' '));
    }
  }
}

/** The span of every month or quarter named in the two time cells; "Thường xuyên" is recurring. */
function periodOf(words: string[]): Task['timeline'] {
  const text = words.join(' ');
  const k = key(text);
  const recurring = /thuong|xuyen/.test(k);
  const years = [...text.matchAll(/(?:^|\D)(\d{4})(?!\d)/g)].map((m) => Number(m[1]));
  const starts: string[] = [];
  const ends: string[] = [];
  const year = years[0];
  if (/quy/.test(k) && year) {
    for (const m of text.matchAll(/([IVXl1]{1,4})\//g)) {
      const q = quarterNumber(m[1]!);
      if (!q) continue;
      starts.push(isoDate(year, (q - 1) * 3 + 1, 1)!);
      ends.push(isoDate(year, q * 3, q === 1 || q === 4 ? 31 : 30)!);
    }
  }
  for (const m of text.matchAll(/(\d{1,2})\/(\d{4})/g)) {
    const mo = Number(m[1]);
    const y = Number(m[2]);
    if (mo < 1 || mo > 12) continue;
    starts.push(isoDate(y, mo, 1)!);
    ends.push(isoDate(y, mo, new Date(Date.UTC(y, mo, 0)).getUTCDate())!);
  }
  if (!starts.length && year && /trong|nam/.test(k)) {
    starts.push(`${year}-01-01`);
    ends.push(`${years[years.length - 1]}-12-31`);
  }
  if (!starts.length && !recurring) return null;
  return {
    text: text.replace(/\s*\|\s*/g, ' ').trim(),
    start: starts.length ? starts.sort()[0]! : null,
    end: ends.length ? ends.sort()[ends.length - 1]! : null,
    recurring,
  };
}

export function tableTasks(lines: string[], from: number): Task[] {
  const found = findRows(lines, from);
  if (!found) return [];
  return found.rows.map((row) => {
    const cells: Cells = { content: [], periods: [], lead: [], support: [] };
    row.lines.forEach((l, i) => splitLine(l, i === 0, cells));
    const clean = (parts: string[]) => parts.join(' ').replace(/\s+/g, ' ').replace(/^[|,\s]+|[|,\s]+$/g, '').trim();
    const unit = (parts: string[]) => (clean(parts) ? clean(parts).split(/\s*;\s*/) : []);
    return {
      content: clean(cells.content),
      lead: unit(cells.lead),
      support: unit(cells.support),
      timeline: periodOf(cells.periods),
      section: null,
    };
  });
}
