// The section tree: A./B. parts, I./II. sections, 1./2. items, 1.1./2.2.1. sub-items, as headings. A numbered
// paragraph that is itself content (a long sentence ending in "." or ";") stays text; bullets, a)/b) items and
// "* Năm 2026:" markers are text too. Numbers are kept as printed, duplicates and gaps included.
import type { Section } from '../model/plan.js';
import type { Para } from './paragraphs.js';
import { isUpperLine, key } from './text.js';

/** 'lookalike': "l.", "IL.", "VHI.", "Iv.", "Vv." — a Roman numeral as an OCR read it (l for I, H for II, a V in small
 *  letters or doubled), a heading only where the numbering proves it (see below) */
export type LabelKind = 'letter' | 'roman' | 'arabic' | 'dotted' | 'lookalike';

export interface Label {
  kind: LabelKind;
  label: string;
  rest: string;
  /** nesting rank: letter 0, roman 1, arabic 2, 1.1 → 3, 1.1.1 → 4 */
  rank: number;
}

const LABEL_RE = /^\s*(?:([A-HK-UW-Z])|([IVX]{1,5}|l[Il]{0,2}|I[Il]{0,2}L|[IVX]{0,3}H[IVX]{0,2}|[IVX]{0,3}[vx][IVXvx]{0,2})|(\d{1,2}(?:\.\d{1,2}){0,3}))\s*[.)]\s*(.*)$/u;
/** What an OCR makes of the dot: a comma ("5, Tuyên truyền"), or nothing after a numeral ("I MỤC ĐÍCH"). */
const OCR_LABEL_RE = /^\s*(?:([IVX][IVXlLH]{0,4}|[lLH][IlLH]{1,2})\s|(\d{1,2}),\s)(?=\p{Lu})\s*(.*)$/u;

/** A heading after a dotless numeral is short: "I Trách nhiệm của các cơ quan, đơn vị, địa phương". */
const MAX_DOTLESS_WORDS = 14;

/** A part: "Phần I", "PHẦN II.", "Phần thứ nhất:" (its heading after it, or on the next line). */
const PART_RE = /^\s*ph[ầâa]n\s+(?:([IVXlH1-9]{1,4})(?![\p{L}\d])|th[ứu]\s+(nh[ấa]t|hai|ba|t[ưu]|n[ăa]m|s[áa]u))\s*[.:\-–]?\s*(.*)$/iu;
const PART_ORDINALS: Record<string, string> = { nhat: 'I', hai: 'II', ba: 'III', tu: 'IV', nam: 'V', sau: 'VI' };

export function parseLabel(line: string): Label | null {
  // A part stands above the sections as a lettered part does ("A." …): its numeral is its label. "Phần" alone, its
  // numeral lost to the OCR (a seal's speck), is the part due next where a heading in capitals follows.
  if (/^\s*ph[ầâa]n\s*$/iu.test(line)) return { kind: 'lookalike', label: '', rest: '', rank: 0 };
  const part = line.match(PART_RE);
  if (part) {
    const ordinal = part[2] && key(part[2]);
    // Its numeral as printed, or in digits ("Phần 2"); strokes an OCR misread ("Phần IH", "Phần Il") are the
    // part due next (readRomanLookalikes).
    const strokes = part[1] && /^[IlH1]+$/.test(part[1]) && !/^I+$/.test(part[1]);
    const numeral = part[1] && (/^\d$/.test(part[1]) ? ROMANS[+part[1]] : strokes ? part[1] : ROMANS.includes(part[1].toUpperCase()) ? part[1].toUpperCase() : undefined);
    const label = numeral || PART_ORDINALS[ordinal ?? ''];
    if (label && (part[3] === '' || isUpperLine(part[3]!))) return { kind: strokes ? 'lookalike' : 'roman', label, rest: part[3]!.trim(), rank: 0 };
  }
  let m = line.match(LABEL_RE);
  if (!m) {
    const o = line.match(OCR_LABEL_RE);
    // Without its dot a numeral only labels a heading in capitals, or a short line ("I Mục đích", "IL Yêu cầu"
    // for II.): a short line with no sentence's end.
    const short = o && o[3]!.split(/\s+/).length <= MAX_DOTLESS_WORDS && !/[.;:,]$/.test(o[3]!.trim());
    if (!o || (o[1] && !isUpperLine(o[3]!) && !short) || o[3]!.split(/\s+/).length > 25) return null;
    m = ['', undefined, o[1], o[2], o[3]] as unknown as RegExpMatchArray;
    // A dotless numeral before a heading in small letters is a heading only where the numbering proves it.
    if (o[1] && !isUpperLine(o[3]!)) return { kind: 'lookalike', label: o[1], rest: o[3]!.trim(), rank: 1 };
  }
  const rest = m[4]!.trim();
  // "1)" items and lower-case starts are list items, not headings.
  if (/^\s*\d+\)/.test(line) || rest === '' && !m[2]) return null;
  // A letter labels a part in capitals only; an "H." before small letters is "II." as an OCR joined its strokes.
  if (m[1] === 'H' && !isUpperLine(rest)) return { kind: 'lookalike', label: 'H', rest, rank: 1 };
  if (m[1]) return { kind: 'letter', label: m[1], rest, rank: 0 };
  if (m[2]) return { kind: /[lLHvx]/.test(m[2]) ? 'lookalike' : 'roman', label: m[2], rest, rank: 1 };
  const depth = m[3]!.split('.').length;
  return { kind: depth === 1 ? 'arabic' : 'dotted', label: m[3]!, rest, rank: 1 + depth };
}

