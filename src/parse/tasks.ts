// Tasks written as items followed by "Đơn vị/Cơ quan chủ trì:", "… phối hợp:", "… thực hiện:", "Thời gian
// thực hiện:" (a letter's "Thời hạn hoàn thành:"). The task is the item just before the fields, or the heading of the
// section they sit in; a document whose every section with one block words its task in the one paragraph under the
// heading has that paragraph.
import type { Task } from '../model/plan.js';
import type { Para } from './paragraphs.js';
import { parsePeriod } from './periods.js';
import { headingOf, type SectionTree } from './sections.js';
import { ITEM_START, letterKey } from './text.js';
import { splitUnits } from './units.js';

// Labels are matched on the text with its marks stripped, and where a repair may have restored a label's syllable
// wrongly ("Đơn vị phối hẹp:" from the legacy OCR's "phéi hep"), any vowel for another: at a paragraph's start and
// before a colon, "phối hợp", "thời gian" and "thực hiện" have no other reading. (An OCR may join "Đơn vị".)
// ("@" is an English-model OCR's a: "Bộ ph@n".)
const V = '[aeiouy@]';
/** Who a field names: "Đơn vị", "Cơ quan", "Bộ phận", "Người", a hospital's "Khoa", "Phòng", also two joined
 *  ("Khoa, phòng chủ trì:", "Đơn vị/cá nhân thực hiện:"). */
const WHO = String.raw`(?:d${V}n\s?v[iy]|co\s?qu${V}n|bo ph${V}n|ngu${V}i|khoa|phong|to|ca nh${V}n|luc luong)`;
const LABEL = String.raw`((?:${WHO}(?:\s?[,/]\s?${WHO})?)?\s*(?:chu tri(?:,? th${V}c hi${V}n)?|th${V}c hi${V}n|chiu trach nhiem|phu trach|ph${V}{2} h${V}p(?: th${V}c hi${V}n)?)|th${V}{2} (?:gian|han)(?: th${V}c hi${V}n| hoan thanh)?|tien do)\s*:`;
const FIELD_RE = new RegExp(String.raw`^\s*(?:[-+•]\s*)?${LABEL}\s*(.*)$`, 'u');
/** A second field on the same line, after the first one's sentence: "… chủ trì: Phòng Nội vụ. Thời gian: Quý I/2026."
 *  (specks a scan left between them aside); or the fields in brackets after an item's sentence ("… truyền thanh
 *  (Chủ trì: Công an xã; thời gian: Quý II/2026)."). */
const NEXT_LABEL_RE = new RegExp(String.raw`(?:[.;](?:\s+[^\p{L}\d\s]{1,2})*\s+|\s*\()(?=${LABEL})`, 'u');

const SUPPORT_RE = new RegExp(`ph${V}{2} h${V}p`);
const TIME_RE = new RegExp(`^(?:th${V}{2} |ti${V}n d)`);

/** Other attributes a task may list among its fields ("Sản phẩm:", "Kinh phí:"): they keep the task open. */
const ATTRIBUTE_RE = /^\s*(?:[-+•]\s*)?(?:sản phẩm|kinh phí|nguồn kinh phí|kết quả|hình thức|địa điểm|đối tượng|chỉ tiêu|yêu cầu)[^:]{0,20}:/iu;

/** Words of a field's list carried on to the next paragraph: a unit or two, not a sentence. */
const MAX_CONTINUED_WORDS = 15;

/** An item's own mark: a bullet, "a)" or "b.", "6." or "2.1.", also as an OCR wrote it ("C)", "¢)"). */
const ITEM_MARK = /^\s*(?:[-+•]|[a-zđ¢][.)]|[A-ZĐ]\)|\d{1,2}(?:\.\d{1,2}){0,2}[.)](?=\s))\s*/u;

export interface Field {
  field: 'lead' | 'support' | 'time';
  value: string;
}

