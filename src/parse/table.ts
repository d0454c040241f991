// Appendix tables (Phụ lục) whose rows are tasks — TT | Nội dung | Sản phẩm | Thời gian (triển khai, hoàn thành) |
// Cơ quan chủ trì | Cơ quan phối hợp — read from flattened text, where an OCR wrote each printed line of a row
// with the cells side by side. Each printed line is cut into its cells, left to right, by the cut that reads
// best: every word scored by the syllable language model after the word before it in the same cell (so "Phục
// vụ" goes on from "Trung tâm" in the lead cell and "năm 2025" from "… về CCHC" in the content), time cells
// holding period words only, a "|" where the OCR saw a rule between cells, and the cells of a row's first line
// starting with a capital. The columns a table has come from its header.
import type { Task } from '../model/plan.js';
import type { LanguageModel } from '../repair/lm.js';
import { lmForm } from '../repair/lmTokens.js';
import { loadLanguageModel } from '../repair/models.js';
import { quantile } from '../util/stats.js';
import { parsePeriod } from './periods.js';
import { key } from './text.js';
import { splitUnits } from './units.js';
import { startsWithBody } from './vocabulary.js';

export type Column = 'content' | 'product' | 'start' | 'end' | 'time' | 'lead' | 'support' | 'cost' | 'notes';

const TIME: ReadonlySet<Column> = new Set(['start', 'end', 'time']);
const UNITS: ReadonlySet<Column> = new Set(['lead', 'support']);
/** Words a time cell is made of ("Quý III/2025", "Tháng 8/2025", "Thường xuyên", "Trong năm 2025", "Từ ngày …"). */
const PERIOD_WORD =
  /^(thang|quy|thuong|xuyen|trong|nam|tu|den|truoc|ngay|hang|dinh|ky|giai|doan|cuoi|dau|het|ban|hanh|sau|khi|theo|yeu|cau|lien|tuc|\d[\d/.,-]*|[ivxl1]{1,4}\/?\d*|quy[ivxl1]+\/?\d*)$/;
export const HEADER_WORDS = /^(s?tt|noi|dung|nhiem|vu|san|pham|thoi|gian|thuc|hien|trien|hoan|khai|thanh|co|quan|chu|tri|phoi|hop|don|vi|ghi|kinh|phi|ket|qua|bat|dau|tien|do|nguoi|phu|trach|cong|viec)$/;

/** What a wrong cut looks like costs this (ln): a first-line cell starting in lower case, a rule inside a cell, a
 *  sure period outside the time cells, a time cell going on after its period is complete. */
const MISPLACED = -3;
/** A word that is no period in a time column. */
const NOT_A_PERIOD = -8;
/** A cell left empty on a row's first line. */
const EMPTY = -3;

interface Row {
  number: number;
  lines: string[];
  /** lines of the row before the one its number is on */
  above: number;
}

interface Table {
  columns: Column[];
  rows: Row[];
  /** the header's first line, as printed */
  header: string;
  /** the cells are centred in their rows: no line fills every cell, the first as little as the others */
  centred: boolean;
}

/** A header row's start: its number column, then the task's ("Nội dung", "Nhiệm vụ", "Nội dung công việc"). */
const HEADER_START = /^s?tt\b.*(?:noi dung|nhiem vu|cong viec)/;
/** A Roman-numbered heading in capitals. */
const SECTION_HEADING = /^[IVX]{1,4}\.\s+\p{Lu}{2,}(?:\s+\p{Lu}+)*[,\s\p{Lu}]*$/u;
/** A group's heading inside a table: a Roman numeral or a capital letter (or its cell, empty where the OCR lost it),
 *  then words in capitals only, across the other cells. */
const GROUP_HEADING = /^(?:(?:[IVX]{1,4}|[A-H])[.)]?\s*)?(?:\|\s*)?\p{Lu}[^|\p{Ll}]*$/u;

