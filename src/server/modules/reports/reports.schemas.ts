import { z } from 'zod';
import { DateStr, IdField, PageQuery, pageOf } from '../../http/schemas.ts';
import { MAX_PARAGRAPHS, MAX_PARAGRAPH_CHARS } from './reports.rules.ts';

export const REPORT_KINDS = ['year', 'half', 'custom'] as const;
export const PARAGRAPH_KINDS = ['title', 'lead', 'h1', 'h2', 'body'] as const;

const Year = z.number().int().min(2000, '年份应在 2000 到 2100 之间').max(2100, '年份应在 2000 到 2100 之间');

export const ParagraphIn = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(PARAGRAPH_KINDS),
  heading: z.string().max(200, '不能超过 200 个字').optional(),
  text: z.string().max(MAX_PARAGRAPH_CHARS, `每段不能超过 ${MAX_PARAGRAPH_CHARS} 个字`),
});
export const BodyIn = z.object({
  title: z.string().trim().min(1, '必填').max(200, '不能超过 200 个字'),
  paragraphs: z.array(ParagraphIn).max(MAX_PARAGRAPHS, `段落不能超过 ${MAX_PARAGRAPHS} 个`),
});

export const ReportInput = z.object({
  kind: z.enum(REPORT_KINDS),
  year: Year.optional(),
  half: z.union([z.literal(1), z.literal(2)]).optional(),
  from: DateStr.optional(),
  to: DateStr.optional(),
  templateId: IdField.nullish(),
  title: z.string().trim().max(200, '不能超过 200 个字').optional(),
});
export const ReportUpdate = z.object({
  version: z.number().int().positive(),
  title: z.string().trim().min(1, '必填').max(200).optional(),
  body: BodyIn.optional(),
});
export const VersionInput = z.object({ version: z.number().int().positive() });
export const FreezeInput = z.object({ version: z.number().int().positive(), note: z.string().trim().max(200, '不能超过 200 个字').optional() });

export const FactOut = z.object({ value: z.union([z.number(), z.string(), z.array(z.string()), z.null()]), ids: z.array(z.string()), label: z.string() });
export const FactsOut = z.record(z.string(), FactOut);
const SegmentOut = z.object({ text: z.string(), key: z.string().optional(), ids: z.array(z.string()).optional() });
export const RenderedOut = z.array(z.object({ id: z.string(), kind: z.enum(PARAGRAPH_KINDS), heading: z.string().optional(), segments: z.array(SegmentOut) }));
export const BodyOut = z.object({
  title: z.string(),
  paragraphs: z.array(z.object({ id: z.string(), kind: z.enum(PARAGRAPH_KINDS), heading: z.string().optional(), text: z.string() })),
});
const VersionSummary = z.object({ number: z.number().int(), frozenAt: z.string(), frozenBy: z.string().nullable(), note: z.string() });

export const ReportListItem = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  kind: z.enum(REPORT_KINDS),
  periodFrom: z.string(),
  periodTo: z.string(),
  frozenNumber: z.number().int().nullable(),
  versions: z.number().int(),
  updatedAt: z.string(),
});
export const ReportPage = pageOf(ReportListItem);
export const ReportQuery = PageQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const ReportOut = ReportListItem.omit({ versions: true }).extend({
  templateId: z.string().nullable(),
  template: z.object({ id: z.string().nullable(), name: z.string() }),
  body: BodyOut,
  facts: FactsOut,
  rendered: RenderedOut,
  versions: z.array(VersionSummary),
  version: z.number().int(),
});
export const VersionOut = VersionSummary.extend({ body: BodyOut, facts: FactsOut, rendered: RenderedOut });
export const FreezeOut = z.object({ number: z.number().int() });

const CharOp = z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() });
const P = z.object({ id: z.string(), kind: z.enum(PARAGRAPH_KINDS), heading: z.string().optional(), text: z.string() });
export const CompareOut = z.object({
  a: z.string(),
  b: z.string(),
  titleChanged: z.boolean(),
  changes: z.array(z.object({ op: z.enum(['same', 'changed', 'added', 'removed']), a: P.optional(), b: P.optional(), chars: z.array(CharOp).optional() })),
});
const Side = z.union([z.literal('current'), z.coerce.number().int().positive()]);
export const CompareQuery = z.object({ a: Side, b: Side });
export const ExportQuery = z.object({ version: z.coerce.number().int().positive().optional() });
export const ExportParams = z.object({ id: IdField, format: z.enum(['docx', 'md', 'json']) });
export const VersionParams = z.object({ id: IdField, number: z.coerce.number().int().positive() });
export const OneStepParams = z.object({ format: z.enum(['docx', 'md', 'json']) });
export const OneStepQuery = z.object({ from: DateStr, to: DateStr, templateId: IdField.optional() });

// ---- Templates ----
const SentenceIn = z.object({ when: z.array(z.string().max(80)).max(20).optional(), text: z.string().max(2000, '每句不能超过 2000 个字') });
export const TemplateSetIn = z.object({
  title: z.string().max(200),
  lead: z.array(SentenceIn).max(50),
  sections: z
    .array(
      z.object({
        key: z.string().max(40),
        heading: z.string().max(100),
        level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
        when: z.array(z.string().max(80)).max(20).optional(),
        sentences: z.array(SentenceIn).max(60),
      }),
    )
    .max(60),
});
export const TemplateInput = z.object({ name: z.string().trim().min(1, '必填').max(50, '不能超过 50 个字'), body: TemplateSetIn.optional() });
export const TemplateUpdate = z.object({
  version: z.number().int().positive(),
  name: z.string().trim().min(1, '必填').max(50).optional(),
  body: TemplateSetIn.optional(),
});
export const TemplateOut = z.object({ id: z.string(), name: z.string(), body: TemplateSetIn, version: z.number().int(), updatedAt: z.string() });
export const TemplateList = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), version: z.number().int(), updatedAt: z.string() })),
  builtIn: TemplateSetIn,
  facts: z.array(z.object({ key: z.string(), kind: z.string(), label: z.string() })),
});