/** The fields a paragraph is made of, or null when it does not start with one. */
export function fieldsOf(text: string): Field[] | null {
  const out: Field[] = [];
  let rest = text.normalize('NFC');
  for (;;) {
    const m = letterKey(rest).match(FIELD_RE);
    if (!m) return out.length ? out : null;
    const name = m[1]!;
    const field = SUPPORT_RE.test(name) ? 'support' : TIME_RE.test(name.trim()) ? 'time' : 'lead';
    // The field's value as printed: the same letters of the text itself.
    const tail = rest.slice(rest.length - m[2]!.length);
    const nx = m[2]!.match(NEXT_LABEL_RE);
    const next = nx?.index ?? -1;
    out.push({ field, value: (next < 0 ? tail : tail.slice(0, next)).trim() });
    if (!nx) return out;
    rest = tail.slice(next + nx[0].length);
  }
}

/** An item that carries its fields on its own line after its sentence ("1. Tổ chức ra quân. Đơn vị chủ trì: …"):
 *  the sentence is the task's content. */
function inlineItem(text: string): { content: string; fields: Field[] } | null {
  if (!ITEM_START.test(text)) return null;
  const nx = letterKey(text).match(NEXT_LABEL_RE);
  if (!nx || nx.index === undefined) return null;
  const fields = fieldsOf(text.slice(nx.index + nx[0].length));
  // The sentence keeps its full stop; a bracket goes with the fields, and its closing one with the last value.
  const bracket = nx[0].includes('(');
  if (fields && bracket) fields[fields.length - 1]!.value = fields.at(-1)!.value.replace(/\)\s*[.;]?$/, '');
  return fields ? { content: text.slice(0, nx.index + (bracket ? 0 : 1)).replace(ITEM_MARK, '').trim(), fields } : null;
}

