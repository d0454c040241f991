// The closing block: "Nơi nhận:" items (left column) and the signature (right column): authority (TM./KT./
// T/M …), title, name. The OCR often merges the columns line by line ("- Sở Nội vụ (b/c); PHÓ CHỦ TỊCH"):
// the capitals at the end of such a line are the signature's.
import type { Signature } from '../model/plan.js';
import { levenshtein } from '../util/levenshtein.js';
import { isVietnameseSyllable } from '../repair/vietnamese.js';
import { isUpperLine, key } from './text.js';
import { COLLECTIVE_BODIES, FAMILY_NAMES, SIGNER_TITLES } from './vocabulary.js';

export interface Closing {
  recipients: string[];
  signature: Signature;
  /** first line of the closing block (where the body ends), or `to` when there is none */
  start: number;
}

// "T/M" with its slash misread by an OCR ("TJ/M").
const T_M_MISREAD = String.raw`T[^\s\p{Ll}.\d]{1,2}M(?=\s)`;
// "T/M", "TM.", "KT.", "TL.", "TUQ.", "Q." (an OCR may also double a letter: "T/TM").
// "K/T" with its T misread ("K/F").
const K_T_MISREAD = String.raw`K\s*\/\s*[FI7]`;
// "KT." with its period lost under a seal's ring ("KT CHỦ TỊCH") or read as a comma ("KT, TRƯỞNG PHÒNG"); "TM," too.
const KT_NO_PERIOD = String.raw`(?:KT|TM),?(?=\s)`;
const AUTHORITY = String.raw`(?:T\s*\/\s*T?M|${T_M_MISREAD}|TM\.|KT\.|${KT_NO_PERIOD}|K\s*\/\s*T|${K_T_MISREAD}|TL\.|T\/L|TUQ\.|Q\.)`;
// The body after the marker is a word, not a letter on its own: a seal's lettering read as "TM H" is no authority
// ("T/MB", the space lost and the rest of the body too, still is).
const AUTHORITY_RE = new RegExp(`^${AUTHORITY}(?:\\p{Lu}|\\s*\\p{Lu}[\\p{Lu}\\p{M}])`, 'u');
/** "T/M" as an OCR wrote it ("T/TM", "TJ/M"), to be written "T/M"; "K/F" for "K/T". */
const T_M_RE = new RegExp(String.raw`^(?:T\s*\/\s*T?M\b|${T_M_MISREAD})`, 'u');
const K_T_RE = new RegExp(`^${K_T_MISREAD}(?=\\s)`, 'u');
const KT_RE = new RegExp(`^${KT_NO_PERIOD}`, 'u');
const AUTHORITY_AT_END = new RegExp(`(?:^|\\s)${AUTHORITY}(?:\\p{Lu}|\\s*\\p{Lu}[\\p{Lu}\\p{M}])(?:[\\p{Lu}\\p{M}]|\\s*\\p{Lu})*\\s*$`, 'u');
/**
 * The list's fixed forms as an OCR misread them: "Như kính gửi" with its last word misread, "(b/c)" (for report)
 * with its c read as o, O or e, and the archive copy's "Lưu: VT" (văn thư) with its T read as I (a seal's speck
 * under it: Ị), 1 or F; its codes written "Lưu: VT, KTTH" however the OCR spaced them, and what a seal left after
 * its period ("Lưu: VT. G_. Văn v") dropped.
 */
export function mendRecipient(item: string): string {
  return item
    .replace(/\(b\/[oeéO]\)/g, '(b/c)')
    // "Như kính gửi" (those addressed above), its last word misread ("giri", repaired to "gắt").
    .replace(/^(Như\s+[kK]ính)\s+g\p{L}{1,3}$/u, '$1 gửi')
    // "(b/c)", "(t/h)" end their item: what the line has after them is the signature column's, read across.
    .replace(/(\((?:b\/c|t\/h)\))[;,.]?\s+\S.*$/u, '$1')
    .replace(/^(Lưu\s*:?\s*)V[I1lFỊÌÍ](?=[\s,.;]|$)/u, '$1VT')
    .replace(/^Lưu\s*:\s*(\p{Lu}+(?:\s*,\s*[\p{Lu}\d.-]+)*)(?:\.\s.*)?$/u, (_, codes: string) => `Lưu: ${codes.split(/\s*,\s*/).join(', ')}`);
}

