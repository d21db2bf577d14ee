import { z } from 'zod';
import { WorkbookSchema } from './workbook.document.ts';

/**
 * docs/workbook.schema.json, generated from the zod schema (scripts/gen-workbook-schema.ts writes
 * it; a test fails when the committed file is stale). `io: 'input'` describes what an importer
 * accepts.
 */
export function workbookJsonSchemaText(): string {
  const schema = z.toJSONSchema(WorkbookSchema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
