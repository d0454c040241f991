// The parser judging its own output: what looks wrong in a plan is said in a warning that names where, so an
// archivist knows what to check (a heading numbered out of order, a task table that gave one task).
import type { Section, Warning } from '../model/plan.js';
import { ROMANS } from './sections.js';


/** A label's place among its siblings: 1 for "I", "1", "A", "a"; null for what is no counter ("1.1"). */
function ordinal(label: string): number | null {
  if (/^\d+$/.test(label)) return Number(label);
  const r = ROMANS.indexOf(label);
  if (r > 0) return r;
  if (/^[A-Z]$/.test(label)) return label.charCodeAt(0) - 64;
  return null;
}

/** Siblings whose numbers do not run on by one ("I.", "II.", "II.", "IV."): each break once, with its heading. */
export function sectionOrderWarnings(sections: Section[], path = ''): Warning[] {
  const out: Warning[] = [];
  sections.forEach((s, i) => {
    const prev = sections[i - 1];
    const v = ordinal(s.label);
    const p = prev ? ordinal(prev.label) : null;
    const before = sections[i - 2] ? ordinal(sections[i - 2]!.label) : null;
    // One misread numeral ("5., 1., 7." for 5., 6., 7.) is one break: the sibling after it follows the one before.
    const resumes = before !== null && v === before + 2;
    // Roman "I" may also be a letter I (A., B., … I.): compare like with like only.
    if (prev && v !== null && p !== null && v !== p + 1 && !resumes && /^\d+$/.test(s.label) === /^\d+$/.test(prev.label))
      out.push({ code: 'SECTION_ORDER', message: `section ${path}${s.label} "${s.heading}" follows ${path}${prev.label}: a heading may be misread or missing`, line: null });
    out.push(...sectionOrderWarnings(s.children, `${path}${s.label}/`));
  });
  return out;
}