/** Words of a signer's title ("PHÓ CHỦ TỊCH", "PHÓ BÍ THƯ THƯỜNG TRỰC", "GIÁM ĐỐC"). */
const TITLE_RE = /CH[ỦU] T[ỊI]CH|B[ÍI] TH[ƯU]|GI[ÁA]M Đ[ỐO]C|TR[ƯU][ỞO]NG|PH[ÓO] |CH[ÁA]NH|TH[ƯU][ỜO]NG TR[ỰU]C|[ỦU][YỶ] VI[ÊE]N/u;
/** Bodies whose "TM." only their chair signs. */
const CHAIRED_BODIES = ['ỦY BAN NHÂN DÂN', 'HỘI ĐỒNG NHÂN DÂN'];
const keyed = (list: string[]) => list.map((t) => ({ title: t, key: key(t), words: t.split(' ').length }));
const TITLE_KEYS = keyed(SIGNER_TITLES);
const BODY_KEYS = keyed([...COLLECTIVE_BODIES, ...SIGNER_TITLES]);

/** The letters of a line, one in five wrong at most, against a closed list: the list's closest entry, or null. */
function closestByLetters(text: string, list: { title: string; key: string }[]): string | null {
  const letters = key(text).replace(/[^a-z]/g, '');
  if (letters.length < 4) return null;
  let best: { title: string; d: number } | null = null;
  for (const t of list) {
    const k = t.key.replace(/ /g, '');
    const d = levenshtein(letters, k);
    if (d <= Math.floor(k.length / 5) && (!best || d < best.d)) best = { title: t.title, d };
  }
  return best?.title ?? null;
}

/**
 * An authority as read ("TM. UY-BAN.NHÂN DÂN") with its body or title written as the list has it, where the letters
 * read as one ("TM. ỦY BAN NHÂN DÂN"); else as read.
 */
function readAuthority(text: string): string {
  const m = text.match(/^(T\/M|TM\.|KT\.|K\/T|TL\.|T\/L|TUQ\.|Q\.)\s*(.*)$/u);
  if (!m) return text;
  const body = closestByLetters(m[2]!, BODY_KEYS);
  return body ? `${m[1]} ${body}` : text;
}

/** Authority markers by their letters, and how a Party body (Guidance 36) and a State body (Decree 30) write them. */
const MARKERS = [
  { letters: 'tm', party: 'T/M', state: 'TM.' },
  { letters: 'kt', party: 'K/T', state: 'KT.' },
  { letters: 'tl', party: 'T/L', state: 'TL.' },
  { letters: 'tuq', party: 'TUQ.', state: 'TUQ.' },
];

/**
 * An authority whose marker a seal or a signature garbled into its letters ("KTE.GIÁM ĐỐC" for "KT. GIÁM ĐỐC"):
 * the line's letters against each marker's followed by each known body's or title's, one letter in five wrong at
 * most, and closer so than to any title alone ("PHÓ GIÁM ĐỐC" is a title, not "KT. GIÁM ĐỐC"). Null otherwise.
 */
export function garbledAuthority(text: string, party: boolean): string | null {
  const letters = key(text).replace(/[^a-z]/g, '');
  if (letters.length < 6) return null;
  let best: { text: string; d: number } | null = null;
  for (const m of MARKERS)
    for (const b of BODY_KEYS) {
      const target = m.letters + b.key.replace(/ /g, '');
      const d = levenshtein(letters, target);
      if (d <= Math.floor(target.length / 5) && (!best || d < best.d)) best = { text: `${party ? m.party : m.state} ${b.title}`, d };
    }
  if (!best) return null;
  const asTitle = Math.min(...TITLE_KEYS.map((t) => levenshtein(letters, t.key.replace(/ /g, ''))));
  return best.d < asTitle ? best.text : null;
}

/** Words with the small letters of those that have capitals dropped. */
const capitalsOf = (words: string[]) => words.map((w) => (/\p{Lu}/u.test(w) ? w.replace(/\p{Ll}/gu, '') : w)).join(' ');

