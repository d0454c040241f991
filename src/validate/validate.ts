// Stage 6 — validate: the plan must satisfy the contract's zod schema before anything is written.
import type { Doc } from '../model/document.js';
import { planSchema, type Plan } from '../model/plan.js';

export class ValidationError extends Error {
  constructor(readonly issues: string[]) {
    super(`the plan does not satisfy the schema: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`);
    this.name = 'ValidationError';
  }
}

/** Each problem as "path: message", e.g. "document.date: ISO date YYYY-MM-DD". */
export function planIssues(value: unknown): string[] {
  const r = planSchema.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

export function validatePlan(value: unknown): Plan {
  const issues = planIssues(value);
  if (issues.length) throw new ValidationError(issues);
  return value as Plan;
}

export function validate(doc: Doc): Doc {
  doc.plan = validatePlan(doc.plan);
  return doc;
}
