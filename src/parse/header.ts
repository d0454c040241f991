// The header of a State or Party document: issuer and parent body (left column), motto (right column), the
// number line ("Số: 17/KH-UBND", "Số 28-KH/ĐU"), the place-and-date line, the type line and the title, or for
// letters "V/v …" and "Kính gửi: …". The OCR often merges the two columns line by line; each part is cut
// out of the merged line. A header that is missing yields nulls, not guesses.
import type { PlanDocument, Warning } from '../model/plan.js';
import { stripMarks } from '../repair/vietnamese.js';
import { levenshtein } from '../util/levenshtein.js';
import { quantile } from '../util/stats.js';
import { isoDate } from './periods.js';
import { ADMIN_UNITS, isUpperLine, joinLines, key, letterKey, sentenceCase } from './text.js';
import { ISSUER_CODES, MOTTOS, TYPE_BY_KEY, TYPE_CODES, startsWithBody } from './vocabulary.js';

export interface HeaderResult {
  document: PlanDocument;
  /** index of the first line after the header (the preamble or the body) */
  bodyStart: number;
  warnings: Warning[];
}


const MOTTO_RES: { re: RegExp; motto: string | null }[] = [
  { re: /c[o0]ng h[o0]a x[a4] h\S{0,3} ch\S{0,2} ngh\S{0,2}a vi\S{0,2}t nam/, motto: MOTTOS[0]!.text },
  { re: /[dđpb]\S{0,2}ng c[o0]ng s\S{0,2}n vi\S{0,2}t nam/, motto: MOTTOS[1]!.text },
  { re: /[dđ]\S{0,2}c l\S{0,2}p\s*[-–—]?\s*t\S{0,2} do\s*[-–—]?\s*h\S{0,2}nh ph\S{0,3}c/, motto: null },
  { re: /[dđpb]\S{0,2}an (?:tncs|thanh ni\S{0,2}n c[o0]ng s\S{0,2}n) h\S{0,2} ch\S{0,2} minh/, motto: MOTTOS[2]!.text },
];

// The separator between number and symbol may be lost to the OCR ("297UBND-VHXH") or read as a period
// ("163.KH-UBND"): then the symbol follows the digits directly.
const NUMBER_RE = /^(\S{0,4}?)\s*:?\s*(\d{1,5})?(?:\s*([-/])\s*|(?<=\d)\.?(?=[A-ZĐ]{2}))((?:[A-ZĐbp]|5(?=[A-ZĐ]{2}))[A-Za-zĐđ0-9]*(?:\s?[-/]\s?[A-Za-zĐđ0-9]+)*)/u;
// Day and month may be left blank (a plan signed digitally, or dated by hand): "ngày    tháng 01 năm 2026".
const BLANK = String.raw`[\s._…]*`;
// "tháng" between the day and the month may come misread ("thúng", "thứ"): the numbers around it carry the date.
const DATE_RE = new RegExp(String.raw`ngay${BLANK}(\d{1,2})?${BLANK}(?:thang|(?<=\d\s*)th[a-z]{0,3}(?=\s*\d))${BLANK}(\d{1,2})?${BLANK}nam\s+(\d{4})`);
const VV_RE = /^V\s*\/\s*v\.?\s*(.*)$/i;
const PREAMBLE_RE = /^(can cu|thuc hien|theo|de |nham|trien khai|thi hanh|ke thua|qua |tiep tuc|ngay \d)/;

/** Letters an OCR reads in place of another in a code: a rule or a "1" for T/I/L, (an English model has
 *  no Đ) B, P or D for Đ, and a 5 for S. */
const LOOKALIKES: [RegExp, string[]][] = [
  [/[I1l|]/, ['T', 'I', 'L']],
  [/[BPD]/, ['Đ']],
  [/5/, ['S']],
];

/**
 * A code the OCR damaged by one look-alike glyph ("INQ" for NQ, "1Tg" for TTg, "BCB57" for BCĐ57) or one letter
 * read twice ("QĐĐ"), when one reading is a known code and the code as read is not. A trailing number ("BCĐ57") is kept as it is.
 */