/** Whether the next printed line after `from` starts row `number` ("3 | Tuần tra …", "3. Tuần tra …"). */
function startsRow(lines: string[], from: number, number: number): boolean {
  const next = lines.slice(from).find((l) => l.trim());
  const m = next?.trim().match(/^(\d{1,2})\.?\s*[_/]?\|?\s*\p{L}/u);
  return !!m && Number(m[1]) === number;
}

/** A unit column's heading: a task table names who leads ("chủ trì", "Đơn vị thực hiện") or who helps. */
const UNIT_HEADING = /chu tri|phoi hop|phu trach|(?:don vi|co quan|nguoi) thuc hien|chiu trach nhiem/;

/** The columns the header names, in the order the header prints them (the content first). */
function columnsOf(header: string): Column[] {
  const k = key(header);
  const found: [number, Column[]][] = [];
  const at = (re: RegExp, cols: Column[]) => {
    const m = re.exec(k);
    if (m) found.push([m.index, cols]);
  };
  at(/\bsan\b|\bpham\b|ket qua/, ['product']);
  at(/thoi gian|tien do|thoi han/, /\btrien\b|\bkhai\b|bat dau/.test(k) && /\bhoan\b|\bthanh\b|ket thuc/.test(k) ? ['start', 'end'] : ['time']);
  // "Thời gian" centred over a cell of two lines can come before the header's first line: "hoàn thành" is left.
  if (!found.length) at(/\bhoan thanh\b/, ['time']);
  at(/chu tri|(don vi|co quan|nguoi) thuc hien|phu trach|chiu trach nhiem/, ['lead']);
  at(/phoi hop/, ['support']);
  at(/kinh phi/, ['cost']);
  at(/ghi chu/, ['notes']);
  return ['content', ...found.sort((a, b) => a[0] - b[0]).flatMap(([, cols]) => cols)];
}

