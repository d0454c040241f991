// Text helpers shared by the parse modules: fuzzy keys, sentence case, paragraphs.
import { isVietnameseSyllable, stripMarks } from '../repair/vietnamese.js';
import { levenshtein } from '../util/levenshtein.js';

/** A comparison key that survives OCR's lost marks and case: "KẾ HOẠCH" → "ke hoach". */
export function key(s: string): string {
  return stripMarks(s.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** key() of each line of a text, the lines kept (the marks stripped from the whole text at once: a long text is fast). */
export function keyLines(text: string): string {
  return stripMarks(text.normalize('NFC'))
    .toLowerCase()
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .join('\n');
}

/**
 * The text in small letters without marks, letter for letter: the same length as the input (NFC), so a position
 * found in the key is a position in the text (a character whose folded form is longer or shorter stays as it is).
 */
export function letterKey(text: string): string {
  let out = '';
  for (const c of text) {
    const f = stripMarks(c).toLowerCase();
    out += f.length === c.length ? f : c;
  }
  return out;
}

export function isUpperLine(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

/** Administrative units: the words after them are a place name, written in title case. */
export const ADMIN_UNITS = ['thành phố', 'thị xã', 'thị trấn', 'phường', 'xã', 'huyện', 'quận', 'tỉnh', 'ấp', 'thôn', 'tổ dân phố', 'khu phố'];
/** Words a place's name follows in a body's name: the administrative units, and the health and other bodies' "khu
 *  vực" that took the old districts' place ("TRUNG TÂM Y TẾ KHU VỰC BẮC SƠN"). */
const NAMED_AFTER = [...ADMIN_UNITS, 'khu vực'];
/** A unit's Party committee ("HUYỆN ỦY YÊN PHONG" → "Huyện ủy Yên Phong"): a place name follows it too. */
const PARTY_COMMITTEES = ['tỉnh ủy', 'thành ủy', 'huyện ủy', 'quận ủy', 'thị ủy'];
/** Agencies named by their field ("Sở Tài chính", "Phòng Văn hóa và Thông tin", "Ban Tổ chức"). */
const AGENCY_NOUNS = new Set(['so', 'bo', 'phong', 'ban', 'cuc', 'vu', 'trung tam', 'vien', 'hoi']);
/** Whether words[i] ends an agency noun ("Sở", "Trung tâm"; not the "ban" of "Ủy ban"). */
function agencyEndsAt(words: string[], i: number): boolean {
  // A noun before a comma names no agency: its field would follow it at once ("phòng, chống" is "prevention").
  if (i < 0 || /,$/.test(words[i]!)) return false;
  const one = key(words[i]!).replace(/[^a-z]/g, '');
  const before = key(words[i - 1] ?? '').replace(/[^a-z]/g, '');
  if (one === 'ban' && before === 'uy') return false;
  return AGENCY_NOUNS.has(one) || AGENCY_NOUNS.has(`${before} ${one}`);
}

/** A school's level after "Trường" (Decree 30/2020, Appendix II: "Trường Tiểu học Phú Lộc"): its first word takes
 *  a capital, and the name after it is a proper name, in title case. Longest first. */
const SCHOOL_LEVELS = [
  'tiểu học và trung học cơ sở', 'trung học cơ sở và trung học phổ thông', 'phổ thông dân tộc nội trú', 'phổ thông dân tộc bán trú',
  'trung học phổ thông', 'trung học cơ sở', 'tiểu học', 'mầm non', 'mẫu giáo',
];

const CONNECTORS = new Set(['và', 'các', 'của', 'với', 'về']);
/** Words that keep their capital inside a sentence-case name (the Party). */
const ALWAYS_CAPITAL = new Set(['đảng']);

function titleWord(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
}

/** Capital-letter words that are abbreviations (UBND, HĐND, MTTQ) rather than capitalised syllables. */
function isAbbreviation(w: string): boolean {
  const core = w.replace(/[^\p{L}]/gu, '');
  return core.length >= 2 && core === core.toUpperCase() && !isVietnameseSyllable(core);
}

/**
 * Sentence case for a body's name printed in capitals: "ỦY BAN NHÂN DÂN PHƯỜNG TỨ MINH" →
 * "Ủy ban nhân dân phường Tứ Minh". Place names after an administrative unit keep title case.
 */
export function sentenceCase(s: string): string {
  const words = s.trim().split(/\s+/);
  const out: string[] = [];
  let inName = false;
  let inField = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lower = w.toLowerCase();
    if (isAbbreviation(w)) {
      out.push(w);
      // A body named by its abbreviation is followed by its name ("TRƯỜNG THCS HƯNG THÁI", "ỦY BAN MTTQ VIỆT
      // NAM"); between two abbreviations stands a small word ("HĐND và UBND").
      inName = true;
      continue;
    }
    if (inName && CONNECTORS.has(lower)) {
      out.push(lower);
      inName = false;
      continue;
    }
    // Units are recognised by their letters (an OCR may have got the marks wrong) and written as they should be.
    const one = key(w);
    const two = `${one} ${key(words[i + 1] ?? '')}`;
    const three = `${two} ${key(words[i + 2] ?? '')}`;
    const same = (u: string, k: string, exact: string) => u === exact || (key(u).length >= 5 && key(u) === k);
    const lower2 = words.slice(i, i + 2).join(' ').toLowerCase();
    const lower3 = words.slice(i, i + 3).join(' ').toLowerCase();
    const level = one === 'truong' ? SCHOOL_LEVELS.find((l) => key(words.slice(i + 1, i + 1 + l.split(' ').length).join(' ')) === key(l)) : undefined;
    if (level) {
      out.push('trường', titleWord(level));
      i += level.split(' ').length;
      inName = true;
      continue;
    }
    const committee = PARTY_COMMITTEES.find((c) => key(c) === two);
    if (committee) {
      out.push(committee);
      i += 1;
      inName = true;
      continue;
    }
    const unit = NAMED_AFTER.find((u) => same(u, one, lower) || same(u, two, lower2) || same(u, three, lower3));
    if (unit && (i > 0 || words.length > 1)) {
      const n = unit.split(' ').length;
      out.push(unit);
      i += n - 1;
      inName = true;
      continue;
    }
    // An agency named by its field (Decree 30/2020, Appendix II): "Sở Nông nghiệp và Môi trường", "Ban Tuyên
    // giáo và Dân vận": the field's first word, and the first word after "và" or a comma, take a capital.
    const prev = key(words[i - 1] ?? '');
    // ("phòng, chống" — prevent and combat — is one phrase: "Ban Chỉ đạo phòng, chống dịch bệnh".)
    const fieldStart = agencyEndsAt(words, i - 1) || (inField && (prev === 'va' || (/,$/.test(words[i - 1] ?? '') && !(prev === 'phong,' && one === 'chong'))));
    if (agencyEndsAt(words, i)) inField = true;
    // The country's name, wherever it stands ("HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM").
    if (two === 'viet nam') {
      out.push('Việt', 'Nam');
      i += 1;
      continue;
    }
    if (inName || ALWAYS_CAPITAL.has(lower) || fieldStart) out.push(titleWord(w));
    else out.push(lower);
  }
  const joined = out.join(' ');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** Join a heading or item that wraps over lines into one line. */
export function joinLines(lines: string[]): string {
  // A line that ends inside a word ("68-" / "NQ/TW") joins the next without a space; a dash standing alone
  // ("2026 -" / "2030") is a range's and keeps its spaces.
  return lines
    .map((l) => l.trim())
    .filter(Boolean)
    .reduce((acc, l) => (acc === '' ? l : /[^\s][-/]$/.test(acc) && /^[\p{Lu}\d]/u.test(l) ? acc + l : `${acc} ${l}`), '');
}

/** A line that starts a list item: bullets, "a)", "1.", "I.", "A.", "1.1.". */
export const ITEM_START = /^\s*(?:[-+•*–]\s|(?:[A-Z]|[IVX]+|\d{1,2}(?:\.\d{1,2})*)[.)]\s*|[a-zđ][.)]\s)/u;


/**
 * The spelling of a capitalised name that the document uses most: the repair may have got one occurrence wrong
 * ("Việt Hùng" once, "Việt Hưng" ten times). Forms with the same letters (marks aside) compete; with `misread`,
 * so do forms one letter away in a word, but only one the document writes at least three times as often (the
 * header's "Tỉ Minh" for the "Tứ Minh" of the whole text: a letter the OCR lost there alone).
 */
export function consensusSpelling(name: string, text: string, misread = false): string {
  const words = name.trim().split(/\s+/);
  const keys = words.map(key);
  const counts = new Map<string, number>();
  const tokens = text.split(/\s+/).map((t) => t.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));
  for (let i = 0; i + words.length <= tokens.length; i++) {
    const cand = tokens.slice(i, i + words.length);
    if (!cand.every((w) => /^\p{Lu}/u.test(w))) continue;
    const edits = cand.reduce((e, w, j) => e + levenshtein(key(w), keys[j]!), 0);
    if (edits === 0 || (misread && edits === 1 && keys.every((k) => k.length >= 2))) {
      const form = cand.join(' ');
      counts.set(form, (counts.get(form) ?? 0) + 1);
    }
  }
  const sameLetters = (f: string) => key(f) === keys.join(' ');
  let best = name;
  let n = counts.get(name) ?? 0;
  for (const [form, c] of counts) {
    if (form === form.toUpperCase()) continue;
    if (sameLetters(form) ? c > n : c >= 3 * Math.max(n, 1) && c >= 3) [best, n] = [form, c];
  }
  return best;
}
