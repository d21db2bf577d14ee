import { z } from 'zod';
import { sortByKey } from './workbook.rules.ts';
import { Key, Name } from './workbook.schemas.ts';
import { SECTIONS } from './workbook.sections.ts';
import type { WorkbookSection } from './workbook.types.ts';

export const WORKBOOK_FORMAT = 'renda-workbook';
export const WORKBOOK_FORMAT_VERSION = 1;

export const Header = z.object({
  format: z.literal(WORKBOOK_FORMAT, { error: `不是人大工作台工作簿：format 应为 “${WORKBOOK_FORMAT}”` }),
  formatVersion: z.literal(WORKBOOK_FORMAT_VERSION, { error: `不支持的格式版本：本系统读取 formatVersion ${WORKBOOK_FORMAT_VERSION}` }),
});

export const CountyRecord = z.strictObject({ code: Key, name: Name(50) }).meta({ title: '县', description: '按 code 匹配，没有时新建' });
export const TownRecord = z
  .strictObject({
    code: Key,
    name: Name(50),
    population: z.number().int('应为整数').min(0, '不能为负数').nullable(),
  })
  .meta({ title: '乡镇', description: '按 code 匹配，没有时在该县下新建' });

type Sections = (typeof SECTIONS)[number];
type RecordOf<S> = S extends WorkbookSection<string, infer R> ? R : never;

/** The document type: the header, the town, and one optional array per registered section. */
export type WorkbookDocument = z.infer<typeof Header> & {
  county: z.infer<typeof CountyRecord>;
  town: z.infer<typeof TownRecord>;
} & { [S in Sections as S['key']]?: RecordOf<S>[] };

// Sections are optional so that a document may carry only some of them (and an older document
// stays valid when later features add sections); the export always writes all of them.
const sectionShape = Object.fromEntries(
  SECTIONS.map((s) => [
    s.key,
    z
      .array(s.record as z.ZodType)
      .optional()
      .meta({ description: s.label }),
  ]),
);

/** The whole document. Unknown properties are errors: a typo must not silently drop data. */
export const WorkbookSchema = z
  .strictObject({
    ...Header.shape,
    county: CountyRecord,
    town: TownRecord,
    ...sectionShape,
  })
  .meta({
    title: '人大工作台工作簿 Renda workbook',
    description: '一个乡镇的全部数据，只用外部键（编码、届次、用户名）互相引用；见 docs/workbook.md',
  });

/**
 * The document in export form: each record's inner lists and each section sorted by key, the
 * records in schema field order. Importers may receive any order; the export always writes this.
 */
export function canonicalWorkbook(doc: WorkbookDocument): WorkbookDocument {
  const parsed = WorkbookSchema.parse(doc) as Record<string, unknown>;
  const out: Record<string, unknown> = { format: parsed.format, formatVersion: parsed.formatVersion, county: parsed.county, town: parsed.town };
  for (const s of SECTIONS as readonly WorkbookSection[]) {
    const data = parsed[s.key] as unknown[] | undefined;
    if (data === undefined) continue;
    out[s.key] = sortByKey(
      data.map((r) => (s.canonical ? s.canonical(r) : r)),
      (r) => s.sortKey(r),
    );
  }
  return out as WorkbookDocument;
}
