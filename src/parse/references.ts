// References to other documents: "Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh", "Nghị quyết số
// 57-NQ/TW", "Kế hoạch 464-KH/TU", also broken over lines ("20-" / "KH/BCĐ57"), and laws cited by name and date
// ("Luật Đầu tư công ngày 29 tháng 11 năm 2024", as a "Căn cứ" line has them: number and symbol null, the law's
// name kept), and a congress's resolution, which has no number ("Nghị quyết Đại hội đại biểu Đảng bộ phường … lần
// thứ I, nhiệm kỳ 2025 - 2030"), where the title or the preamble names it as the document's ground. Each once, in
// order of first mention; the document's own number is not a reference.
import type { Reference } from '../model/plan.js';
import { levenshtein } from '../util/levenshtein.js';
import { codeWords, fixSymbol, initials } from './header.js';
import { parseDate } from './periods.js';
import { key } from './text.js';
import { DOCUMENT_TYPES, typeFromCode } from './vocabulary.js';

const TYPE_ALT = DOCUMENT_TYPES.map(([n]) => n)
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/ /g, '\\s+'))
  .join('|');

/** A date as printed: "15/12/2026", "15-12-2026", "15 tháng 12 năm 2026". */
const DATE = `(\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{4}|\\d{1,2}\\s+tháng\\s+\\d{1,2}\\s+năm\\s+\\d{4})`;

// [type] [hành động] [số] NUMBER (-|/) SYMBOL [, ngày DATE] [của ISSUER]
const REF_RE = new RegExp(
  `(?:(${TYPE_ALT})(?:\\s+(?:hành\\s+động|liên\\s+tịch))?\\s+(?:số\\s*:?\\s*)?)?` +
    // A normative document's symbol may carry its year first: "102/2016/QH13", "56/2017/NĐ-CP"; an OCR may read an
    // S as 5 ("1840/5NV-VTLT": fixSymbol reads it back where that makes a known code).
    `(?<![\\w/-])(\\d{1,5})\\s*([-/])\\s*((?:(?:19|20)\\d{2}\\s?\\/\\s?)?(?:(?:[A-ZĐ]|5(?=[A-Z]))[A-Za-zĐđ]*\\d*)(?:\\s?[-/]\\s?(?:[A-ZĐ]|[1|](?=[A-Za-z]))[A-Za-zĐđ0-9]*)*)` +
    `(?:,?\\s*ngày\\s+${DATE})?` +
    // "và" ends the issuer before another document (or a small letter, below), not inside a name ("Ban Tuyên giáo và
    // Dân vận"); the pattern is case-blind, so the small letter is looked at in code.
    `(?:\\s+(?:của|do)\\s+([^,;.()]{3,80}?)(?=\\s+(?:về|ban hành|quy định|nhằm|trong|tại|theo)\\s|\\s+và\\s+(?:${TYPE_ALT})\\s|[,;.()]|$))?`,
  'giu',
);

/**
 * A law by its name and the date it was passed, with no number between ("Luật Tổ chức chính quyền địa phương ngày
 * 16 tháng 6 năm 2025"): its name is a capital and words of letters only (a comma may part two of them: "Luật
 * Phòng, chống thiên tai"), so "Luật … số 72/2020/QH14 ngày …" is left to the numbered pattern, and a law named in
 * passing without a date is no citation.
 */
const LAW_RE = new RegExp(`(?<![\\p{L}\\p{M}])(Bộ luật|Luật)\\s+(\\p{Lu}[\\p{L}\\p{M}]*(?:,?\\s+(?!số\\s|ngày\\s|Luật\\s)[\\p{L}\\p{M}]+){0,14}?)\\s+ngày\\s+${DATE}`, 'gu');

/**
 * A congress's resolution by its congress: "Nghị quyết Đại hội [đại biểu] <body> lần thứ <n>[, nhiệm kỳ <years>]".
 * Congress resolutions carry no number; cited in passing in the body ("gắn với việc thực hiện Nghị quyết Đại hội
 * …") they are context, so only the front matter's count.
 */
const CONGRESS_RE = new RegExp(
  `(?<![\\p{L}\\p{M}])Nghị\\s+quyết\\s+(Đại\\s+hội\\s+(?:[\\p{L}\\p{M}]+\\s+){1,12}?lần\\s+thứ\\s+(?:[IVXLC]+|\\d{1,2}))\\b` +
    `(?:,?\\s+nhiệm\\s+kỳ\\s+\\d{4}\\s*[-–]\\s*\\d{4})?`,
  'giu',
);

function sentenceCaseType(t: string): string {
  const k = key(t);
  return DOCUMENT_TYPES.find(([n]) => key(n) === k)?.[0] ?? t;
}