function readCode(seg: string, known: ReadonlySet<string>): string {
  const [, letters, digits] = seg.match(/^(.*?)(\d*)$/)!;
  if (!letters || known.has(letters)) return seg;
  if (/^[I1l|]/.test(letters) && known.has(letters.slice(1))) return letters.slice(1) + digits;
  // A letter read twice ("QĐĐ" for QĐ: a seal's ring beside it).
  for (let k = 1; k < letters.length; k++)
    if (letters[k] === letters[k - 1] && known.has(letters.slice(0, k) + letters.slice(k + 1))) return letters.slice(0, k) + letters.slice(k + 1) + digits;
  for (const alt of lookalikeReadings(letters)) if (known.has(alt)) return alt + digits;
  return seg;
}

/** The letters with one glyph read as what it may stand for (LOOKALIKES), one place at a time, left to right. */
function* lookalikeReadings(letters: string): Generator<string> {
  for (let k = 0; k < letters.length; k++)
    for (const [glyphs, readings] of LOOKALIKES)
      if (glyphs.test(letters[k]!)) for (const r of readings) yield letters.slice(0, k) + r + letters.slice(k + 1);
}

/** OCR damage inside a document symbol: "KH/bU" → "KH/ĐU", "QD-UBND" → "QĐ-UBND". */
export function fixSymbol(symbol: string, partyStyle: boolean): string {
  const parts = symbol.replace(/\s+/g, '').split(/([-/])/);
  return parts
    .map((seg, i) => {
      if (seg === '-' || seg === '/') return seg;
      let s = seg.replace(/^(?:[BP]b|b|p)(?=[A-Z0-9]|$)/, 'Đ');
      // A code's S read as 5 ("5GDĐT" for SGDĐT), unless the 5 is a speck before a code whole without it ("5UBND",
      // "5SGDĐT").
      if (/^5[A-ZĐ]{2}/u.test(s)) {
        const rest = s.slice(1);
        const letters = rest.replace(/\d+$/, '');
        s = TYPE_CODES.has(letters) || ISSUER_CODES.has(letters) || rest.startsWith('S') ? rest : `S${rest}`;
      }
      if (!TYPE_CODES.has(s) && TYPE_CODES.has(s.replace('D', 'Đ'))) s = s.replace('D', 'Đ');
      // "GDĐT" (Giáo dục và Đào tạo: BGDĐT, SGDĐT, PGDĐT) with its Đ written D by an English-model OCR.
      s = s.replace(/GDDT/, 'GDĐT');
      // Party issuer codes "ĐU" (Đảng ủy): an English-model OCR has no Đ and writes D.
      if (partyStyle && i > 0 && /^D(U|UK|B)$/.test(s)) s = `Đ${s.slice(1)}`;
      // A letter's symbol starts with its issuer's code ("SNV-VTLT"), a plan's with its type's ("KH-UBND").
      const asType = i === 0 ? readCode(s, TYPE_CODES) : s;
      const read = asType !== s ? asType : readCode(s, ISSUER_CODES);
      // A speck read as a digit before a code of capitals ("5SGDĐT" for SGDĐT) is no part of it.
      return /^\d[A-ZĐ]{3,}$/u.test(read) ? read.slice(1) : read;
    })
    .join('');
}

/**
 * A symbol's code that is no known code and that the text nowhere else writes, where one look-alike glyph makes a
 * word in capitals that the text does write: that word ("KH-MTTQ-BIT" in a text of the "BTT Ủy ban MTTQ", the
 * standing committee). The document's own words know its issuer's codes better than a list of them.
 */
