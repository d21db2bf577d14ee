import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { NotFoundError } from '../../http/errors.ts';
import { WORKBOOK_FORMAT, WORKBOOK_FORMAT_VERSION, type WorkbookDocument } from './workbook.document.ts';
import { SECTIONS } from './workbook.sections.ts';

export type ExportRequest = {
  townCode: string;
  /** Off by default: a workbook usually travels by e-mail or USB stick; hashes only for a full move. */
  includePasswordHashes?: boolean;
};

/**
 * One town as a workbook document: external keys only, no ids, no timestamps, every array sorted
 * by its key, so the same data gives the same document on either engine.
 */
export async function exportWorkbook(db: Kysely<DB>, req: ExportRequest): Promise<WorkbookDocument> {
  // One snapshot for every section (repeatable read on PostgreSQL; SQLite reads a snapshot anyway).
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const town = await trx
        .selectFrom('town')
        .innerJoin('county', 'county.id', 'town.countyId')
        .select(['town.id', 'town.code', 'town.name', 'town.population', 'county.id as countyId', 'county.code as countyCode', 'county.name as countyName'])
        .where('town.code', '=', req.townCode)
        .executeTakeFirst();
      if (!town) throw new NotFoundError(`乡镇 “${req.townCode}” `);
      const opts = { countyId: town.countyId, includePasswordHashes: req.includePasswordHashes === true };
      const doc: Record<string, unknown> = {
        format: WORKBOOK_FORMAT,
        formatVersion: WORKBOOK_FORMAT_VERSION,
        county: { code: town.countyCode, name: town.countyName },
        town: { code: town.code, name: town.name, population: town.population },
      };
      for (const s of SECTIONS) doc[s.key] = await s.export(trx, town.id, opts);
      return doc as WorkbookDocument;
    });
}

/** The bytes of a workbook file: two-space JSON and a final newline. */
export function serializeWorkbook(doc: WorkbookDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