function findTable(lines: string[], from: number): Table | null {
  let header = -1;
  for (let i = from; i < lines.length && header < 0; i++) {
    const k = key(lines[i]!);
    // A table's header row: "TT | Nội dung | … | Cơ quan chủ trì | Cơ quan phối hợp" (over a few lines).
    if (HEADER_START.test(k) && lines.slice(i, i + 5).some((l) => UNIT_HEADING.test(key(l)))) header = i;
  }
  if (header < 0) return null;
  const rows: Row[] = [];
  // Everything before the first row is header, whatever the OCR made of its words.
  const headerLines: string[] = [lines[header]!];
  let cur: Row | undefined;
  // Lines after the header, before the first row's number, that start as a row does.
  const above: string[] = [];
  let inHeader = true;
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    // A heading across the table over a group of its rows ("I | CÔNG TÁC TUYÊN TRUYỀN"): no row, and no section's
    // heading either when the next row follows it.
    if (GROUP_HEADING.test(line) && startsRow(lines, i + 1, cur ? cur.number + 1 : 1)) continue;
    // A section's heading after the rows ("III. KINH PHÍ") ends the table: what follows is body text.
    if (rows.length && SECTION_HEADING.test(line)) break;
    const k = key(line);
    // The header, repeated on the next page, and its second lines ("phẩm | chủ trì | phối hợp", "Triển khai").
    const words = k.split(/\s+/).filter((w) => /\p{L}/u.test(w));
    if (HEADER_START.test(k)) inHeader = true;
    else if (inHeader && words.filter((w) => HEADER_WORDS.test(w)).length < words.length * 0.6) inHeader = false;
    if (inHeader && !/^\d/.test(k)) {
      if (!cur) headerLines.push(line);
      continue;
    }
    inHeader = false;
    // A row starts with its number; an OCR may read a 1 as a letter ("Ì | Ban hành …").
    // The rule after it may come as "_|" or "/|", or the number with a period ("3. | …").
    const m = line.match(/^(\d{1,2}|[IlÌÍìí!])(?:\.(?=\s*\|))?\s*[_/]?\|?\s*(\S.*)$/u);
    const number = m ? (/\d/.test(m[1]!) ? Number(m[1]) : 1) : 0;
    const expected = cur ? cur.number + 1 : 1;
    // A number in a cell of its own ("9 | …", the word boxes marked it) starts a row whatever it reads.
    const ruled = m !== null && /\d/.test(m[1]!) && /^\S{1,2}\s*[_/]?\|/.test(line);
    if (m && /^[|[(]?\s*\p{L}/u.test(m[2]!) && (number === expected || (number === expected + 1 && /\d/.test(m[1]!)) || ruled)) {
      cur = { number: ruled ? expected : number, lines: [m[2]!], above: 0 };
      rows.push(cur);
    } else if (cur) cur.lines.push(line);
    // (Once a row has started so, its next lines before its number are its own too, in small letters or not.)
    else if (!inHeader && (above.length > 0 || rowStart(line))) above.push(line);
    else headerLines.push(...above.splice(0), line);
  }
  // Lines of a row's own before its number: the number cell is centred in its row, level with the middle of a
  // content cell of several lines, and the row's first line (its content's, starting with a capital) comes before it.
  const centred = above.length > 0 && rows.length > 0;
  if (centred) {
    rows[0]!.lines.unshift(...above);
    rows[0]!.above = above.length;
    centreRows(rows);
  } else headerLines.push(...above);
  const columns = columnsOf(headerLines.join(' '));
  // A last header cell the OCR garbled past reading ("… Đơn vị phối hợp fae an") over cells that are periods is
  // the time column.
  const tail = key(lines[header]!).split(/\s+/).at(-1) ?? '';
  if (!columns.some((c) => TIME.has(c)) && !HEADER_WORDS.test(tail) && rows.filter((r) => PERIOD_IN.test(key(r.lines.join(' ')))).length * 2 >= rows.length)
    columns.push('time');
  return { columns, rows, header: lines[header]!, centred };
}

/** A period somewhere in a row: "Tháng 01/2026", "Quý II/2026", "31/3/2026", "Thường xuyên", "Trước ngày …". */
const PERIOD_IN = /\b(?:thang|quy) (?:[ivxl1]{1,4}\b|\d)|\b\d{1,2}\/\d{4}\b|thuong xuyen|truoc ngay/;

/** A row's first line in a table of centred cells: its content cell's first line, a capital and a line's words. */
const rowStart = (line: string) => /^\p{Lu}/u.test(line) && line.split(/\s+/).length >= ROW_START_WORDS;
const ROW_START_WORDS = 4;

/**
 * In a table whose first row starts above its number, every row does: the lines before a row's number line go to
 * it from the row above, from that row's first line after its own lines below its number (about as many as above
 * it, less one: the tallest cell sets the middle) that starts as a row starts. Rows are taken in order, each with
 * the lines above its number counted.
 */
function centreRows(rows: Row[]): void {
  for (let r = 1; r < rows.length; r++) {
    const prev = rows[r - 1]!;
    const numberLine = prev.above;
    const first = numberLine + 1 + Math.max(0, prev.above - 1);
    const at = prev.lines.findIndex((l, k) => k >= first && rowStart(l));
    if (at < 0) continue;
    const moved = prev.lines.splice(at);
    rows[r]!.lines.unshift(...moved);
    rows[r]!.above = moved.length;
  }
}

interface Item {
  text: string;
  id: number;
  /** a rule ("|") stood before it */
  rule: boolean;
  period: boolean;
  /** a period no other cell would hold: "Quý III/", "8/2025" */
  surePeriod: boolean;
  capital: boolean;
  /** a body's name starts here ("Phòng …", "Cơ quan, đơn vị …") */
  body: boolean;
}

/** A printed line as words; punctuation goes with the word before it, rules become marks on the word after. */
function itemsOf(line: string, lm: LanguageModel): Item[] {
  const items: Item[] = [];
  let rule = false;
  let pending = '';
  for (const raw of line.replace(/\|/g, ' | ').split(/\s+/).filter(Boolean)) {
    if (raw === '|') {
      rule = true;
      continue;
    }
    const core = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}/]+$/gu, '');
    const prev = items[items.length - 1];
    // "Quý" and its numeral are one word here ("Quý III/", "Quý IV/2025").
    if (prev && !rule && /^quy$/.test(key(prev.text)) && /^[IVXl1]{1,4}\/?\d*$/.test(core)) {
      prev.text += ` ${raw}`;
      prev.surePeriod = true;
      continue;
    }
    const form = lmForm(core);
    if (!form) {
      if (items.length && !rule) items[items.length - 1]!.text += ` ${raw}`;
      else pending += `${raw} `;
      continue;
    }
    items.push({
      text: pending + raw,
      id: lm.id(form),
      rule,
      period: PERIOD_WORD.test(key(core)),
      surePeriod: /^\d{1,2}\/\d{4}$/.test(core),
      capital: /^\p{Lu}/u.test(core),
      body: false,
    });
    rule = false;
    pending = '';
  }
  if (pending && items.length) items[items.length - 1]!.text += ` ${pending.trim()}`;
  items.forEach((it, i) => {
    it.body = startsWithBody(items.slice(i, i + 4).map((x) => x.text).join(' '));
  });
  return items;
}

