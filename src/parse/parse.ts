// Stage 5 — parse: the normalised lines into the plan's structure (header, preamble, sections, tasks,
// references, closing block). Each concern has its own module; this file only puts them in order.
import type { Doc } from '../model/document.js';
import type { Warning } from '../model/plan.js';
import { isVietnameseSyllable } from '../repair/vietnamese.js';
import { personNames } from '../repair/personNames.js';
import { parseClosing } from './closing.js';
import { findFootnotes, pageNumberLines, type FootnoteBlock } from './footnotes.js';
import { attachedDocument, parseHeader, symbolFromText } from './header.js';
import { paragraphs } from './paragraphs.js';
import { findReferences } from './references.js';
import { buildSections, relabelHeadings } from './sections.js';
import { readTable } from './table.js';
import { gridTables, gridTableTasks } from './gridTables.js';
import { sectionOrderWarnings } from './judge.js';
import { unstackColumns } from './stackedColumns.js';
import { fieldTasks } from './tasks.js';
import { planLayout } from '../layout/pageFrame.js';
import { ADMIN_UNITS, consensusSpelling, key } from './text.js';

const BASIS_RE = /^(can cu|thuc hien|theo |thi hanh|trien khai)/;
/** "… phường Việt Hưng": the body's words up to its administrative unit, then the place name. */
const UNIT_THEN_NAME = new RegExp(`^(.*(?:^|\\s)(?:${ADMIN_UNITS.join('|')}) )(\\p{Lu}.*)$`, 'u');
const APPENDIX_RE = /^\s*ph[uụ]\s*l[uụ]c\b/iu;