/**
 * A signer's title in capitals: the known title its first words read as, one letter in five wrong at most
 * ("PHỔ CHfJ TÍCH" → "PHÓ CHỦ TỊCH"), with the words after it as read; else the line itself when it has a
 * title's words.
 */
export function readTitle(text: string): string | null {
  const words = text.split(' ');
  // The longest title within reach, and of titles as long the closest: "HIỆU TRƯỞNG" is within reach of
  // "VIỆN TRƯỞNG" too. Specks a stamp leaves in a word ("CHỦ 'IICH") are no letters; failing that, nor is a
  // small letter in a word of capitals ("vBÍ TH": a title is printed in capitals), a reading of last resort.
  const closest = (spelling: (head: string[]) => string[]) => {
    let best: { t: (typeof TITLE_KEYS)[number]; d: number } | null = null;
    for (const t of TITLE_KEYS) {
      if (words.length < t.words) continue;
      const d = Math.min(...spelling(words.slice(0, t.words)).map((s) => levenshtein(s, t.key)));
      if (d <= Math.floor(t.key.length / 5) && (!best || t.words > best.t.words || (t.words === best.t.words && d < best.d))) best = { t, d };
    }
    return best;
  };
  const best =
    closest((head) => {
      const k = key(head.join(' '));
      return [k, k.replace(/[^a-z ]/g, '')];
    }) ?? closest((head) => [key(capitalsOf(head)).replace(/[^a-z ]/g, '')]);
  if (best) return [best.t.title, ...words.slice(best.t.words)].join(' ');
  if (!TITLE_RE.test(`${text} `)) return null;
  // A title's words run together by a seal's specks ("PHÓ BÌS<HUƯ"): its letters, spaces aside, one in four wrong
  // at most, and nearer one title than any other.
  const letters = key(text).replace(/[^a-z]/g, '');
  const near = TITLE_KEYS.map((t) => ({ t, d: levenshtein(letters, t.key.replace(/ /g, '')) })).sort((a, b) => a.d - b.d);
  if (near[0] && near[0].d <= Math.floor(near[0].t.key.length / 4) && (near[1]?.d ?? Infinity) > near[0].d) return near[0].t.title;
  return text;
}

/** The title of a head's deputy, as Decree 30 writes it: "PHÓ CHỦ TỊCH" of "CHỦ TỊCH", "THỨ TRƯỞNG" of "BỘ TRƯỞNG". */
export function deputyOf(head: string): string | null {
  const title = readTitle(head);
  if (!title || !SIGNER_TITLES.includes(title)) return null;
  if (title === 'BỘ TRƯỞNG') return 'THỨ TRƯỞNG';
  return SIGNER_TITLES.includes(`PHÓ ${title}`) ? `PHÓ ${title}` : null;
}

/**
 * An authority "KT." whose marker noise on a scan garbled ("XKeš LRƯỞNG BAN" for "K/T TRƯỞNG BAN"): a short word
 * that spells nothing and has the K, then the title of a head who has a deputy. A Party body writes "K/T" (Guidance
 * 36), a State body "KT." (Decree 30). Null for anything else.
 */
export function garbledDeputyAuthority(text: string, party: boolean): string | null {
  const [first, ...rest] = text.trim().split(/\s+/);
  if (!first || !rest.length || first.length > 5 || !first.includes('K') || isVietnameseSyllable(first.toLowerCase())) return null;
  const title = readTitle(rest.join(' '));
  return title && deputyOf(title) ? `${party ? 'K/T' : 'KT.'} ${title}` : null;
}

/** A text's letters (characters that have a case), and how many of them are capitals. */
function lettersOf(s: string): { letters: string[]; capitals: number } {
  const letters = [...s].filter((c) => c.toLowerCase() !== c.toUpperCase());
  return { letters, capitals: letters.filter((c) => c !== c.toLowerCase()).length };
}

/** Letters of which two in three are capitals: a line in capitals a seal or a signature garbled ("xốIỆu TRƯỚNG"). */
function mostlyCapitals(line: string): boolean {
  const { letters, capitals } = lettersOf(line);
  return letters.length >= 4 && capitals >= (2 / 3) * letters.length;
}