/**
 * The column of each word of one printed line: the best cut of the line into cells, left to right, columns never
 * going back (a dynamic programme over (end of a cell, its column)). `last` and `last2` hold, per column, the last two
 * words the row has put there so far (−1 and <s> for none); `widths`, per column, the characters a cell's line
 * holds at most.
 */
function cutLine(
  items: Item[],
  columns: Column[],
  last: number[],
  last2: number[],
  /** each column's text so far in this row */
  sofar: string[],
  firstLine: boolean,
  /** the first line fills every cell (top-aligned cells) */
  fills: boolean,
  widths: number[],
  lm: LanguageModel,
): number[] {
  const n = items.length;
  const C = columns.length;
  // Word k going on in the same cell as the two words before it (prefix sums in tri); after one word, bigram.
  const tri = new Float64Array(n + 1);
  for (let k = 2; k < n; k++)
    tri[k + 1] = tri[k]! + lm.score(items[k - 2]!.id, items[k - 1]!.id, items[k]!.id) + (items[k]!.rule ? MISPLACED : 0);
  const inner = (j: number, i: number): number =>
    i - j < 2 ? 0 : lm.score2(items[j]!.id, items[j + 1]!.id) + (items[j + 1]!.rule ? MISPLACED : 0) + tri[i]! - tri[j + 2]!;
  const chars = new Int32Array(n + 1);
  items.forEach((it, k) => (chars[k + 1] = chars[k]! + it.text.length + (k ? 1 : 0)));
  const cell = (j: number, i: number, c: number): number => {
    const col = columns[c]!;
    const it = items[j]!;
    const fresh = last[c]! < 0;
    let s = (fresh ? lm.score2(lm.bos, it.id) : lm.score(last2[c]!, last[c]!, it.id)) + inner(j, i);
    // The second word of the cell, after the cell's last word on the lines above.
    if (!fresh && i - j >= 2) s += lm.score(last[c]!, it.id, items[j + 1]!.id) - lm.score2(it.id, items[j + 1]!.id);
    // A cell starts with a capital: on a row's first line, or on any line where cells are centred (each starts
    // on a line of its own).
    if (fresh && (firstLine || !fills)) s += (it.capital || !/\p{L}/u.test(it.text) ? 0 : MISPLACED) + (UNITS.has(col) && it.body ? 1 : 0);
    if (j > 0 && it.rule) s += 1;
    if (TIME.has(col)) {
      for (let k = j; k < i; k++) if (!items[k]!.period) s += NOT_A_PERIOD;
      // "Quý I/" wrapped before its year; a period already complete ("Tháng 8/2025") goes on no further.
      if (/\/$/.test(sofar[c]!) && /^\d{4}$/.test(it.text)) s += 2;
      else if (/\d{4}/.test(sofar[c]!)) s += MISPLACED;
    } else for (let k = j; k < i; k++) if (items[k]!.surePeriod) s += MISPLACED;
    const len = chars[i]! - chars[j]! - (j ? 1 : 0);
    if (len > widths[c]!) s -= len - widths[c]!;
    return s;
  };
  // A row's first line fills every cell, as a rule: a column skipped there costs EMPTY.
  const skip = (from: number, to: number) => (firstLine && fills ? (to - from - 1) * EMPTY : 0);
  const best = new Float64Array((n + 1) * C).fill(-Infinity);
  const from = new Int32Array((n + 1) * C * 2);
  for (let i = 1; i <= n; i++)
    for (let c = 0; c < C; c++)
      for (let j = 0; j < i; j++) {
        let prev = -Infinity;
        let prevCol = -1;
        // A row's first line starts with its content cell.
        if (j === 0) prev = firstLine ? (c === 0 ? 0 : -Infinity) : 0;
        else
          for (let c2 = 0; c2 < c; c2++) {
            const v = best[j * C + c2]! + skip(c2, c);
            if (v > prev) {
              prev = v;
              prevCol = c2;
            }
          }
        if (prev === -Infinity) continue;
        const v = prev + cell(j, i, c);
        if (v > best[i * C + c]!) {
          best[i * C + c] = v;
          from[(i * C + c) * 2] = j;
          from[(i * C + c) * 2 + 1] = prevCol;
        }
      }
  let c = 0;
  for (let k = 1; k < C; k++) if (best[n * C + k]! + skip(k, C) > best[n * C + c]! + skip(c, C)) c = k;
  const cols = new Array<number>(n);
  let i = n;
  while (i > 0) {
    const j = from[(i * C + c) * 2]!;
    const c2 = from[(i * C + c) * 2 + 1]!;
    for (let k = j; k < i; k++) cols[k] = c;
    i = j;
    c = c2;
  }
  return cols;
}

