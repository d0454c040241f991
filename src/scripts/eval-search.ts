// The archive's search on the dev corpus: every plan the eval made is indexed (a real SQLite file), then each dev
// document is looked for by its issuer, the first words of its title and a task's lead unit, as its facts have
// them but typed without diacritics — found when that plan is among the hits. Per form: a plan read badly (an old
// OCR's misread issuer) is missed as an archivist would miss it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../archive/db.js';
import { indexPlans } from '../archive/indexPlans.js';
import { search } from '../archive/search.js';
import type { Plan } from '../model/plan.js';
import { key } from '../parse/text.js';
import { sharedDir } from './paths.js';

export interface SearchRow {
  form: string;
  checks: number;
  found: number;
  misses: string[];
}

interface DevFacts {
  document: { issuer: string | null; title: string | null };
  tasks?: { lead?: string[] }[];
}


/** `plans` by "id form", as eval-docs keeps them. */
export async function searchRows(plans: Map<string, Plan>): Promise<SearchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vnplan-eval-search-'));
  try {
    const files = [...plans].map(([k, plan]) => {
      const file = join(dir, `${k.replace(' ', '__')}.plan.json`);
      writeFileSync(file, JSON.stringify(plan));
      return file;
    });
    const db = openDb(join(dir, 'dev.sqlite'));
    try {
      await indexPlans(db, files);
      const byForm = new Map<string, SearchRow>();
      const factsOf = new Map<string, DevFacts>();
      for (const k of plans.keys()) {
        const [id, form] = k.split(' ') as [string, string];
        if (!factsOf.has(id)) factsOf.set(id, JSON.parse(readFileSync(join(sharedDir(), 'dev', 'docs', id, 'facts.json'), 'utf8')) as DevFacts);
        const facts = factsOf.get(id)!;
        const row = byForm.get(form) ?? { form, checks: 0, found: 0, misses: [] };
        byForm.set(form, row);
        const mine = `${id}__${form}.plan.json`;
        const isMine = (hits: ReturnType<typeof search>) => hits.some((h) => h.document.planPath.endsWith(mine));
        const d = facts.document;
        const lead = facts.tasks?.find((t) => t.lead?.length)?.lead?.[0];
        const checks: [string, () => boolean][] = [];
        // Each plan of the document is in the index once per form: room for all of them among the hits.
        const limit = 2000;
        if (d.issuer) checks.push(['issuer', () => isMine(search(db, '', { issuer: key(d.issuer!), limit }))]);
        if (d.title) checks.push(['title', () => isMine(search(db, key(d.title!.split(' ').slice(0, 5).join(' ')), { limit }))]);
        if (lead) checks.push(['lead', () => isMine(search(db, '', { unit: key(lead), limit }))]);
        for (const [what, found] of checks) {
          row.checks++;
          if (found()) row.found++;
          else row.misses.push(`${id} ${what}`);
        }
      }
      return [...byForm.values()];
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function searchTable(rows: SearchRow[]): string {
  return [
    '| form | looked for | found | missed |',
    '|---|---:|---:|---|',
    ...rows.map((r) => `| ${r.form} | ${r.checks} | ${r.found} | ${r.misses.join(', ') || '–'} |`),
  ].join('\n');
}