/** A word an OCR meant in capitals: its first letter and most of the others are ("CHfJ"). */
function isCapitalsWord(w: string): boolean {
  if (!/^[\p{L}\p{M}]+$/u.test(w)) return false; // "UBND;" ends an item of the left column
  const { letters, capitals } = lettersOf(w);
  return letters.length > 0 && letters[0] !== letters[0]!.toLowerCase() && capitals / letters.length >= 0.6;
}

/** Capital words at the end of a merged line: "Lãnh đạo UBND phường; PHÓ CHỦ TỊCH" → "PHÓ CHỦ TỊCH". */
function splitTrailingCapitals(line: string): { left: string; caps: string | null } {
  // The longest run of capital words at the end of the line that reads as a signer's title. Scanner specks
  // between the columns ("; . PHÓ") are no words.
  const words = line.trimEnd().split(/\s+/);
  const speck = (w: string) => /^[^\p{L}\d]{1,2}$/u.test(w);
  let at = words.length;
  while (at > 0 && (isCapitalsWord(words[at - 1]!) || speck(words[at - 1]!))) at--;
  // A line all in capitals is the signature column's own line ("PHÓ CHỦ TỊCH"), no merged one.
  for (let k = Math.max(at, 1); at > 0 && k <= words.length - 2; k++) {
    if (speck(words[k]!)) continue;
    const title = readTitle(words.slice(k).filter((w) => !speck(w)).join(' '));
    // What is left is an item: a dash, or words ("P1IO GAM ĐỐC" is a title the OCR garbled whole).
    const left = words.slice(0, k).join(' ').trim();
    if (title && left && (/^[-+•]/.test(left) || k >= 2)) return { left, caps: title };
  }
  return { left: line, caps: null };
}

/** Scanner noise after an item's own punctuation ("- Sở Nội vụ (b/c); 8 ["): cut, where it spells nothing. */
const dropSpecks = (line: string) =>
  line.replace(/([;,.)])\s+[^\p{L}]{0,3}(?:\s+\S{1,2})*\s*$/u, (m0, p1: string) => (/\p{L}{2}/u.test(m0) ? m0 : p1));

/** The family name a first word is, or is one letter off from where only one is ("Đuàn" → "đoàn"); else null. */
function familyName(word: string): string | null {
  const w = word.normalize('NFC').toLowerCase();
  if (FAMILY_NAMES.has(w)) return w;
  const near = [...FAMILY_NAMES].filter((s) => levenshtein(w, s) <= 1);
  return near.length === 1 ? near[0]! : null;
}

/**
 * A signer's name as printed: each word capitalised once ("PHong" → "Phong"), and a first word that is no family
 * name read as the family name one letter off ("Đuàn" → "Đoàn"), where only one is.
 */
export function readName(name: string): string {
  const words = name.normalize('NFC').split(/\s+/).map((w) => (/^\p{L}/u.test(w) ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w));
  const family = words.length >= 2 ? familyName(words[0]!) : null;
  if (family) words[0] = family[0]!.toUpperCase() + family.slice(1);
  return words.join(' ');
}

/**
 * A line that may be a name whose letters an OCR mixed in case ("kVâm Thanh PHong"): 2–5 words of letters, each with
 * a small letter (no abbreviation: "Lưu VT" is an item printed without its dash).
 */
function mayBeName(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 5 &&
    words.every((w) => /^[\p{L}\p{M}]+$/u.test(w) && /\p{Ll}/u.test(w)) &&
    words.filter((w) => /^\p{Lu}/u.test(w)).length >= 2
  );
}

/**
 * A name whose inner words an OCR garbled under a signature ("Trịnh FÀi Hồng Nhung"): 2–5 capitalised words, the
 * first a family name, as printed.
 */
function isFamilyName(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 5 &&
    FAMILY_NAMES.has(words[0]!.normalize('NFC').toLowerCase()) &&
    // Each word has a small letter: "Lưu VT" is an archive note. An inner word may carry a signature's stroke read
    // as a sign ("Nguyễn Tù§ Thu Trang"): kept whole, so the name is not cut to its last words ("Thu Trang").
    words.every((w, k) => (k === 0 || k === words.length - 1 ? /^\p{Lu}[\p{L}\p{M}]*$/u : /^\p{Lu}[\p{L}\p{M}]*[^\s\p{L}\p{M}\d]?$/u).test(w) && /\p{Ll}/u.test(w))
  );
}

