// The plan file (contract v1, ../shared/docs/CONTRACT.md). This zod schema is the single source of truth:
// the TypeScript types below and schemas/plan.schema.json are both derived from it.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD');

export const SOURCE_KINDS = ['text', 'pdf-text', 'pdf-scan', 'image'] as const;

export const ocrInfoSchema = z.object({
  engine: z.string().describe('OCR engine and version, e.g. "tesseract.js 7.0.0"'),
  languages: z.array(z.string()),
  meanConfidence: z.number().min(0).max(100),
});

export const repairInfoSchema = z.object({
  tokens: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  lowConfidence: z.number().int().nonnegative(),
});

export const pageInfoSchema = z.object({
  page: z.number().int().positive(),
  method: z.enum(['text', 'text-layer', 'ocr']).describe('where the page text came from'),
  reason: z.string().describe('why this method was chosen (the --ocr decision)'),
});

export const sourceSchema = z.object({
  file: z.string().describe('the input path as given'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(SOURCE_KINDS),
  pages: z.number().int().nonnegative(),
  ocr: ocrInfoSchema.nullable(),
  repair: repairInfoSchema,
  pageDecisions: z.array(pageInfoSchema).optional().describe('per page: text layer kept or OCR run, and why'),
});

export const documentSchema = z.object({
  type: z.string().nullable().describe('document type in sentence case ("Kế hoạch", "Công văn", …)'),
  typeCode: z.string().nullable(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  issuer: z.string().nullable(),
  parentIssuer: z.string().nullable(),
  motto: z.string().nullable(),
  place: z.string().nullable(),
  date: isoDate.nullable(),
  title: z.string().nullable(),
  addressees: z.array(z.string()),
});

export interface Section {
  label: string;
  heading: string;
  level: number;
  text: string;
  children: Section[];
}

export const sectionSchema: z.ZodType<Section> = z.lazy(() =>
  z.object({
    label: z.string().min(1).describe('no trailing "." or ")"'),
    heading: z.string(),
    level: z.number().int().positive(),
    text: z.string(),
    children: z.array(sectionSchema),
  }),
);

export const timelineSchema = z.object({
  text: z.string(),
  start: isoDate.nullable(),
  end: isoDate.nullable(),
  recurring: z.boolean(),
});

export const taskSchema = z.object({
  content: z.string(),
  lead: z.array(z.string()),
  support: z.array(z.string()),
  timeline: timelineSchema.nullable(),
  section: z.string().nullable().describe('label path of the enclosing section, e.g. "C/I/3"'),
});

export const referenceSchema = z.object({
  type: z.string().nullable(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  date: isoDate.nullable(),
  issuer: z.string().nullable(),
  /** only for a document cited by its name, with no number (a law: "Luật Đầu tư công ngày 29 tháng 11 năm 2024") */
  name: z.string().optional().describe('the name of a document cited by name only, without a number (a law)'),
});

export const footnoteSchema = z.object({ marker: z.string(), text: z.string() });

export const signatureSchema = z.object({
  authority: z.string().nullable(),
  title: z.string().nullable(),
  name: z.string().nullable(),
});

export const warningSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().positive().nullable(),
});

export const layoutSchema = z
  .object({
    pages: z.array(
      z.object({
        page: z.number().int().positive(),
        width: z.number().positive(),
        height: z.number().positive(),
        unit: z.enum(['pt', 'px']).describe('points for a PDF page, pixels for an image'),
      }),
    ),
    lines: z
      .array(z.tuple([z.number().int().positive(), z.number(), z.number(), z.number(), z.number()]).nullable())
      .describe('per line of `text`: [page, x0, y0, x1, y1], the box as fractions of the page as the source shows it (0,0 top left), or null'),
  })
  .describe('where the text lines stand on their pages (for a viewer); null for a text input');

export const planSchema = z.object({
  schemaVersion: z.literal('1.0'),
  source: sourceSchema,
  document: documentSchema,
  basis: z.array(z.string()),
  sections: z.array(sectionSchema),
  tasks: z.array(taskSchema),
  references: z.array(referenceSchema),
  footnotes: z.array(footnoteSchema),
  signature: signatureSchema,
  recipients: z.array(z.string()),
  text: z.string(),
  warnings: z.array(warningSchema),
  // Added after 1.0's first release: plans written before it have no layout.
  layout: layoutSchema.nullable().optional(),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanSource = z.infer<typeof sourceSchema>;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type PlanDocument = z.infer<typeof documentSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Timeline = z.infer<typeof timelineSchema>;
export type Reference = z.infer<typeof referenceSchema>;
export type Footnote = z.infer<typeof footnoteSchema>;
export type Signature = z.infer<typeof signatureSchema>;
export type Warning = z.infer<typeof warningSchema>;
export type OcrInfo = z.infer<typeof ocrInfoSchema>;
export type RepairInfo = z.infer<typeof repairInfoSchema>;
export type PageDecision = z.infer<typeof pageInfoSchema>;
export type PlanLayout = z.infer<typeof layoutSchema>;

/** The JSON Schema published as schemas/plan.schema.json. */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    title: 'vnplan plan file (schemaVersion 1.0)',
    ...schema,
  };
}