const MAX_HEADING_WORDS = 40;
/** Characters of a line the margin broke (a printed line of body text holds 80–95). */
const FULL_LINE = 60;
/** Words a heading seldom reaches: a numbered line that long, broken by the margin, is a sentence of content. */
const LONG_HEADING_WORDS = 20;
/** A field of an item: "Đơn vị chủ trì: …", "- Thời gian thực hiện: …". */
const FIELD_LINE = /^[-–+]?\s*\p{Lu}[\p{L}\p{M} ]{2,40}:/u;
/** A line that ends on a preposition or conjunction, or on a word a number must follow ("trong Quý" / "II/2026."),
 *  goes on on the next line, capital or not. */
const ENDS_MID_PHRASE = /\s(của|và|với|về|trong|cho|các|những|tại|theo|để|đến|trên|từ|thuộc|[Qq]uý|tháng|ngày|số)$/u;

/** Is this labelled paragraph a heading (a title for what follows) rather than content? */
export function headingOf(p: Para, at?: number, all?: readonly Para[]): { label: Label; heading: string; content: string } | null {
  const label = parseLabel(p.lines[0]!);
  if (!label) return null;
  const first = label.rest;
  // A numeral alone on its line ("Phần I", "II."), its heading in capitals on the next.
  if (!first && p.lines.length > 1 && isUpperLine(p.lines[1]!)) {
    const heads: string[] = [];
    let j = 1;
    while (j < p.lines.length && isUpperLine(p.lines[j]!)) heads.push(p.lines[j++]!.trim());
    return { label, heading: heads.join(' '), content: p.lines.slice(j).join('\n') };
  }
  // Capital headings end where the capitals end ("I. MỤC ĐÍCH, YÊU CẦU" then body text without a blank line).
  if (first && isUpperLine(first)) {
    const heads = [first];
    let j = 1;
    while (j < p.lines.length && isUpperLine(p.lines[j]!)) heads.push(p.lines[j++]!.trim());
    return { label, heading: heads.join(' '), content: p.lines.slice(j).join('\n') };
  }
  if (label.kind === 'letter' && !isUpperLine(first)) return null;
  // A heading wraps onto lines that carry on its phrase (a small letter, or after a comma); a line that
  // starts with a capital after a complete heading is the body text that follows without a blank line.
  let j = 1;
  let text = first;
  const longest = Math.max(...p.lines.map((l) => l.trim().length));
  const fieldsAfter = at !== undefined && FIELD_LINE.test(all?.[at + 1]?.lines[0]?.trim() ?? '');
  while (j < p.lines.length) {
    const next = p.lines[j]!.trim();
    // A line of one or two abbreviations ("CCHC") ends the heading's phrase: no body text is that short.
    const abbreviations = /^(?:[A-ZĐ]{2,}[,.]?\s*){1,2}$/u.test(next);
    // A line as long as the paragraph's longest was broken by the margin, not at a heading's end: an item's
    // sentence whose next line starts with a name ("… cho chủ tịch" / "Hội LHPN cơ sở, …") goes on, where the
    // paragraph ends with a full stop and field lines follow ("Đơn vị chủ trì: …") or it is already longer than
    // a heading runs.
    const broken = p.lines[j - 1]!.trim().length;
    const long = text.split(/\s+/).length >= LONG_HEADING_WORDS;
    const wrapped = broken >= FULL_LINE && broken >= 0.9 * longest && /[.;]$/.test(p.lines.at(-1)!.trim()) && (fieldsAfter || long);
    // (An OCR reads the sentence's ";" at the margin as ":" too.) A note in brackets on a line of its own
    // ("(Chi tiết tại Phụ lục kèm theo)") is no part of the heading.
    if (/^\(.*\)[.;]?$/.test(next)) break;
    // A colon with the sentence running on in small letters to a full stop is an OCR's ";" mid-sentence, no heading's end.
    const runsOn = /^\p{Ll}/u.test(next) && /[.;]$/.test(p.lines.at(-1)!.trim());
    if (/[.;]$/.test(text) || (/:$/.test(text) && !wrapped && !runsOn) || (/^\p{Lu}/u.test(next) && !abbreviations && !wrapped && !/[,\-–]$/.test(text) && !ENDS_MID_PHRASE.test(text))) break;
    text = `${text} ${next}`;
    j++;
  }
  const words = text.split(/\s+/).length;
  if (words > MAX_HEADING_WORDS || /[.;]$/.test(text) || /^\p{Ll}/u.test(text) || text === '') return null;
  // A sentence's end inside it ("… khu dân cư. Đơn vị chủ trì:") makes it an item's sentences, not a heading (a
  // ";" between two units' names does not: "2. Phòng Kinh tế; Phòng Nông nghiệp").
  if (/\p{Ll}{2}\.\s+\p{Lu}/u.test(text)) return null;
  return { label, heading: text.replace(/:$/, ''), content: p.lines.slice(j).join('\n') };
}

