// A queued conversion: one input document and the options it is converted with, on storage every worker sees.
// A job's id is the input's SHA-256 with the options (and where its plan goes), so adding the same input again,
// before or after it is done, adds nothing: BullMQ ignores a job whose id it already holds.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { OCR_MODES, type OcrMode } from '../ingest/pdf.js';
import { OCR_ENGINES, OCR_LANGUAGES } from '../ocr/engine.js';
import { outputPath } from '../cli/inputs.js';

/** The queue's name in Redis (keys "bull:vnplan:…"). */
export const QUEUE_NAME = 'vnplan';

export const jobDataSchema = z.object({
  /** absolute path of the input, as every worker sees it */
  input: z.string(),
  /** the folder the input was found under (keeps the tree under outDir), absolute */
  root: z.string().optional(),
  /** where plans go (absolute); none: next to the input */
  outDir: z.string().optional(),
  format: z.enum(['json', 'yaml']),
  ocr: z.enum(OCR_MODES as [OcrMode, ...OcrMode[]]),
  lang: z.array(z.enum(OCR_LANGUAGES)).min(1),
  engine: z.enum(OCR_ENGINES),
  repair: z.boolean(),
  /** SHA-256 of the input when it was added */
  sha256: z.string().length(64),
});
export type JobData = z.infer<typeof jobDataSchema>;

/** What a finished job reports back. */
export const jobResultSchema = z.object({
  status: z.enum(['converted', 'skipped']),
  output: z.string().nullable(),
  pages: z.number().nullable(),
  seconds: z.number(),
  warnings: z.number(),
});
export type JobResult = z.infer<typeof jobResultSchema>;

/** The plan file a job writes (as `convert` would name it). */
export function jobOutput(data: JobData): string {
  return outputPath({ path: data.input, root: data.root }, data.format, data.outDir);
}

export function jobId(data: JobData): string {
  // The same input (by content) to the same plan file with the same options is one job, however it was named.
  const { sha256, format, ocr, lang, engine, repair } = data;
  const key = JSON.stringify({ output: jobOutput(data), format, ocr, lang, engine, repair });
  return `${sha256.slice(0, 32)}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}
