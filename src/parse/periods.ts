// Periods as printed ("Quý IV/2025", "6 tháng cuối năm 2025", "Trước ngày 15/12/2026", "Thường xuyên") to
// ISO date ranges, inclusive, per the table in CONTRACT.md. Matching is done on the text without marks, so an
// OCR that lost them still reads.
import type { Timeline } from '../model/plan.js';
import { key } from './text.js';

interface Range {
  start: string | null;
  end: string | null;
  recurring: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthStart = (y: number, m: number) => `${y}-${pad(m)}-01`;
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(lastDay(y, m))}`;
const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** A quarter's number from its numeral, also as an OCR may have read it: "111", "Il" or "IJI" for III, "1V" for IV. */
export function quarterNumber(numeral: string): number | undefined {
  const q = numeral.toLowerCase();
  if (/^[1-4]$/.test(q)) return Number(q);
  // An H is two strokes whose serifs touched ("Quý 1H" for "Quý III"); a T, one whose serif the OCR made a bar.
  return QUARTERS[q.replace(/[l1j|t]/g, 'i').replace(/h/g, 'ii')];
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > lastDay(y, m) || y < 1900 || y > 2200) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** "15/12/2026", "15-12-2026", "ngày 15 tháng 12 năm 2026" (on a key()) → ISO. */
export function parseDate(k: string): string | null {
  let m = k.match(/(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/);
  if (m) return isoDate(+m[3]!, +m[2]!, +m[1]!);
  m = k.match(/ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/);
  if (m) return isoDate(+m[3]!, +m[2]!, +m[1]!);
  return null;
}

function single(k: string, docDate: string | null): Range | null {
  const recurring = /thuong xuyen|hang (nam|quy|thang|tuan)|dinh ky/.test(k);
  let m: RegExpMatchArray | null;
  if ((m = k.match(/truoc(?: ngay)?\s+(.+)/))) {
    const d = parseDate(m[1]!) ?? parseDate(`ngay ${m[1]}`);
    if (d) return { start: null, end: d, recurring };
  }
  // "Từ ngày ban hành (Kế hoạch) đến hết năm 2026": from the document's date.
  if ((m = k.match(/tu ngay (?:ky )?ban hanh(?: [a-z]+){0,3}? den (?:het )?(?:nam|ngay)?\s*(.+)/))) {
    const y = m[1]!.match(/^(\d{4})$/);
    const end = y ? `${y[1]}-12-31` : parseDate(m[1]!);
    if (end) return { start: docDate, end, recurring };
  }
  if ((m = k.match(/quy\s+((?:(?:[il1j|ht]{1,3}v?|[il1j|]?v|[1-4])\s*(?:,|va|-)?\s*)+)\s*(?:\/|nam)\s*(\d{4})/))) {
    const qs = m[1]!
      .split(/[^a-z0-9|]+/)
      .filter(Boolean)
      .map((q) => quarterNumber(q)!)
      .filter(Boolean);
    const y = +m[2]!;
    if (qs.length) return { start: monthStart(y, (Math.min(...qs) - 1) * 3 + 1), end: monthEnd(y, Math.max(...qs) * 3), recurring };
  }
  if ((m = k.match(/(\d+)\s+thang\s+(dau|cuoi)\s+(?:cua\s+)?nam\s+(\d{4})/))) {
    const n = Math.min(12, +m[1]!);
    const y = +m[3]!;
    return m[2] === 'dau' ? { start: monthStart(y, 1), end: monthEnd(y, n), recurring } : { start: monthStart(y, 13 - n), end: monthEnd(y, 12), recurring };
  }
  if ((m = k.match(/thang\s+(\d{1,2})(?:\s*(?:-|den|va|,)\s*(?:thang\s+)?(\d{1,2}))?\s*(?:\/|nam)\s*(\d{4})/))) {
    const a = +m[1]!;
    const b = m[2] ? +m[2] : a;
    const y = +m[3]!;
    if (a >= 1 && b <= 12 && a <= b) return { start: monthStart(y, a), end: monthEnd(y, b), recurring };
  }
  // Two days of one month ("Ngày 01 và 02/6/2026", "ngày 15-17/8/2026"): from the first to the second.
  if ((m = k.match(/ngay\s+(\d{1,2})\s*(?:va|-|,|den)\s*(?:ngay\s+)?(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/))) {
    const [a, b] = [isoDate(+m[4]!, +m[3]!, +m[1]!), isoDate(+m[4]!, +m[3]!, +m[2]!)];
    if (a && b && a <= b) return { start: a, end: b, recurring };
  }
  const date = parseDate(k);
  if (date && /ngay|\d\/\d+\/\d{4}/.test(k)) return { start: date, end: date, recurring };
  // A bare number is a year of this or the last century (an OCR's "5100" from a smudged cell is none).
  if ((m = k.match(/((?:19|20)\d{2})\s*(?:-|–|den)\s*((?:19|20)\d{2})/))) {
    const a = +m[1]!;
    const b = +m[2]!;
    if (a <= b) return { start: `${a}-01-01`, end: `${b}-12-31`, recurring };
  }
  if ((m = k.match(/(?:^|\D)((?:19|20)\d{2})(?:\D|$)/))) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31`, recurring };
  if (recurring) return { start: null, end: null, recurring };
  return null;
}

