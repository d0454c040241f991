// The fact score of ../shared/docs/SCORING.md: per component 0–1, total = mean.

export interface Facts {
  document: Record<string, unknown>;
  sections: FactSection[];
  tasks: FactTask[];
  references: { number: string | null; symbol: string | null }[];
  signature: { authority: string | null; title: string | null; name: string | null };
  recipients: string[];
}
interface FactSection {
  label: string;
  heading: string;
  children: FactSection[];
}
interface FactTask {
  content: string;
  lead: string[];
  support: string[];
  timeline: { start: string | null; end: string | null } | null;
}

/** Case and the kind of dash do not count; NFC, whitespace folded, trailing .;,: stripped. */
export function norm(s: unknown): string {
  if (s === null || s === undefined) return '';
  return String(s)
    .normalize('NFC')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;,:]+$/, '')
    .toLowerCase();
}

/** Python's difflib.SequenceMatcher(None, a, b).ratio(), autojunk included. */
export function ratio(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  if (A.length + B.length === 0) return 1;
  const b2j = new Map<string, number[]>();
  B.forEach((c, j) => {
    const l = b2j.get(c);
    if (l) l.push(j);
    else b2j.set(c, [j]);
  });
  if (B.length >= 200) {
    const limit = Math.floor(B.length / 100) + 1;
    for (const [c, l] of b2j) if (l.length > limit) b2j.delete(c);
  }
  const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(A[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    // Extend over equal elements on both sides (difflib does so with the popular ones autojunk left out).
    while (besti > alo && bestj > blo && A[besti - 1] === B[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && A[besti + bestsize] === B[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  };
  let matches = 0;
  const queue: [number, number, number, number][] = [[0, A.length, 0, B.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k) {
      matches += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  return (2 * matches) / (A.length + B.length);
}

export function similar(a: unknown, b: unknown): number {
  return ratio(norm(a), norm(b));
}

/** F1 of two lists under a matching predicate (each item matches at most once). */
export function listF1<T, U>(pred: T[], gold: U[], match: (p: T, g: U) => boolean): { f1: number; pairs: [T, U][] } {
  if (pred.length === 0 && gold.length === 0) return { f1: 1, pairs: [] };
  const used = new Set<number>();
  const pairs: [T, U][] = [];
  for (const p of pred) {
    const gi = gold.findIndex((g, i) => !used.has(i) && match(p, g));
    if (gi >= 0) {
      used.add(gi);
      pairs.push([p, gold[gi]!]);
    }
  }
  const precision = pred.length ? pairs.length / pred.length : 0;
  const recall = gold.length ? pairs.length / gold.length : 0;
  return { f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, pairs };
}

function flatten(sections: FactSection[], prefix = ''): [string, string][] {
  return sections.flatMap((s) => {
    const path = prefix ? `${prefix}/${s.label}` : s.label;
    return [[path, s.heading] as [string, string], ...flatten(s.children ?? [], path)];
  });
}

const exact = (a: unknown, b: unknown) => (norm(a) === norm(b) ? 1 : 0);
const strings = (a: string[]) => a.map(norm);

export function factScore(plan: Facts, facts: Facts): { total: number; components: Record<string, number> } {
  const c: Record<string, number> = {};
  for (const f of ['type', 'number', 'symbol', 'place', 'date']) c[`document.${f}`] = exact(plan.document[f], facts.document[f]);
  for (const f of ['issuer', 'parentIssuer', 'title']) {
    const p = plan.document[f];
    const g = facts.document[f];
    c[`document.${f}`] = p == null || g == null ? (p == null && g == null ? 1 : 0) : similar(p, g) >= 0.9 ? 1 : 0;
  }
  c['document.addressees'] = listF1(strings((plan.document.addressees as string[]) ?? []), strings((facts.document.addressees as string[]) ?? []), (a, b) => a === b).f1;
  c.sections = listF1(flatten(plan.sections), flatten(facts.sections), (p, g) => p[0] === g[0] && similar(p[1], g[1]) >= 0.85).f1;
  const t = listF1(plan.tasks, facts.tasks, (p, g) => similar(p.content, g.content) >= 0.8);
  if (t.pairs.length) {
    const unitF1 = (a: string[], b: string[]) => listF1(a, b, (x, y) => similar(x, y) >= 0.85).f1;
    const detail =
      t.pairs.reduce(
        (s, [p, g]) =>
          s + (unitF1(p.lead, g.lead) + unitF1(p.support, g.support) + exact(p.timeline?.start, g.timeline?.start) + exact(p.timeline?.end, g.timeline?.end)) / 4,
        0,
      ) / t.pairs.length;
    c.tasks = (t.f1 + detail) / 2;
  } else c.tasks = t.f1;
  c.references = listF1(plan.references, facts.references, (p, g) => p.number === g.number && norm(p.symbol) === norm(g.symbol)).f1;
  for (const f of ['authority', 'title', 'name'] as const) c[`signature.${f}`] = exact(plan.signature[f], facts.signature[f]);
  c.recipients = listF1(plan.recipients, facts.recipients, (p, g) => similar(p, g) >= 0.85).f1;
  const values = Object.values(c);
  return { total: values.reduce((a, b) => a + b, 0) / values.length, components: c };
}