/** The text as one line for the patterns: symbols broken at a line end joined, paragraphs and list items ended. */
function flatten(text: string): string {
  // Join symbols broken at a line end ("20-\nKH/BCĐ57", "26/CT-\nTTg") before matching.
  return text
    .replace(/(\d)\s*([-/])\s*\n\s*(?=[A-ZĐI1|])/gu, '$1$2')
    .replace(/(\d{1,5}[-/][A-ZĐ][A-Za-zĐđ0-9]*[-/])\s*\n\s*(?=[A-ZĐ1|][A-Za-zĐđ0-9]*\b)/gu, '$1')
    // A reference ends at a paragraph or a list item: an issuer never runs on into "Kính gửi:" or "- …".
    .replace(/\n[ \t]*(?:\n\s*|(?=[-+•]\s))/g, ' ; ')
    .replace(/\s+/g, ' ');
}

/**
 * An English-model OCR reads Đ as D: a symbol's body code whose D's, made Đ, spell the initials of the issuer named
 * after it, or of its first words, is written so ("03/QD-BVD … của Ban Vận động Quỹ …" is QĐ-BVĐ; the document
 * code is fixSymbol's).
 */
export function symbolDsFromIssuer(symbol: string, issuer: string): string {
  const code = initials(codeWords(issuer));
  return symbol
    .split(/([-/])/)
    .map((seg, i) => {
      if (i === 0 || seg.length < 2 || !seg.includes('D') || code.length < seg.length) return seg;
      // The initials of the first words (the body's name before its unit, its place), position for position.
      const fits = [...seg].every((c, k) => c === code[k] || (c === 'D' && code[k] === 'Đ'));
      return fits ? code.slice(0, seg.length) : seg;
    })
    .join('');
}

/**
 * The references in the document's text; `front` is how many of its lines are front matter (header, title,
 * preamble), where a numberless congress resolution is the document's ground.
 */
export function findReferences(text: string, own: { number: string | null; symbol: string | null }, front = 0): Reference[] {
  const flat = flatten(text);
  const found: { at: number; ref: Reference }[] = [];
  const seen = new Set<string>();
  for (const m of flatten(text.split('\n').slice(0, front).join('\n')).matchAll(CONGRESS_RE)) {
    const [whole, congress] = m;
    const id = key(congress!);
    if (seen.has(id)) continue;
    seen.add(id);
    found.push({ at: m.index!, ref: { type: 'Nghị quyết', number: null, symbol: null, date: null, issuer: congress!, name: whole } });
  }
  for (const m of flat.matchAll(LAW_RE)) {
    const [, type, name, date] = m;
    const id = key(`${type} ${name}`);
    if (seen.has(id)) continue;
    seen.add(id);
    found.push({ at: m.index!, ref: { type: sentenceCaseType(type!), number: null, symbol: null, date: parseDate(`ngay ${key(date!)}`), issuer: null, name: `${type} ${name}` } });
  }
  for (const m of flat.matchAll(REF_RE)) {
    const [, type, number, sep, rawSymbol, date, issuer] = m;
    const compact = rawSymbol!.replace(/\s+/g, '');
    const year = /^(?:19|20)\d{2}\//.test(compact);
    // A symbol without a year has two parts or more ("KH-UBND"); with one, its year and a body's code suffice.
    if (!year && !/[-/]/.test(compact)) continue;
    const symbol = year ? compact.slice(0, 5) + fixSymbol(compact.slice(5), false) : fixSymbol(compact, sep === '-');
    const code = (year ? symbol.slice(5) : symbol).split(/[-/]/)[0]!.replace(/\d+$/, '');
    // A symbol names a document only when its first part is a document code, or it carries the document's year
    // ("Luật Trẻ em số 102/2016/QH13": the type stands a few words before); "2021-2030" etc. never reach here.
    const before = type ? null : flat.slice(Math.max(0, m.index! - 60), m.index).match(new RegExp(`(${TYPE_ALT})(?!.*(?:${TYPE_ALT}))`, 'iu'));
    const typeName = type ? sentenceCaseType(type) : year && before ? sentenceCaseType(before[1]!) : typeFromCode(code);
    if (!typeName && !type) continue;
    // The header's own number line, the symbol maybe as the OCR read it before the header mended it ("KH-SVT").
    if (own.symbol && own.number === number && levenshtein(own.symbol, symbol) <= 1) continue;
    // An appendix's "(Kèm theo Kế hoạch số …)" names the document it is attached to, this one, whatever the OCR made
    // of its number ("119" for 118) or of its symbol ("KH-TT YT" cut short at a space).
    const attached = /kem theo\W*$/.test(key(flat.slice(Math.max(0, m.index! - 20), m.index)));
    if (attached && ((own.symbol && levenshtein(own.symbol, symbol) <= 1) || (own.number !== null && own.number === number))) continue;
    const body = issuer ? issuer.replace(/\s+và\s+\p{Ll}.*$/u, '').trim() : null;
    const spelt = body ? symbolDsFromIssuer(symbol, body) : symbol;
    const id = `${number}|${spelt}`;
    if (seen.has(id)) continue;
    seen.add(id);
    found.push({
      at: m.index!,
      ref: {
        type: typeName,
        number: number!,
        symbol: spelt,
        date: date ? parseDate(`ngay ${key(date)}`) : null,
        issuer: body,
      },
    });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.ref);
}