export interface Node extends Section {
  rank: number;
  path: string;
  paras: string[];
}

export interface SectionTree {
  sections: Section[];
  /** the section path ("C/I/3") each paragraph belongs to, by paragraph index; null before the first heading */
  pathOf: (string | null)[];
  /** heading node by paragraph index, for paragraphs that are headings */
  headingAt: Map<number, Node>;
  /** each heading's label as printed (an OCR's reading: "I" for "II", "IL"), by paragraph index */
  printed: (string | null)[];
}

/** Roman numerals by value (index 0 unused). */
export const ROMANS = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

function valueOf(l: Label): number {
  return l.kind === 'roman' ? ROMANS.indexOf(l.label) : l.kind === 'arabic' ? Number(l.label) : -1;
}

/**
 * An item of a numbered list that ends on a colon (a ";" the OCR read so: "1. Ông Nguyễn Văn Toàn, … - Tổ
 * trưởng:") looks like a heading, but the next item follows it at once and is content: a heading has text under it
 * before its next sibling, so this one is content too.
 */
function dropListItems(heads: (ReturnType<typeof headingOf> | null)[], paras: Para[]): void {
  for (let idx = heads.length - 2; idx >= 0; idx--) {
    const h = heads[idx];
    if (!h || h.content || h.label.kind !== 'arabic' || heads[idx + 1]) continue;
    const next = parseLabel(paras[idx + 1]!.lines[0]!);
    if (next?.kind === 'arabic' && Number(next.label) === Number(h.label.label) + 1) heads[idx] = null;
  }
}

/**
 * A numeral the OCR misread: "II." between "II." and "IV." was printed "III." (a stroke lost). Only a repeat
 * whose next sibling proves the gap is mended; numbers printed twice or skipped stay as printed.
 */
function mendMisreadNumbers(heads: (ReturnType<typeof headingOf> | null)[]): void {
  const sibling = (i: number, step: 1 | -1): Label | undefined => {
    const rank = heads[i]!.label.rank;
    for (let k = i + step; k >= 0 && k < heads.length; k += step) {
      const h = heads[k];
      if (!h) continue;
      if (h.label.rank < rank) return undefined;
      if (h.label.rank === rank) return h.label;
    }
    return undefined;
  };
  heads.forEach((h, i) => {
    if (!h || valueOf(h.label) < 1) return;
    const prev = sibling(i, -1);
    const next = sibling(i, 1);
    const v = valueOf(h.label);
    if (prev && next && prev.kind === h.label.kind && next.kind === h.label.kind && valueOf(prev) === v && valueOf(next) === v + 2)
      h.label.label = h.label.kind === 'roman' ? ROMANS[v + 1]! : String(v + 1);
    // A Roman numeral of strokes only ("II", "III") that an OCR read with a stroke too few does not follow the
    // sibling before it ("I.", "I.", "II." for I., II., III.): the order proves the numeral, as a later sibling
    // would. The numeral due must itself be strokes only, with more of them than were read.
    else if (prev && prev.kind === 'roman' && h.label.kind === 'roman' && /^I+$/.test(h.label.label) && v <= valueOf(prev)) {
      const due = valueOf(prev) + 1;
      if (/^I+$/.test(ROMANS[due] ?? '') && due > v) h.label.label = ROMANS[due]!;
    }
  });
}