/**
 * A day printed without its year before the end of a range ("Từ ngày 01/3 đến ngày 30/4/2026"): the end's year, or
 * the year before where that day would come after the end ("01/12 … 31/01/2027").
 */
function dayInYearOf(k: string, end: string): Range | null {
  const m = k.match(/(\d{1,2})\s*\/\s*(\d{1,2})\s*$/);
  if (!m) return null;
  const y = Number(end.slice(0, 4));
  const day = isoDate(y, +m[2]!, +m[1]!);
  const start = day && day > end ? isoDate(y - 1, +m[2]!, +m[1]!) : day;
  return start ? { start, end: start, recurring: false } : null;
}

/** Normalise a printed period; null when it names no period at all. */
export function parsePeriod(text: string, docDate: string | null = null): Timeline | null {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/[.;,]+$/, '');
  if (!clean) return null;
  const k = key(clean)
    .replace(/[–—]/g, '-')
    .replace(/\bden het\b/g, 'den') // "đến hết tháng 12" ends with December
    .replace(/(?<!\d{4}\s*)(,|\bva|-)\s*quy\s+/g, '$1 ') // "Quý I và Quý II/2026" is "Quý I và II/2026"
    // A space an OCR put inside a date's month ("30/1 1/2026"): a day and month 10–12 of one date.
    .replace(/\b(\d{1,2}\s*\/\s*1) ([0-2]\s*\/\s*\d{4})/g, '$1$2');
  // Two periods joined ("Tháng 8/2025 - Tháng 12/2025", start and finish columns; "Từ ngày 01/6/2026 đến
  // 30/11/2026"): from the first to the second.
  // (A dash may lose a space to the OCR or the typist: "Tháng 5/2027 -Tháng 6/2027".)
  // Two months or dates joined by "và" ("Tháng 3/2026 và tháng 9/2026") span both, as two quarters do.
  const parts = k.split(/\s+(?:-|den|va|→)\s+(?=(?:thang|quy|nam|ngay)\b|\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4})|\s*[-→]\s*(?=(?:thang|quy|nam|ngay)\s)/);
  if (parts.length === 2) {
    const b = single(parts[1]!, docDate);
    const a = single(parts[0]!, docDate) ?? (b?.end ? dayInYearOf(parts[0]!, b.end) : null);
    if (a && b) return { text: clean, start: a.start, end: b.end, recurring: a.recurring || b.recurring };
  }
  const r = single(k, docDate);
  return r ? { text: clean, ...r } : null;
}
