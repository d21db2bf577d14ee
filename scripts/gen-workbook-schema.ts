// Writes docs/workbook.schema.json from the workbook's zod schema: `npx tsx scripts/gen-workbook-schema.ts`.
// workbook.jsonschema.test.ts fails when the committed file differs from what this writes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workbookJsonSchemaText } from '../src/server/modules/workbook/workbook.jsonschema.ts';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'workbook.schema.json');
fs.writeFileSync(target, workbookJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