export function fieldTasks(paras: Para[], tree: SectionTree, docDate: string | null): Task[] {
  // A label that ends its paragraph ("… Đơn vị chủ trì:" / "Công an phường. Thời gian …") has its value in the next.
  const texts = paras.map((p) => p.text);
  const consumed = paras.map(() => false);
  for (let idx = 0; idx + 1 < paras.length; idx++) {
    if (consumed[idx] || !/:\s*$/.test(texts[idx]!) || ITEM_START.test(texts[idx + 1]!) || fieldsOf(texts[idx + 1]!)) continue;
    const last = (fieldsOf(texts[idx]!) ?? inlineItem(texts[idx]!)?.fields)?.at(-1);
    if (last?.value !== '') continue;
    texts[idx] = `${texts[idx]} ${texts[idx + 1]}`;
    consumed[idx + 1] = true;
  }
  const fields = texts.map((t) => fieldsOf(t));
  const inline = texts.map((t, idx) => (fields[idx] ? null : inlineItem(t)));
  inline.forEach((item, idx) => item && (fields[idx] = item.fields));
  // A field block: fields, and the other attributes listed among them (and a label's value read on).
  const inBlock = fields.map((f, idx) => !!f || consumed[idx]!);
  // A list of units that ends its line with ";" or "," goes on in the next paragraph, whatever its capital
  // ("Đơn vị phối hợp: Trung tâm …;" / "Ủy ban nhân dân các xã, thị trấn."): a short one, no item of its own.
  for (let idx = 1; idx < paras.length; idx++) {
    const last = fields[idx - 1]?.at(-1);
    const text = paras[idx]!.text.trim();
    if (!last || last.field === 'time' || fields[idx] || consumed[idx] || !/[;,]$/.test(last.value) || ITEM_START.test(text) || text.split(/\s+/).length > MAX_CONTINUED_WORDS) continue;
    last.value = `${last.value} ${text}`;
    inBlock[idx] = true;
  }
  for (let idx = 1; idx < paras.length; idx++) if (!fields[idx] && inBlock[idx - 1] && ATTRIBUTE_RE.test(paras[idx]!.text)) inBlock[idx] = true;
  // How many field blocks each section has: one means the section is the task; several, each the item before.
  const blocks = new Map<string | null, number>();
  fields.forEach((f, idx) => {
    const path = tree.pathOf[idx] ?? null;
    if (f && !inBlock[idx - 1]) blocks.set(path, (blocks.get(path) ?? 0) + 1);
  });
  // The paragraphs between each single-block section's heading and its fields: where each such section has one,
  // that paragraph is the task ("1.1. Đối với …", then what to do); where some have several, the heading sums
  // them up, and a document names its tasks one way.
  // A heading's paragraph may carry the text under it (a text layer joins them): that text is its own paragraph.
  const body = paras.map((p, idx) => (tree.headingAt.has(idx) ? (headingOf(p)?.content.trim() ?? '') : p.text));
  const between = new Map<string, string[]>();
  paras.forEach((_, idx) => {
    const path = tree.pathOf[idx];
    if (path == null || blocks.get(path) !== 1 || fields[idx] || inBlock[idx] || !body[idx]) return;
    if (!fields.slice(idx + 1).some((f, k) => f && tree.pathOf[idx + 1 + k] === path)) return;
    between.set(path, [...(between.get(path) ?? []), body[idx]!]);
  });
  // The paragraph says more than its heading: a short line after a long numbered sentence is that sentence's end.
  const words = (t: string | null | undefined) => t?.split(/\s+/).length ?? 0;
  const singles = [...blocks].filter(([path, n]) => path !== null && n === 1).map(([path]) => path!);
  const paragraphTasks =
    singles.length > 0 && singles.every((path) => between.get(path)?.length === 1 && words(between.get(path)![0]) > words(headingFor(tree, path, paras.length)));
  const tasks: Task[] = [];
  let current: Task | undefined;
  let lastContent: { idx: number; text: string } | undefined;
  paras.forEach((_, idx) => {
    const f = fields[idx];
    if (!f) {
      if (inBlock[idx]) return;
      current = undefined;
      // Text under a heading is an item only where the document words its tasks so.
      const text = tree.headingAt.has(idx) && !paragraphTasks ? '' : body[idx];
      lastContent = text ? { idx, text } : undefined;
      return;
    }
    if (inline[idx]) {
      current = { content: inline[idx]!.content, lead: [], support: [], timeline: null, section: tree.pathOf[idx] ?? null };
      tasks.push(current);
    } else if (!current) {
      const path = tree.pathOf[idx] ?? null;
      const own = lastContent && tree.pathOf[lastContent.idx] === path;
      const item = own && ((blocks.get(path) ?? 0) > 1 || paragraphTasks || subItemFields(paras[idx]!.text, lastContent!.text)) ? lastContent!.text : null;
      const content = item ? item.replace(ITEM_MARK, '') : headingFor(tree, path, idx);
      if (!content) return;
      current = { content, lead: [], support: [], timeline: null, section: path };
      tasks.push(current);
    }
    for (const { field, value } of f) {
      if (field === 'time') current.timeline = parsePeriod(value, docDate) ?? { text: value.replace(/[.;]$/, ''), start: null, end: null, recurring: false };
      else current[field].push(...splitUnits(value));
    }
  });
  // A task is work given to a unit: fields that name none ("Thời gian thực hiện: Năm 2027 - 2028" describing a
  // project in a submission) assign nothing.
  return tasks.filter((t) => t.lead.length || t.support.length);
}

/** Fields marked "+" under a "-" item are that item's own (one level down), whatever else the section holds: the
 *  item is the task, not the section's heading. */
function subItemFields(fieldText: string, before: string): boolean {
  return /^\s*\+/.test(fieldText) && /^\s*[-•]\s/.test(before);
}

/** The heading of the section the paragraph is in: the last one before it with that path (a path may repeat when
 *  the document or its OCR repeats a number: "I." twice). */
function headingFor(tree: SectionTree, path: string | null, idx: number): string | null {
  if (!path) return null;
  let heading: string | null = null;
  for (const [at, node] of tree.headingAt) if (at <= idx && node.path === path) heading = node.heading;
  return heading;
}
