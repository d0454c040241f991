import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJsonSchema, planSchema } from '../src/model/plan.js';
import { ROOT } from './helpers.js';

describe('plan schema', () => {
  it('schemas/plan.schema.json is generated from the zod schema and up to date (npm run schema)', () => {
    const committed = JSON.parse(readFileSync(resolve(ROOT, 'schemas', 'plan.schema.json'), 'utf8'));
    expect(committed).toEqual(planJsonSchema());
  });

  it('requires every field of the contract', () => {
    const required = (planJsonSchema() as { required: string[] }).required;
    expect(required).toEqual(
      expect.arrayContaining(['schemaVersion', 'source', 'document', 'basis', 'sections', 'tasks', 'references', 'footnotes', 'signature', 'recipients', 'text', 'warnings']),
    );
  });

  it('rejects a plan with a malformed date and says where', () => {
    const plan = JSON.parse(readFileSync(resolve(ROOT, 'fixtures', 'seeds', '001_afd93c0a5887bdb0.plan.json'), 'utf8'));
    expect(planSchema.safeParse(plan).success).toBe(true);
    plan.document.date = '15/8/2025';
    const r = planSchema.safeParse(plan);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['document', 'date']);
  });
});