export function symbolFromText(symbol: string, text: string): string {
  const rest = text.split(symbol).join(' ');
  const words = new Set(rest.match(/[A-ZĐ]{2,}/gu) ?? []);
  return symbol
    .split(/([-/])/)
    .map((seg) => {
      if (!/^[A-ZĐ1|]{3,}$/u.test(seg) || TYPE_CODES.has(seg) || ISSUER_CODES.has(seg) || words.has(seg)) return seg;
      // (A reading that leaves the code as it is never counts: the text does not write it.)
      const seen = new Set([...lookalikeReadings(seg)].filter((alt) => words.has(alt)));
      return seen.size === 1 ? [...seen][0]! : seg;
    })
    .join('');
}

/** A body's name as the words its code is made of: "và" and what starts with no letter left out. */
export function codeWords(name: string): string[] {
  return name.split(/\s+/).filter((w) => /^\p{L}/u.test(w) && key(w) !== 'va');
}

/** The words' initials in capitals, marks dropped but Đ kept ("Ủy ban nhân dân" → UBND, "Ban Chỉ đạo" → BCĐ). */
export function initials(words: string[]): string {
  return words.map((w) => w.normalize('NFD')[0]!.toUpperCase()).join('');
}

/**
 * The issuer's code in a symbol is its name's initials ("Sở Y tế" → SYT, "Ủy ban nhân dân" → UBND, "và" left out):
 * a code of three letters or more that is one letter off them ("KH-SVT") is the OCR's misreading of them.
 */
export function symbolAfterIssuer(symbol: string, issuer: string): string {
  const words = codeWords(issuer);
  // The whole name's, and the body's before its unit and place ("Ủy ban nhân dân | xã Phú Ninh").
  const unit = words.findIndex((w, i) => i > 0 && ADMIN_UNITS.some((u) => key(words.slice(i, i + u.split(' ').length).join(' ')) === key(u)));
  const codes = new Set([initials(words), ...(unit > 0 ? [initials(words.slice(0, unit))] : [])]);
  return symbol
    .split(/([-/])/)
    .map((seg, i) => {
      if (i === 0 || seg.length < 3 || codes.has(seg)) return seg;
      const near = [...codes].filter((c) => c.length === seg.length && levenshtein(c, seg) === 1);
      return near.length === 1 ? near[0]! : seg;
    })
    .join('');
}

export function parseNumberLine(line: string): { number: string | null; symbol: string; rest: string } | null {
  const m = line.trim().match(NUMBER_RE);
  if (!m) return null;
  const prefix = letterKey(m[1] ?? '');
  // The token before the number must look like "Số" (or be nothing, for a letter that starts at its number).
  if (prefix && !/^[s$][^\s]{0,3}$/.test(prefix.replace(/[.:,]/g, ''))) return null;
  const party = m[3] === '-';
  const symbol = fixSymbol(m[4]!, party);
  if (!/^[A-ZĐ]/.test(symbol) || !/[A-ZĐ]{2}/.test(symbol)) return null;
  // Without "Số" and without the separator, only a symbol of two parts is one ("297UBND-VHXH"): a word in capitals
  // after a digit is an issuer's line misread ("TRIỀU" read "1RIEU").
  if (!prefix && !m[3] && !/[-/]/.test(symbol)) return null;
  return { number: m[2] ?? null, symbol, rest: line.trim().slice(m[0].length) };
}

export function parseDateLine(line: string): { place: string | null; date: string | null; before: string } | null {
  const k = letterKey(line);
  const m = k.match(DATE_RE);
  if (!m || m.index === undefined) return null;
  const date = m[1] && m[2] ? isoDate(+m[3]!, +m[2], +m[1]) : null;
  const head = line.slice(0, m.index).replace(/[,\s]+$/, '');
  // The place is the last run of capitalised words before ", ngày" (a unit named by its number: "Quận 1").
  const pm = head.match(/((?:\p{Lu}[\p{L}\p{M}]*\.?\s?)+(?:\d{1,3})?)$/u);
  let run = pm ? pm[1]! : '';
  // The place is printed in small letters after its capital; words in capitals before it ("NGHĨA THÀNH Nghĩa
  // Thành, ngày …") are the issuer column's, merged onto the line by an OCR that read the page across.
  const caps = run.match(/^((?:\p{Lu}{2,}\s+)+)(?=\p{Lu}\p{Ll})/u);
  if (caps && caps[1]!.trim().split(/\s+/).some((w) => [...w].length >= 3)) run = run.slice(caps[1]!.length);
  const place = run.trim() || null;
  return { place: place && place.length > 1 ? place : null, date, before: head.slice(0, head.length - run.length) };
}

