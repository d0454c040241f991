// The vnplan library: the same pipeline as the command line.
//   import { convert, repair, parse, planSchema } from 'vnplan';
export { convert, convertDoc, type ConvertOptions } from './pipeline/convert.js';
export { repairLines as repair, type RepairOptions, type RepairResult } from './repair/repair.js';
export { parseText as parse } from './parse/parseText.js';
export { planSchema, planJsonSchema } from './model/plan.js';
export type { Plan, Section, Task, Timeline, Reference, Signature, Warning, PlanDocument } from './model/plan.js';
export { validatePlan, planIssues, ValidationError } from './validate/validate.js';
export { serialize, type OutputFormat } from './emit/emit.js';
export { OcrPool } from './ocr/pool.js';
export { InputError } from './util/errors.js';
export { parsePeriod } from './parse/periods.js';