/**
 * Siblings whose numerals are all there but out of print order ("I.", "III", "II."; "I.", "IH.", "II." — an OCR
 * that misread two of them): documents number siblings in order, so where the numerals read are exactly 1…n
 * (n ≥ 3) in another order, each is the one its position gives.
 */
function renumberShuffled(heads: (ReturnType<typeof headingOf> | null)[]): void {
  const groups: number[][] = [];
  const open = new Map<number, number[]>();
  heads.forEach((h, i) => {
    if (!h) return;
    const rank = h.label.rank;
    // A heading closes the groups of the ranks under it, and joins (or opens) its own.
    for (const [r, g] of [...open])
      if (r > rank) {
        groups.push(g);
        open.delete(r);
      }
    const g = open.get(rank) ?? [];
    g.push(i);
    open.set(rank, g);
  });
  groups.push(...open.values());
  // Roman numerals and their lookalikes ("IH." read for II.) are one kind here.
  const family = (k: LabelKind) => (k === 'lookalike' ? 'roman' : k);
  for (const g of groups) {
    if (g.length < 3) continue;
    const kind = family(heads[g[0]!]!.label.kind);
    if ((kind !== 'roman' && kind !== 'arabic') || g.some((i) => family(heads[i]!.label.kind) !== kind)) continue;
    const values = g.map((i) => (heads[i]!.label.kind === 'lookalike' ? lookalikeValue(heads[i]!.label.label) : valueOf(heads[i]!.label)));
    const inOrder = values.every((v, k) => v === k + 1);
    const permutation = [...values].sort((a, b) => a - b).every((v, k) => v === k + 1);
    if (inOrder || !permutation) continue;
    g.forEach((i, k) => {
      const label = heads[i]!.label;
      label.label = kind === 'roman' ? ROMANS[k + 1]! : String(k + 1);
      if (label.kind === 'lookalike') label.kind = 'roman';
    });
  }
}

/** A lookalike's value as a Roman numeral: l → I, H → II, small v and x as capitals, a V read twice ("Vv") once. */
function lookalikeValue(label: string): number {
  const upper = label.replace(/[lL]/g, 'I').replace(/H/g, 'II').toUpperCase();
  return Math.max(0, ROMANS.indexOf(upper), ROMANS.indexOf(upper.replace(/VV/g, 'V')));
}

/**
 * Roman numerals an OCR read as digits, l's or H's ("l." for I., "11." for II., "VHI." for VIII.): read as Roman
 * where the numbering proves it — that Roman numeral is due next under the current part, and as a number the label
 * would not follow the number before it ("3." then "11."). An "l." that is not due is no heading.
 */
/** The first heading after position i. */
function nextHead(heads: (ReturnType<typeof headingOf> | null)[], i: number): ReturnType<typeof headingOf> | null {
  for (let j = i + 1; j < heads.length; j++) if (heads[j]) return heads[j]!;
  return null;
}

const isRoman = (h: ReturnType<typeof headingOf> | null, label: string) => h?.label.kind === 'roman' && h.label.label === label;