/**
 * A letter's subject line, "V/v …" (its text in group 1); under the number and before any type line also "Về …",
 * "Và …", "Vv …", "VÀ …", "VW …" or "Wy …", as OCR models read the italic "V/v" (a line there starts no other way).
 */
function letterSubject(line: string, underNumber: boolean): RegExpMatchArray | null {
  // "Wy": the V and the slash run into a W.
  return line.trim().match(VV_RE) ?? (underNumber ? line.trim().match(/^(?:V(?:[ềeàaÀAWw]|[/.]?[vVy]\.?)|W[vy]\.?)\s+(\p{Ll}.*)$/u) : null);
}

/** A line under "V/v …" that goes on with it: not the issuer's capitals, a motto, a date, "Kính gửi" or a preamble. */
function continuesTitle(line: string): boolean {
  const k = key(line);
  if (line.trim() === '' || isUpperLine(line) || /^kinh gui/.test(k)) return false;
  // A small letter goes on with the subject, whatever it names: "số 05/CT-TTg của …" is no number line.
  if (/^\s*\p{Ll}/u.test(line)) return true;
  if (isHeaderFurniture(line)) return false;
  return !(PREAMBLE_RE.test(k) && /^\s*\p{Lu}/u.test(line));
}

/** A motto, a number line or a place-and-date line: header lines that are no part of a title. */
export function isHeaderFurniture(line: string): boolean {
  return cutMottos(line).motto !== null || MOTTO_RES[2]!.re.test(letterKey(line)) || parseDateLine(line) !== null || parseNumberLine(line) !== null;
}

function cutMottos(line: string): { left: string; motto: string | null } {
  const k = letterKey(line);
  for (const { re, motto } of MOTTO_RES) {
    const m = k.match(re);
    if (m && m.index !== undefined) return { left: line.slice(0, m.index).trim(), motto: motto };
  }
  return { left: line.trim(), motto: null };
}

/** Words a unit's number follows in its name (folded). */
const NUMBERED_UNIT = /^(?:thon|ap|to|pho|khu|xom|ban|doi|so|phuong|quan|cum|chi doi)$/;

function leadingCapitals(s: string, minLetters = 3): string | null {
  const words = s.replace(/^[-*_=.\s]+/, '').split(/\s+/);
  const run: string[] = [];
  // A one-letter word is a capital too ("SỞ Y TẾ"); after one, so is a capitalised word whose other letters look
  // the same in either case, which an OCR reads in the wrong one ("BAN THƯỜNG Vụ").
  const capital = (w: string) => isUpperLine(w) || /^\p{Lu}[.,]?$/u.test(w);
  const caseless = (w: string) => /^\p{Lu}[couvwxsz]+[.,]?$/u.test(stripMarks(w));
  for (const w of words) {
    // A unit named by its number: "CHI BỘ THÔN 3", "ỦY BAN NHÂN DÂN PHƯỜNG 5", "TRƯỜNG THCS SỐ 1".
    const numbered = /^\d{1,3}[.,]?$/.test(w) && NUMBERED_UNIT.test(key(run.at(-1) ?? ''));
    if (!capital(w) && !(run.length && caseless(w)) && !/^[-–&,]$/.test(w) && !numbered) break;
    run.push(w);
  }
  // A comma right after the last word stays: the name goes on on the next line ("BAN CHỈ ĐẠO PHÒNG," / "CHỐNG …").
  const text = run.join(' ').replace(/[-*_=.,\s]+$/, (m) => (m.startsWith(',') ? ',' : ''));
  return /\p{L}{2}/u.test(text) && text.replace(/[^\p{L}]/gu, '').length >= minLetters ? text : null;
}