/**
 * A name line whose first capital the OCR read small under a signature's stroke ("trương Công Hậu"): a family name
 * in small letters before 1–4 capitalised words is the name, capitalised. A wrapped recipient starts with no
 * family name before capitals ("các đơn vị …").
 */
function restoreFamilyCapital(line: string): string {
  const m = line.match(/^\s*(\p{Ll}[\p{Ll}\p{M}]*)(?:\s+\p{Lu}[\p{Ll}\p{M}]+){1,4}\s*$/u);
  return m && FAMILY_NAMES.has(m[1]!.normalize('NFC')) ? readName(line.trim()) : line;
}

function isPersonName(line: string): boolean {
  const t = line.trim().replace(/^[-.]\s*/, '');
  const words = t.split(/\s+/);
  return words.length >= 2 && words.length <= 5 && words.every((w) => /^\p{Lu}[\p{Ll}\p{M}]+$/u.test(w)) && !/[:;,]/.test(t);
}

function isRecipientsLine(line: string): boolean {
  // Marks may still be wrong after repair ("Nó nhấn:"): the letters and the colon are what count.
  return /^n\S{0,2}i? ?nh\S{1,2}n\s*:/.test(key(line));
}

/**
 * "Nơi nhận:" as an OCR garbled it (underlined italics: "Đá nhốn: HHôn:"): the last short line ending in a colon
 * that is followed by "- " items and then the signer's authority (or carries the authority itself), as the top of
 * the closing block does. -1 when there is none.
 */
function garbledRecipientsLine(lines: string[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const line = lines[i]!.trim();
    const auth = line.match(AUTHORITY_AT_END);
    const head = (auth?.index !== undefined ? line.slice(0, auth.index) : line).trim();
    if (!/:$/.test(head) || head.split(/\s+/).length > 3) continue;
    let items = 0;
    let j = i + 1;
    for (; j < to; j++) {
      const t = lines[j]!.trim();
      if (t === '') continue;
      if (/^[-+•]\s*\p{L}/u.test(t)) items++;
      else if (!items || !/^\p{Ll}/u.test(t)) break;
    }
    if (items >= 2 && (auth || (j < to && AUTHORITY_RE.test(lines[j]!.trim())))) return i;
  }
  return -1;
}

/**
 * The archive copy's item, "- Lưu: VT, …" (Decree 30) or "- Lưu Văn phòng …" (a Party body): a colon or a capital
 * after "Lưu", a few words. Not a duty in the body ("- Lưu trữ hồ sơ …").
 */
export const ARCHIVE_NOTE = /^[-+•]\s*[Ll]ưu\s*(?::|\p{Lu})(?:\S*\s*){0,7}$/u;

/**
 * Where a recipients' list without its header starts: the first of a run of dashed items (an item may wrap onto
 * a line in small letters, the signature column's lines in capitals stand between) whose last is the archive
 * copy's "- Lưu …", two items at least. -1 when there is none.
 */
function headlessRecipients(lines: string[], from: number, to: number): number {
  const item = (t: string) => /^[-+•]\s*\p{L}/u.test(t);
  let last = -1;
  // The stamp read as cells beside the note ("- Lưu Văn phòng Huyện ủy. | A | vị") is no part of it.
  for (let i = to - 1; i >= from && last < 0; i--) if (ARCHIVE_NOTE.test(lines[i]!.split(' | ')[0]!.trim())) last = i;
  if (last < 0) return -1;
  let first = last;
  let items = 1;
  for (let i = last - 1; i >= from; i--) {
    const t = lines[i]!.trim();
    if (item(t)) {
      first = i;
      items++;
    } else if (!/^\p{Ll}/u.test(t) && !isUpperLine(t)) break; // a wrapped item, or the signature column's line beside one
  }
  return items >= 2 ? first : -1;
}