export function timelineOf(cells: Map<Column, string>): Task['timeline'] {
  const fix = (s: string | undefined) =>
    (s ?? '')
      .replace(/\b(qu[yý])\s*([IVXl1]{1,4})\s*\/\s*/giu, '$1 $2/') // "QuyIV/ 2025" → "Quy IV/2025"
      .replace(/^(\d{1,2}\/\d{4})$/, 'Tháng $1') // a bare "12/2025" in a time cell is a month
      .trim();
  const one = fix(cells.get('time'));
  if (one) return parsePeriod(one);
  const a = fix(cells.get('start'));
  const b = fix(cells.get('end'));
  if (!a || !b || a === b) return parsePeriod(a || b);
  // From the start of the first cell's period to the end of the second's.
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (!pa || !pb) return pa ?? pb;
  return { text: `${a} - ${b}`, start: pa.start, end: pb.end, recurring: pa.recurring || pb.recurring };
}

/** Each row's cells, every printed line (as its words) cut with the given column widths. */
function readRows(rows: Item[][][], columns: Column[], widths: number[], centred: boolean, lm: LanguageModel): { cells: string[][]; lengths: number[][] } {
  const lengths = columns.map(() => [] as number[]);
  const cells = rows.map((row) => {
    const parts = columns.map(() => [] as string[]);
    const last = columns.map(() => -1);
    const last2 = columns.map(() => lm.bos);
    row.forEach((items, li) => {
      if (items.length === 0) return;
      const sofar = parts.map((p) => p.join(' '));
      const cut = cutLine(items, columns, last, last2, sofar, li === 0, !centred, widths, lm);
      // A row's first line fills its cells the most reliably: the columns' widths are learned from those.
      if (li === 0)
        columns.forEach((_, c) => {
          const words = items.filter((_, i) => cut[i] === c).map((x) => x.text);
          if (words.length) lengths[c]!.push(words.join(' ').length);
        });
      cut.forEach((c, i) => {
        parts[c]!.push(items[i]!.text);
        last2[c] = last[c]! < 0 ? lm.bos : last[c]!;
        last[c] = items[i]!.id;
      });
    });
    return parts.map((p) => p.join(' ').replace(/\s+/g, ' ').trim());
  });
  return { cells, lengths };
}