function readRomanLookalikes(heads: (ReturnType<typeof headingOf> | null)[]): void {
  let roman = 0;
  let arabic = 0;
  // A Roman numeral read twice ("VI.", "VI.") was the next one the second time (mendMisreadNumbers): the one after
  // that is due.
  let repeated = false;
  let part = '';
  let parts = 0;
  heads.forEach((h, i) => {
    if (!h) return;
    const l = h.label;
    // A part's numeral ("Phần …"): strokes misread are the part due next.
    if (l.rank === 0 && l.kind !== 'letter') {
      if (l.kind === 'lookalike') Object.assign(l, { kind: 'roman', label: ROMANS[parts + 1]! });
      parts = ROMANS.indexOf(l.label);
      [roman, arabic, repeated] = [0, 0, false];
      return;
    }
    // "H." in capitals after "I." is "II." (its strokes joined), unless part G came before it.
    if (l.kind === 'letter' && l.label === 'H' && part !== 'G' && roman >= 1 && /^I+$/.test(ROMANS[roman + 1] ?? '')) {
      Object.assign(l, { kind: 'roman', label: ROMANS[roman + 1]!, rank: 1 });
      [roman, arabic, repeated] = [roman + 1, 0, false];
      return;
    }
    if (l.kind === 'letter') [roman, arabic, repeated, part] = [0, 0, false, l.label];
    else if (l.kind === 'roman') {
      const v = ROMANS.indexOf(l.label);
      [roman, arabic, repeated] = [v, 0, v === roman];
    }
    else if (l.kind === 'arabic' || l.kind === 'lookalike') {
      // "H" is two strokes joined by their serifs: "VHI" is VIII.
      const asRoman = /^[1IlL]{1,3}$/.test(l.label) ? l.label.length : lookalikeValue(l.label);
      // Strokes with an H among them are II or III as the order has it: an H is two strokes, or one and the dot
      // beside it ("LH" for "II.").
      const strokes = l.kind === 'lookalike' && /H/.test(l.label) && /^[IlLH]+$/.test(l.label) && /^I+$/.test(ROMANS[roman + 1] ?? '') && roman >= 1;
      const next = asRoman === roman + 1 || strokes || (repeated && l.kind === 'lookalike' && asRoman === roman + 2);
      // The first numeral read as "1." before a heading in capitals, where "II." follows: the order proves it "I.".
      const first = roman === 0 && asRoman === 1 && isUpperLine(h.heading) && isRoman(nextHead(heads, i), 'II');
      const due = (next && (l.kind === 'lookalike' || (roman >= 1 && asRoman >= 2 && Number(l.label) !== arabic + 1))) || first;
      if (due) {
        const value = strokes ? roman + 1 : asRoman;
        Object.assign(l, { kind: 'roman', label: ROMANS[value]!, rank: 1 });
        [roman, arabic, repeated] = [value, 0, false];
      } else if (l.kind === 'lookalike') heads[i] = null;
      else arabic = Number(l.label);
    }
  });
}

export function buildSections(paras: Para[]): SectionTree {
  const roots: Node[] = [];
  const stack: Node[] = [];
  const pathOf: (string | null)[] = [];
  const headingAt = new Map<number, Node>();
  const heads = paras.map(headingOf);
  const printed = heads.map((h) => h?.label.label ?? null);
  renumberShuffled(heads);
  readRomanLookalikes(heads);
  mendMisreadNumbers(heads);
  dropListItems(heads, paras);
  paras.forEach((p, idx) => {
    const h = heads[idx];
    if (h) {
      while (stack.length && stack[stack.length - 1]!.rank >= h.label.rank) stack.pop();
      const parent = stack[stack.length - 1];
      const node: Node = {
        label: h.label.label,
        heading: h.heading,
        level: stack.length + 1,
        text: '',
        children: [],
        rank: h.label.rank,
        path: parent ? `${parent.path}/${h.label.label}` : h.label.label,
        paras: h.content ? [h.content] : [],
      };
      (parent ? parent.children : roots).push(node);
      stack.push(node);
      headingAt.set(idx, node);
      pathOf.push(node.path);
      return;
    }
    const top = stack[stack.length - 1];
    pathOf.push(top ? top.path : null);
    // Content goes to the innermost open section, before its first child (contract: "before its first child").
    if (top && top.children.length === 0) top.paras.push(p.text);
  });
  const finish = (n: Node): Section => ({
    label: n.label,
    heading: n.heading,
    level: n.level,
    text: n.paras.join('\n'),
    children: (n.children as Node[]).map(finish),
  });
  return { sections: roots.map(finish), pathOf, headingAt, printed };
}

/**
 * The text reads as the sections do: a heading whose number the numbering proved misread ("I." for "II.", "IL." for
 * II.) or whose dot the OCR lost ("I MỤC ĐÍCH") is written with its number and a dot, as Decree
 * 30 prints it. A label with a bracket ("a)") stays as printed.
 */
export function relabelHeadings(lines: string[], paras: Para[], tree: SectionTree): void {
  for (const [idx, node] of tree.headingAt) {
    const printed = tree.printed[idx];
    const at = paras[idx]!.start;
    if (!printed) continue;
    const m = lines[at]!.match(new RegExp(`^(\\s*)${printed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*([.,)]?)\\s*`));
    if (!m || m[2] === ')' || (m[2] === '.' && node.label === printed)) continue;
    lines[at] = `${m[1]}${node.label}. ${lines[at]!.slice(m[0].length)}`;
  }
}