/** The closing block of lines[from, to). */
export function parseClosing(lines: string[], from: number, to = lines.length, party = false): Closing {
  const signature: Signature = { authority: null, title: null, name: null };
  // The signature column's lines in capitals (authority, title), in order.
  const caps: string[] = [];
  let start = to;
  for (let i = from; i < to; i++)
    if (isRecipientsLine(lines[i]!)) {
      start = i;
      break;
    }
  // A header the OCR garbled: everything up to its last colon is the header.
  let garbled = false;
  if (start === to) {
    const g = garbledRecipientsLine(lines, from, to);
    if (g >= 0) [start, garbled] = [g, true];
  }
  // No header at all (a seal or the underline took "Nơi nhận:"): the list is still there, its items ending with
  // the archive copy's "- Lưu …" (Decree 30).
  let headless = false;
  if (start === to) {
    const h = headlessRecipients(lines, from, to);
    if (h >= 0) [start, headless] = [h, true];
    // The header's row, garbled past reading, still ends with the signature's authority ("De ¬ | 5 | Tinh | K/T
    // TRƯỞNG BAN"): a body's last line ends a sentence, never so.
    const row = h > from ? lines[h - 1]!.match(AUTHORITY_AT_END) : null;
    if (row) caps.push(row[0].trim());
  }
  const recipients: string[] = [];
  let blockStart = start;
  if (start < to) {
    // A text layer may give the signature column first: authority, title, "(Đã ký)" and name right above
    // "Nơi nhận" belong to the closing block, not to the last section.
    let top = start;
    let signer = false;
    for (let i = start - 1; i >= from && start - i <= 10; i--) {
      const t = lines[i]!.trim();
      if (t === '') continue;
      const role = AUTHORITY_RE.test(t) || (isUpperLine(t) && !!readTitle(t));
      if (!role && !/^\(?đã ký\)?$/i.test(t) && !isPersonName(t)) break;
      signer ||= role;
      top = i;
    }
    if (signer) {
      for (const l of lines.slice(top, start).map((x) => x.trim())) {
        if (isPersonName(l)) signature.name = l;
        else if (isUpperLine(l)) caps.push(l);
      }
      blockStart = top;
    }
  }
  if (start < to) {
    let cur: string | null = null;
    const push = () => {
      if (cur !== null) {
        const item = mendRecipient(cur.trim().replace(/^[-+•_]\s*/, '').replace(/[\s;,.]+$/, ''));
        if (item) recipients.push(item);
      }
      cur = null;
    };
    // "Lưu: VT, …" is the list's last item (Decree 30): once it is complete, what follows is the signature
    // column's or a footnote's ("¹ Theo Quyết định …", read as "Ì Theo …"), no recipient.
    const archived = () => cur !== null && /^[-+•_]?\s*lưu\b/iu.test(cur.trim()) && /[.;]$/.test(cur.trim());
    for (let i = start; i < to; i++) {
      let line = lines[i]!;
      if (i === start && !headless) {
        const auth = line.match(AUTHORITY_AT_END);
        const head = auth?.index !== undefined ? line.slice(0, auth.index) : line;
        line = line.slice((garbled ? head.lastIndexOf(':') : line.indexOf(':')) + 1);
      }
      if (line.trim() === '') continue;
      // The stamp read as cells beside an item ("- MTTQ …, | NA | TN"): the signature column's parts are kept,
      // the rest is noise.
      if (line.includes(' | ')) {
        const [first, ...rest] = line.split(' | ');
        line = first!;
        for (const cell of rest.map((c) => c.trim())) {
          const garbled = garbledDeputyAuthority(cell, party);
          if (AUTHORITY_RE.test(cell) || (isUpperLine(cell) && readTitle(cell))) caps.push(cell);
          else if (garbled) caps.push(garbled);
          else if (isPersonName(cell)) signature.name ??= cell;
          else if (/^\(.*\p{L}{2}/u.test(cell)) line += ` ${cell}`; // a note beside the item: "| (để t/h),"
        }
        if (line.trim() === '') continue;
      }
      // The signature's authority may follow on the same line ("Nơi nhận: KT. CHỦ TỊCH", scanner noise between).
      const auth = line.match(AUTHORITY_AT_END);
      if (auth && auth.index !== undefined) {
        caps.push(auth[0].trim());
        line = line.slice(0, auth.index);
      }
      if (i === start && !headless) {
        // The top of the signature column: an authority the OCR garbled ("TTIM BAN THƯỜNG VỤ" for "T/M …").
        const top = line.match(/\s(T[^\s\p{Ll}]{0,2}M)\s+((?:\p{Lu}[\p{Lu}\p{M}]*\s*){2,})$/u);
        if (top && !caps.length) {
          caps.push(`T/M ${top[2]!.trim()}`);
          line = line.slice(0, top.index);
        }
        // A signer who signs in their own name has no authority line: the title stands beside "Nơi nhận:"; or
        // the authority does, its marker garbled.
        const garbledAuthority = garbledDeputyAuthority(line.trim(), party);
        // A title whose first word's case the OCR lost ("Gián ĐỐC") still has a word in capitals; an item of the
        // recipients written beside "Nơi nhận:" has none.
        const someCapitals = line.trim().split(/\s+/).some((w) => /^\p{Lu}{2,}$/u.test(w));
        if ((isUpperLine(line.trim()) || mostlyCapitals(line) || someCapitals) && readTitle(line.trim())) caps.push(line.trim());
        else if (garbledAuthority) caps.push(garbledAuthority);
        // Capitals alone beside the header, no dash before them, are what the OCR kept of the signature column
        // on that row ("Nơi nhận: U TỊCH", "BÀ"): an item written there is in small letters or dashed.
        else if (/\p{L}{2}/u.test(line) && (!isUpperLine(line) || /^\s*[-+•]/.test(line))) cur = line.trim();
        continue;
      }
      line = restoreFamilyCapital(dropSpecks(line));
      const split = splitTrailingCapitals(line);
      if (split.caps) {
        caps.push(split.caps);
        // The specks between the columns are left behind: "- TT Đảng ủy (b/c); & | CHÁNH VĂN PHÒNG".
        line = dropSpecks(split.left);
      }
      const t = line.trim();
      // The signature column's title or authority behind specks a stamp left ("- . CHỦ TỊCH"): no item.
      const bare = t.replace(/^[^\p{L}]+/u, '');
      if (bare !== t && isUpperLine(bare) && (AUTHORITY_RE.test(bare) || readTitle(bare))) {
        caps.push(bare);
        continue;
      }
      // Under the title, a name whose letters the OCR mixed in case.
      if (!signature.name && mayBeName(t) && !isPersonName(t) && caps.some((c) => !AUTHORITY_RE.test(c) && readTitle(c))) {
        signature.name = t;
        continue;
      }
      // The title under the authority, its case and spaces lost ("cHÚTICH"): the whole line's letters against each
      // known title's.
      // Not a name ("Trương Công Hậu" is letters away from "TRƯỞNG PHÒNG"): a title is no family name and words.
      const titleless = caps.some((c) => AUTHORITY_RE.test(c)) && !caps.some((c) => !AUTHORITY_RE.test(c) && readTitle(c));
      if (!/^[-+•]/.test(t) && t.split(/\s+/).length <= 3 && titleless && !isFamilyName(t)) {
        const title = closestByLetters(bare, TITLE_KEYS) ?? readTitle(bare);
        if (title) {
          caps.push(title);
          continue;
        }
      }
      if (isPersonName(t) && bare !== t && !/^[-+•]\s*\p{Lu}\p{Ll}+\s/u.test(t)) {
        signature.name = bare;
        continue;
      }
      if (/^[-+•_]\s*/.test(t) && !archived()) {
        push();
        // A merged name at the end of an item: "- Lưu. Lê Đức Toàn"; also one the OCR garbled after a family name
        // ("- Ban nhân dân các thôn; Võ Thị KD Loan").
        // Or one whose inner word a seal's letters cut to small letters ("- Công an huyện; Lý xù Khoa"), after an
        // item's semicolon only: after a comma it is the item's next body ("UBKT, Văn phòng Đảng ủy").
        const nm =
          t.match(/^(.*?[.;,])\s+((?:\p{Lu}[\p{Ll}\p{M}]+\s?){2,5})$/u) ??
          t.match(/^(.*?[.;,])\s+(\p{Lu}[\p{L}\p{M}]*(?:\s\p{Lu}[\p{L}\p{M}]*){1,4})$/u) ??
          t.match(/^(.*?;)\s+(\p{Lu}\p{Ll}*(?:\s[\p{L}\p{M}]+){0,3}\s\p{Lu}[\p{Ll}\p{M}]+)$/u);
        const [family, ...given] = nm?.[2]?.split(' ') ?? [];
        // A family name and words of a name, not an archive note ("Lưu VT").
        const garbledName = !!family && familyName(family) !== null && given.some((w) => /\p{Ll}/u.test(w));
        if (nm && (isPersonName(nm[2]!) || garbledName)) {
          cur = nm[1]!;
          signature.name = nm[2]!.trim();
        } else cur = t;
      } else if (isUpperLine(t) && t.split(/\s+/).length >= 2) caps.push(AUTHORITY_RE.test(t) ? t : (garbledAuthority(t, party) ?? garbledDeputyAuthority(t, party) ?? t));
      else if (isPersonName(t)) signature.name = t.trim().replace(/^[^\p{L}]+/u, '');
      else if (cur !== null && /[;.]$/.test(cur) && !(/\.$/.test(cur) && /^\p{Ll}/u.test(t))) {
        // The item before it is complete: this line is the signature column's (a name after scanner specks), or
        // an item printed without its dash ("Lưu VT.").
        const nm = t.match(/(?:^|\s)((?:\p{Lu}[\p{Ll}\p{M}]+ ?){2,4})$/u);
        if (isFamilyName(t)) signature.name ??= t;
        else if (nm) signature.name ??= nm[1]!.trim();
        else if (/^\p{Lu}/u.test(t) && !archived()) {
          push();
          cur = t;
        }
      } else if (cur !== null && !/^[|()]/.test(t) && !archived()) {
        // An item wraps onto a line in small letters; a period before it is the OCR's reading of the gap.
        cur = `${/^\p{Ll}/u.test(t) ? cur.replace(/\.$/, '') : cur} ${t}`;
      }
    }
    push();
  } else {
    // No "Nơi nhận": look for the signature in the last lines.
    for (let i = Math.max(from, to - 15); i < to; i++) {
      const t = lines[i]!.trim();
      if (isUpperLine(t) && t.split(/\s+/).length >= 2) caps.push(t);
      else if (isPersonName(t)) signature.name = t;
    }
  }
  for (const c of caps) {
    const text = c.replace(/\s+/g, ' ').trim();
    // The authority is one of a closed set of forms: "T/TM" is an OCR's "T/M". Of "TM. ỦY BAN NHÂN DÂN" over
    // "KT. CHỦ TỊCH", the signer's is the one right above the title.
    if (AUTHORITY_RE.test(text)) {
      if (!signature.authority || !signature.title) signature.authority = readAuthority(text.replace(T_M_RE, 'T/M').replace(K_T_RE, 'K/T').replace(KT_RE, (m) => `${m.slice(0, 2)}.`));
    } else if (!signature.title) signature.title = readTitle(text);
  }
  // "KT." (ký thay): a deputy signs for the head, under the head's title made a deputy's ("KT. CHỦ TỊCH" over
  // "PHÓ CHỦ TỊCH"; Decree 30, App. I). Where the title's line was lost (a seal across it), read as the head's, or
  // garbled past any known title ("HỒ GÌ:CHỦ TỊCH"), that is the title.
  const signsFor = signature.authority?.match(/^(?:KT\.|K\/T)\s+(.+)$/u)?.[1];
  const known = (title: string) => SIGNER_TITLES.some((t) => `${key(title)} `.startsWith(`${key(t)} `));
  if (signsFor && (!signature.title || key(signature.title) === key(signsFor) || !known(signature.title)))
    signature.title = deputyOf(signsFor) ?? signature.title;
  // "TM." of a people's committee or council is signed by its chair: a deputy signs "KT. CHỦ TỊCH" (Decree 30,
  // App. I). Where a seal took the title's line, that is the title.
  const signsAs = signature.authority?.match(/^(?:TM\.|T\/M)\s+(.+)$/u)?.[1];
  if (!signature.title && signsAs && CHAIRED_BODIES.includes(signsAs)) signature.title = 'CHỦ TỊCH';
  if (signature.name) signature.name = readName(signature.name);
  return { recipients, signature, start: blockStart };
}