export function typeOf(line: string): { name: string; code: string | null } | undefined {
  if (!isUpperLine(line)) return undefined;
  return TYPE_BY_KEY.get(key(line).replace(/[^a-z ]/g, '').trim());
}

export function parseHeader(lines: string[]): HeaderResult {
  const doc: PlanDocument = {
    type: null,
    typeCode: null,
    number: null,
    symbol: null,
    issuer: null,
    parentIssuer: null,
    motto: null,
    place: null,
    date: null,
    title: null,
    addressees: [],
  };
  const warnings: Warning[] = [];
  const left: string[] = [];
  // The length of a full line of the body, to tell a centred title line from a paragraph's first.
  const fullWidth = quantile(
    lines.filter((l) => !l.includes('|')).map((l) => l.trim().length).filter((n) => n > 0),
    0.9,
    80,
  );
  let i = 0;
  let seenNumber = false;
  const limit = Math.min(lines.length, 40);
  for (; i < limit; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const k = key(line);
    if (PREAMBLE_RE.test(k) || /^kinh gui/.test(k)) break;
    const type = typeOf(line);
    if (type) {
      doc.type = type.name;
      doc.typeCode = type.code;
      i++;
      break;
    }
    // A letter's "V/v …" line stands under its number in the left column; the column reader may put the motto
    // and the date after it. Its small-letter lines that follow continue it.
    const vv = letterSubject(line, seenNumber && !doc.type);
    if (vv) {
      doc.type ??= 'Công văn';
      const parts = [vv[1]!.trim()];
      while (i + 1 < limit && continuesTitle(lines[i + 1]!)) parts.push(lines[++i]!.trim());
      doc.title = joinLines(parts);
      continue;
    }
    // A numbered heading is the body's: the header ended, or was never there (a lost first page).
    if (/^([IVX]+|\d+|[A-Z])\.\s/.test(line.trim())) break;
    const { left: rest0, motto } = cutMottos(line);
    if (motto) doc.motto ??= motto;
    let rest = rest0;
    const num = !seenNumber ? parseNumberLine(rest) : null;
    if (num) {
      seenNumber = true;
      doc.number = num.number;
      doc.symbol = num.symbol;
      rest = num.rest;
    }
    const date = parseDateLine(rest);
    if (date) {
      doc.date = date.date;
      doc.place = date.place;
      rest = date.before;
      // The issuer column's line that the date line carried in front of it.
      const caps = !num && !seenNumber ? leadingCapitals(rest) : null;
      if (caps) left.push(caps);
    }
    if (num || date) continue;
    // What is left of a header line before the number is the issuer column: its leading run of capital words
    // (the right column's text may follow it when the OCR merged the columns and did not read the motto).
    // Under a line of the column, a two-letter word is its name's last, wrapped ("TRƯỜNG TIỂU HỌC THẠNH" / "MỸ").
    const caps = leadingCapitals(rest, left.length ? 2 : 3);
    if (!seenNumber && caps) left.push(caps);
  }
  // Nothing of a header (no type, number, date or motto): the text starts in the body, and capitals met on the
  // way (headings, a signature) are no issuer.
  if (!doc.type && !seenNumber && !doc.date && !doc.motto) {
    warnings.push({ code: 'NO_HEADER', message: 'no header found (no type, number, date or motto): the text starts in the body', line: null });
    return { document: doc, bodyStart: 0, warnings };
  }
  // Letters: "V/v …" is the title, "Kính gửi: …" the addressees.
  for (; i < lines.length && i < limit + 10; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      // A blank line ends the title, unless "Kính gửi" comes next.
      const next = lines.slice(i + 1, i + 4).find((l) => l.trim() !== '');
      if (doc.title && !(next && /^kinh gui/.test(key(next)))) break;
      continue;
    }
    const k = key(line);
    if (/^kinh gui/.test(k)) {
      const addressees: string[] = [];
      // Several on the line itself are set apart by semicolons ("Kính gửi: Các phòng, ban; UBND các xã.").
      const first = line.replace(/^[^:]*:\s*/, '').trim().replace(/^[-+•]\s*/, '');
      if (first) addressees.push(...first.split(/;\s*/));
      // Without a dash, the addressees stand on lines of their own under "Kính gửi:" ("Sở Tư pháp;" / "Sở Nội vụ."):
      // short, capitalised, each closed by ";" and the last by ".".
      let open = !first;
      for (;;) {
        const next = lines[i + 1];
        if (next === undefined) break;
        const t = next.trim();
        if (t === '' && open && !addressees.length) {
          i++;
          continue;
        }
        // A blank line inside a dashed list whose line before ends in ";": the list goes on past it (an OCR's gap).
        if (t === '' && addressees.length && /;$/.test(lines[i]!.trim()) && /^[-+•]\s/.test(lines[i + 2]?.trim() ?? '')) {
          i++;
          continue;
        }
        // The right column's motto and date, read after "Kính gửi:" where it stands in the left column (only
        // what the header lacks: "Căn cứ Luật … ngày 16 tháng 6 năm 2025;" is no date line).
        const motto = t && !doc.motto ? cutMottos(t).motto : null;
        const date = t && !doc.date && !PREAMBLE_RE.test(key(t)) ? parseDateLine(t) : null;
        if (motto || date?.date || (t && MOTTO_RES[2]!.re.test(letterKey(t)))) {
          if (motto) doc.motto = motto;
          if (date?.date) [doc.date, doc.place] = [date.date, date.place];
          i++;
          continue;
        }
        if (/^[-+•]\s/.test(t)) {
          addressees.push(t.replace(/^[-+•]\s*/, ''));
          open = false;
        }
        // An addressee wraps onto a line in small letters ("… các xã, thị trấn" / "trên địa bàn huyện").
        else if (addressees.length && /^\p{Ll}/u.test(t)) addressees[addressees.length - 1] += ` ${t}`;
        else if (open && /^\p{Lu}/u.test(t) && /[;,.]$/.test(t) && t.split(/\s+/).length <= 12 && !PREAMBLE_RE.test(key(t))) {
          addressees.push(t);
          open = !/\.$/.test(t);
        } else break;
        i++;
      }
      doc.addressees = addressees.map((a) => a.replace(/[;,.]+$/, '').trim()).filter(Boolean);
      i++;
      break;
    }
    // A preamble starts with a capital ("Căn cứ", "Thực hiện"); a title's continuation line may begin with
    // the same words in lower case ("triển khai Đề án …"). The first line under the type line is the title
    // whatever it begins with ("Thực hiện Nghị quyết …" is a plan's title as often as a preamble's start): the
    // layout has no other place for it. Only "Căn cứ" (the basis) never starts a title.
    const firstTitleLine = doc.type !== null && doc.title === null && !/^can cu/.test(k);
    if ((!firstTitleLine && PREAMBLE_RE.test(k) && /^\s*\p{Lu}/u.test(line)) || /^([IVX]+|\d+|[A-Z])\.\s/.test(line.trim())) break;
    const vv = letterSubject(line, seenNumber && !doc.type);
    if (vv) {
      doc.type ??= 'Công văn';
      doc.title = vv[1]!.trim();
      continue;
    }
    // A line in capitals under the title is the authority that decides ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"),
    // not more title. A title goes on in small letters ("trên địa bàn …"); a line that starts with a capital and
    // runs the full width of the text is the preamble's first (the title is centred, shorter), when no blank
    // line set them apart.
    if (doc.title !== null && isUpperLine(line)) break;
    if (doc.title !== null && /^\s*\p{Lu}/u.test(line) && line.trim().length >= 0.85 * fullWidth) break;
    if (doc.type && (doc.title !== null || doc.type !== 'Công văn')) doc.title = doc.title ? joinLines([doc.title, line]) : line.trim();
    else break;
  }
  if (doc.type === 'Công văn' && doc.symbol) {
    const code = doc.symbol.split(/[-/]/)[0]!;
    doc.typeCode = TYPE_CODES.has(code) ? code : null;
  }
  // Issuer column: a parent body above the issuer when the second line names a body of its own.
  // Each line that begins with a body's noun starts a body; the others continue the one above ("ỦY BAN NHÂN
  // DÂN" / "TỈNH BÌNH QUANG", "SỞ NÔNG NGHIỆP" / "VÀ MÔI TRƯỜNG"). The first of two or more is the parent.
  const bodies: string[][] = [];
  for (const l of left) {
    if (bodies.length === 0 || startsWithBody(l)) bodies.push([l]);
    else bodies[bodies.length - 1]!.push(l);
  }
  const name = (lines: string[]) => sentenceCase(lines.join(' ').replace(/,$/, ''));
  if (bodies.length >= 2) {
    doc.parentIssuer = name(bodies[0]!);
    doc.issuer = name(bodies.slice(1).flat());
  } else if (bodies.length) doc.issuer = name(bodies[0]!);
  if (doc.symbol && doc.issuer) doc.symbol = symbolAfterIssuer(doc.symbol, doc.issuer);
  if (doc.place) doc.place = placeAsIssuerNamesIt(doc.place, [doc.issuer, doc.parentIssuer]);
  if (!doc.type) warnings.push({ code: 'NO_TYPE', message: 'no document type line (KẾ HOẠCH, QUYẾT ĐỊNH, …) found in the header', line: null });
  if (seenNumber && doc.number === null)
    warnings.push({ code: 'BLANK_NUMBER', message: 'the number line has no number (left blank when printed)', line: null });
  return { document: doc, bodyStart: i, warnings };
}

