// Tasks written as items followed by "Đơn vị/Cơ quan chủ trì:", "… phối hợp:", "… thực hiện:", "Thời gian
// thực hiện:". The task is the item just before the fields, or the heading of the section they sit in; a document
// whose every section with one block words its task in the one paragraph under the heading has that paragraph.
import type { Task } from '../model/plan.js';
import type { Para } from './paragraphs.js';
import { parsePeriod } from './periods.js';
import { headingOf, type SectionTree } from './sections.js';
import { key } from './text.js';
import { splitUnits } from './units.js';

const LABEL = String.raw`((?:đơn vị|cơ quan|bộ phận|người)?\s*(?:chủ trì(?:,? thực hiện)?|thực hiện|phối hợp(?: thực hiện)?)|thời gian(?: thực hiện| hoàn thành)?|tiến độ)\s*:`;
const FIELD_RE = new RegExp(String.raw`^\s*(?:[-+•]\s*)?${LABEL}\s*(.*)$`, 'iu');
/** A second field on the same line, after the first one's sentence: "… chủ trì: Phòng Nội vụ. Thời gian: Quý I/2026." */
const NEXT_LABEL_RE = new RegExp(String.raw`[.;]\s+(?=${LABEL})`, 'iu');

/** Other attributes a task may list among its fields ("Sản phẩm:", "Kinh phí:"): they keep the task open. */
const ATTRIBUTE_RE = /^\s*(?:[-+•]\s*)?(?:sản phẩm|kinh phí|nguồn kinh phí|kết quả|hình thức|địa điểm|đối tượng|chỉ tiêu|yêu cầu)[^:]{0,20}:/iu;

/** An item's own mark: a bullet, "a)" or "b.", also as an OCR wrote it ("C)", "¢)"). */
const ITEM_MARK = /^\s*(?:[-+•]|[a-zđ¢][.)]|[A-ZĐ]\))\s*/u;

export interface Field {
  field: 'lead' | 'support' | 'time';
  value: string;
}

/** The fields a paragraph is made of, or null when it does not start with one. */
export function fieldsOf(text: string): Field[] | null {
  const out: Field[] = [];
  let rest = text;
  for (;;) {
    const m = rest.match(FIELD_RE);
    if (!m) return out.length ? out : null;
    const name = key(m[1]!);
    const field = /phoi hop/.test(name) ? 'support' : /thoi gian|tien do/.test(name) ? 'time' : 'lead';
    const next = m[2]!.search(NEXT_LABEL_RE);
    out.push({ field, value: (next < 0 ? m[2]! : m[2]!.slice(0, next)).trim() });
    if (next < 0) return out;
    rest = m[2]!.slice(next + 1);
  }
}

export function fieldTasks(paras: Para[], tree: SectionTree, docDate: string | null): Task[] {
  // How many field blocks each section has: one means the section is the task; several, each the item before.
  const fields = paras.map((p) => fieldsOf(p.text));
  // A field block: fields, and the other attributes listed among them.
  const inBlock = fields.map((f) => !!f);
  for (let idx = 1; idx < paras.length; idx++) if (!fields[idx] && inBlock[idx - 1] && ATTRIBUTE_RE.test(paras[idx]!.text)) inBlock[idx] = true;
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
    if (!current) {
      const path = tree.pathOf[idx] ?? null;
      const item = ((blocks.get(path) ?? 0) > 1 || paragraphTasks) && lastContent && tree.pathOf[lastContent.idx] === path ? lastContent.text : null;
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

/** The heading of the section the paragraph is in: the last one before it with that path (a path may repeat when
 *  the document or its OCR repeats a number: "I." twice). */
function headingFor(tree: SectionTree, path: string | null, idx: number): string | null {
  if (!path) return null;
  let heading: string | null = null;
  for (const [at, node] of tree.headingAt) if (at <= idx && node.path === path) heading = node.heading;
  return heading;
}