/** The column one header cell names, its letters read without spaces (an OCR may drop them: "Cơquanphốihợp");
 *  a cell that names none after the first is a note ("Địa điểm"). */
export function cellColumn(cell: string, index: number): Column {
  const k = key(cell).replace(/[^a-z]/g, '');
  if (/phoihop/.test(k)) return 'support';
  // "Thời gian triển khai" | "Thời gian hoàn thành": a start and an end column; "Thời gian thực hiện" is a time,
  // not who does it.
  if (/trienkhai|batdau/.test(k) && !/noidung/.test(k)) return 'start';
  if (/hoanthanh|ketthuc/.test(k)) return 'end';
  if (/thoigian|tiendo|thoihan/.test(k)) return 'time';
  // "Đơn vị chủ trì", "Người thực hiện", "Người phụ trách", "Chịu trách nhiệm": who leads.
  if (/chutri|thuchien|phutrach|chiutrachnhiem/.test(k)) return 'lead';
  if (/sanpham|ketqua/.test(k)) return 'product';
  if (/kinhphi/.test(k)) return 'cost';
  return index === 0 || /noidung/.test(k) ? 'content' : 'notes';
}

/**
 * A table whose cells a scan's word boxes marked (" | " between all columns, empty cells included): each cell is
 * taken as it stands, by the column its header cell names. Null when any line is not marked that way.
 */
function markedCells(table: Table): { columns: Column[]; cells: string[][] } | null {
  const head = table.header.split('|').map((c) => c.trim());
  if (head.length < 3 || !/^s?tt\.?$/.test(key(head[0]!))) return null;
  const columns = head.slice(1).map((c, i) => cellColumn(c, i));
  const cells: string[][] = [];
  for (const row of table.rows) {
    const parts = columns.map(() => [] as string[]);
    for (const [li, line] of row.lines.entries()) {
      const split = line.split('|').map((c) => c.trim());
      // The first line comes without its number; the next ones start with the number column's empty cell.
      const own = li === 0 ? split : line.startsWith('|') ? split.slice(1) : null;
      if (!own || own.length !== columns.length) return null;
      own.forEach((c, k) => c && parts[k]!.push(c));
    }
    cells.push(parts.map((p) => p.join(' ')));
  }
  return { columns, cells };
}

export function tableTasks(lines: string[], from: number): Task[] {
  return readTable(lines, from).tasks;
}

/** The appendix table's tasks, and whether its cells came marked by column position (a scan's word boxes) rather
 *  than cut from flattened text by the language model. */
export function readTable(lines: string[], from: number): { tasks: Task[]; marked: boolean } {
  const table = findTable(lines, from);
  if (!table || table.rows.length === 0) return { tasks: [], marked: false };
  const marked = markedCells(table);
  if (marked) return { tasks: marked.cells.map((parts) => taskOf(new Map(marked.columns.map((c, i) => [c, parts[i]!])))), marked: true };
  const lm = loadLanguageModel();
  const { columns } = table;
  // Cut once without knowing the columns' widths, learn them from that cut (a cell's lines are at most as long
  // as its column is wide), and cut again with them.
  const rows = table.rows.map((row) => row.lines.map((line) => itemsOf(line, lm)));
  const first = readRows(rows, columns, columns.map(() => Infinity), table.centred, lm);
  const widths = first.lengths.map((l) => Math.round(quantile(l, 0.75) * 1.2) + 1);
  const { cells } = readRows(rows, columns, widths, table.centred, lm);
  return { tasks: cells.map((parts) => taskOf(new Map(columns.map((c, i) => [c, parts[i]!])))), marked: false };
}

export function taskOf(cell: Map<Column, string>): Task {
  return {
    content: cell.get('content') ?? '',
    lead: splitUnits(cell.get('lead') ?? ''),
    support: splitUnits(cell.get('support') ?? ''),
    timeline: timelineOf(cell),
    section: null,
  };
}