/**
 * The date line's place is, in most documents, the place the issuer (or the body above it) is named for: "HUYỆN
 * ỦY LỘC SƠN" … "Lộc Sơn, ngày …". The issuer's name is printed in capitals, whose letters an OCR keeps where
 * small letters under marks lose theirs ("Léc Sơn", repaired to "Lê Sơn"). A place of two words or more that
 * is the end of such a name but for one word, which begins with the same letter and is a letter or two off, is
 * that name. Marks alone are not mended: where the letters agree, neither reading has the better claim.
 */
export function placeAsIssuerNamesIt(place: string, names: (string | null)[]): string {
  const words = place.split(/\s+/);
  if (words.length < 2) return place;
  for (const name of names) {
    const tail = name?.split(/\s+/).slice(-words.length) ?? [];
    if (tail.length < words.length || !tail.every((w) => /^\p{Lu}/u.test(w))) continue;
    const off = words.map((w, k) => [key(w), key(tail[k]!)] as const).filter(([a, b]) => a !== b);
    if (off.length !== 1) continue;
    const [a, b] = off[0]!;
    if (a[0] === b[0] && levenshtein(a, b) <= 2) return tail.join(' ');
  }
  return place;
}

/**
 * A document issued with this one ("KẾ HOẠCH … (Ban hành kèm theo Quyết định số …)"), printed after the
 * decision's closing block with a header of its own: where its header starts and where its body starts, or null.
 */
export function attachedDocument(lines: string[], from: number): { headerStart: number; bodyStart: number } | null {
  const k = lines.findIndex((l, i) => i >= from && /^\(?\s*ban hanh kem theo\b/.test(key(l)));
  if (k < 0) return null;
  let end = k;
  while (end < lines.length - 1 && end < k + 4 && !lines[end]!.includes(')')) end++;
  // Back over the title to the type line, then over the issuer and the motto above it.
  let t = k - 1;
  while (t > from && k - t <= 6 && !typeOf(lines[t]!)) t--;
  if (!typeOf(lines[t]!)) return { headerStart: k, bodyStart: end + 1 };
  let h = t;
  while (h - 1 > from && t - h < 8 && (isUpperLine(lines[h - 1]!) || isHeaderFurniture(lines[h - 1]!)) && !/^(kt|tm|t\/m|k\/t)\b/.test(key(lines[h - 1]!))) h--;
  return { headerStart: h, bodyStart: end + 1 };
}