export function parse(doc: Doc): Doc {
  // A table an old OCR read column by column, put back in rows first: the tables, the sections and the text
  // then read it as printed.
  const unstacked = unstackColumns(doc.lines);
  doc.lines = unstacked.lines;
  const lines = doc.lines.map((l) => l.text);
  const warnings: Warning[] = [...doc.warnings];
  // Its rows are the cut that read best, not what the page showed: say so, where.
  for (const t of unstacked.rebuilt)
    warnings.push({
      code: 'TABLE_TASKS',
      message: `line ${t.line + 1}: a table the OCR read column by column, put back in ${t.rows} rows: check that each row's cells belong together`,
      line: t.line + 1,
    });
  const header = parseHeader(lines);
  warnings.push(...header.warnings);
  // A decision that issues a plan: the document is the decision (its header, closing block), but its sections
  // and tasks are those of the plan attached after it, which has a header of its own. The decision's articles
  // (Điều 1.–4.) are its content.
  const attached = attachedDocument(lines, header.bodyStart);
  // An appendix ("Phụ lục", a short line of its own) usually follows the closing block.
  let appendix = lines.findIndex((l, i) => i >= header.bodyStart && APPENDIX_RE.test(l) && l.trim().split(/\s+/).length <= 6);
  if (appendix < 0) appendix = lines.length;
  if (attached) appendix = attached.headerStart;
  // A Party body's header carries its motto "ĐẢNG CỘNG SẢN VIỆT NAM"; it signs "T/M", "K/T" (Guidance 36).
  const party = key(lines.slice(0, header.bodyStart).join(' ')).includes('dang cong san viet nam');
  let closing = parseClosing(lines, header.bodyStart, appendix, party);
  if (closing.start === appendix && appendix < lines.length && !attached) closing = parseClosing(lines, appendix, lines.length, party);
  // A name an OCR read (ours, or a PDF's OCR layer) may be a mark or a letter off under the stamp; typeset text
  // and text given as text are taken as written.
  const signer = closing.signature;
  const ocrRead = doc.pages.some((p) => p.method === 'ocr' || (p.method === 'text-layer' && !p.typeset));
  if (signer.name && ocrRead) signer.name = personNames().mend(signer.name.split(' ')).join(' ');
  const bodyStart = attached ? attached.bodyStart : header.bodyStart;
  const bodyEnd = attached ? lines.length : Math.min(closing.start, appendix);
  // Footnotes and page numbers interrupt the body where a page breaks: the sections read the body without them.
  const pageNumbers = pageNumberLines(lines).filter((i) => i >= bodyStart && i < bodyEnd);
  const pageStarts = doc.lines.flatMap((l, i) => (i > 0 && l.page !== doc.lines[i - 1]!.page ? [i] : []));
  // The last page's footnotes stand at the document's end, under the closing block: after them only blank lines
  // and other notes.
  const notes = findFootnotes(lines, [...pageNumbers, ...pageStarts, lines.length]);
  const last = (n: FootnoteBlock): boolean =>
    lines.slice(n.end).every((l, k) => l.trim() === '' || notes.some((m) => m !== n && m.start <= n.end + k && n.end + k < m.end));
  const footnotes = notes.filter((n) => (n.start >= bodyStart && n.end <= bodyEnd) || (n.start >= closing.start && last(n)));
  const body = lines.slice();
  for (const i of pageNumbers) body[i] = '';
  for (const n of footnotes) body.fill('', n.start, n.end);
  const paras = paragraphs(body, bodyStart, bodyEnd);
  const tree = buildSections(paras);
  relabelHeadings(lines, paras, tree);
  const firstHeading = tree.pathOf.findIndex((p) => p !== null);
  // The basis is the decision's own ("Căn cứ …" above its articles), also when the sections are the plan's.
  const preamble = attached ? paragraphs(body, header.bodyStart, closing.start) : paras.slice(0, firstHeading < 0 ? paras.length : firstHeading);
  const basis = preamble.map((p) => p.text).filter((t) => BASIS_RE.test(key(t)));
  // Names the repair may have misspelt once are written as the document writes them most.
  const all = lines.join('\n');
  const doc0 = header.document;
  if (doc0.place) doc0.place = consensusSpelling(doc0.place, all, true);
  if (doc0.symbol) doc0.symbol = symbolFromText(doc0.symbol, all);
  for (const f of ['issuer', 'parentIssuer'] as const) {
    const m = doc0[f]?.match(UNIT_THEN_NAME);
    if (m) doc0[f] = m[1]! + consensusSpelling(m[2]!, all);
  }
  const date = header.document.date;
  // Tables the layout marked cell by cell; otherwise an appendix table the OCR flattened, cut by the LM.
  const grids = gridTables(lines, header.bodyStart).map((t) => ({ t, tasks: gridTableTasks(t) }));
  const gridTasks = grids.flatMap(({ t, tasks: found }) => {
    // A table inside the body belongs to the section it stands in; an appendix's to none.
    const para = paras.findIndex((p, k) => p.start <= t.header && (paras[k + 1]?.start ?? Infinity) > t.header);
    const section = t.header < bodyEnd && para >= 0 ? (tree.pathOf[para] ?? null) : null;
    return (found ?? []).map((task) => ({ ...task, section }));
  });
  const { tasks: fromTable, marked } = grids.length ? { tasks: gridTasks, marked: true } : readTable(lines, header.bodyStart);
  // Cells cut from flattened text are a guess at the column bounds; cells placed by word boxes are not.
  if (fromTable.length && !marked)
    warnings.push({ code: 'TABLE_TASKS', message: `${fromTable.length} tasks read from a table whose columns the OCR flattened: check their units and periods`, line: null });
  const tasks = [...fieldTasks(paras, tree, date), ...fromTable];
  warnings.push(...sectionOrderWarnings(tree.sections));
  for (const { t, tasks: found } of grids)
    if (found?.length === 1)
      warnings.push({ code: 'TABLE_ONE_TASK', message: `the task table at line ${t.header + 1} gave one task: its rows may not have been told apart`, line: t.header + 1 });
  const front = firstHeading >= 0 ? paras[firstHeading]!.start : bodyEnd;
  const references = findReferences(lines.join('\n'), header.document, front);

  for (const [field, label] of [
    ['number', 'document number'],
    ['date', 'date of issue'],
    ['title', 'title'],
  ] as const)
    if (header.document[field] === null && !(field === 'number' && header.document.symbol))
      warnings.push({ code: 'MISSING_FIELD', message: `no ${label} found`, line: null });
  // A signature block without a name, or with a word in it no syllable: a seal or a handwritten signature over it.
  const sig = closing.signature;
  if ((sig.authority || sig.title) && !sig.name) warnings.push({ code: 'SIGNER_NAME', message: "no signer's name read under the signature", line: null });
  // Every document of the genre is signed: none read at all is a block a seal covered, or an OCR left out.
  else if (!sig.authority && !sig.title && !sig.name)
    warnings.push({ code: 'SIGNER_NAME', message: "no signature read (no signer's title or name): check the closing block", line: null });
  else if (sig.name && sig.name.split(' ').some((w) => !isVietnameseSyllable(w.toLowerCase())))
    warnings.push({ code: 'SIGNER_NAME', message: `the signer's name "${sig.name}" may be misread`, line: null });

  doc.plan = {
    schemaVersion: '1.0',
    source: {
      file: doc.file,
      sha256: doc.sha256,
      kind: doc.kind,
      pages: doc.pages.length,
      ocr: doc.ocr,
      repair: doc.repair,
      pageDecisions: doc.pages.map((p) => ({ page: p.number, method: p.method, reason: p.reason })),
    },
    document: header.document,
    basis,
    sections: tree.sections,
    tasks,
    references,
    footnotes: footnotes.map(({ marker, text }) => ({ marker, text })),
    signature: closing.signature,
    recipients: closing.recipients,
    text: lines.join('\n'),
    warnings,
    layout: planLayout(doc),
  };
  return doc;
}

