import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/db.ts';
import { type Database, openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { buildDemoCounty } from '../demo/demo.generator.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { exportWorkbook, serializeWorkbook } from '../workbook/workbook.export.ts';
import { CLI_ACTOR, WorkbookError, importWorkbook, readWorkbookText } from '../workbook/workbook.import.ts';
import { type PortalSubmissionRecord, importedMarker } from './portal.workbook.ts';

/*
 * The portal submissions section on the demo town (both engines): the demo carries submissions of every
 * status; a round trip (import into an empty database, export, the same text, also into SQLite from the
 * PostgreSQL run), with one submission turned into a suggestion so the link travels both ways; a second
 * import that changes nothing; an edit that updates the row in place; bad references and broken rules
 * reported by path with nothing written; a tracking code of another town refused.
 */

const AS_OF = new Date('2026-12-07T02:00:00Z');
const county = () => structuredClone(buildDemoCounty(undefined, AS_OF));

/** The demo town, with one accepted submission made into a suggestion (the demo has none of source `portal`). */
function sampleDoc(): WorkbookDocument {
  const doc = county().documents[0];
  const list = doc.portalSubmissions ?? [];
  const sub = list.find((x) => x.status === 'accepted');
  const sug = doc.suggestions?.find((s) => s.sourceType === 'deputy' && s.source === null);
  if (!sub || !sug) throw new Error('demo has no accepted submission or no deputy suggestion');
  sug.sourceType = 'portal';
  sug.source = { type: 'portal', trackingCode: sub.trackingCode };
  sub.suggestion = sug.code;
  return doc;
}

async function sqliteMemory(): Promise<Database> {
  const d = openDatabase(':memory:');
  await migrateToLatest(d.db);
  return d;
}

async function importError(db: Database['db'], doc: WorkbookDocument): Promise<WorkbookError> {
  const err = await importWorkbook(db, doc, CLI_ACTOR).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookError);
  return err as WorkbookError;
}

let a: Database;
beforeAll(async () => {
  a = await freshDatabase();
});
afterAll(async () => a.close());

describe('portal submissions in the workbook', () => {
  it('the demo town carries submissions of every status, deterministic, only before the seeding moment', () => {
    const doc = county().documents[0];
    const list = doc.portalSubmissions ?? [];
    expect(list.length).toBeGreaterThanOrEqual(20);
    expect(list.every((x) => x.receivedAt < AS_OF.toISOString() && x.receivedAt.startsWith('2026-'))).toBe(true);
    const declined = list.filter((x) => x.status === 'declined');
    expect(declined.length).toBeGreaterThanOrEqual(2);
    expect(declined.every((x) => x.declineReason.length > 0 && x.handledAt !== null)).toBe(true);
    const accepted = list.filter((x) => x.status === 'accepted');
    expect(accepted.length).toBeGreaterThan(list.length / 2);
    expect(accepted.every((x) => x.publicReply.length > 0 && x.handledAt !== null && x.handledAt > x.receivedAt)).toBe(true);
    expect(list.some((x) => x.status === 'received' && x.handledAt === null)).toBe(true);
    expect(new Set(list.map((x) => x.target))).toEqual(new Set(['station', 'deputy']));
    // Every category is one of the town's.
    const categories = doc.suggestionSettings?.[0]?.categories ?? [];
    expect(list.every((x) => categories.includes(x.category))).toBe(true);
    expect(new Set(list.map((x) => x.trackingCode)).size).toBe(list.length);
    expect(buildDemoCounty(undefined, AS_OF).documents[0].portalSubmissions).toEqual(list);
    // Earlier in the year: fewer, and one handled after that moment is still waiting.
    const early = buildDemoCounty(undefined, new Date('2026-03-06T00:00:00Z')).documents[0].portalSubmissions ?? [];
    expect(early.length).toBeLessThan(list.length);
    expect(early.length).toBeGreaterThan(0);
    // (Documents list them by tracking code: the latest is found by its time.)
    const latest = early.reduce((x, y) => (y.receivedAt > x.receivedAt ? y : x));
    expect(latest).toMatchObject({ status: 'received', handledAt: null, publicReply: '' });
    // The second town has none.
    expect(buildDemoCounty(undefined, AS_OF).documents[1].portalSubmissions ?? []).toEqual([]);
  });

  it('round trip: import -> export gives the document back, byte for byte, across engines; the suggestion link travels', async () => {
    const doc = sampleDoc();
    const text = serializeWorkbook(doc);
    const first = await importWorkbook(a.db, readWorkbookText(text), CLI_ACTOR);
    expect(first.sections.portalSubmissions.created).toBe(doc.portalSubmissions?.length);
    const out = serializeWorkbook(await exportWorkbook(a.db, { townCode: doc.town.code }));
    expect(out).toBe(text);
    // Imported rows carry the workbook's marker in place of the page's key and the address hash.
    const linked = (doc.portalSubmissions ?? []).find((x) => x.suggestion !== null) as PortalSubmissionRecord;
    const row = await a.db
      .selectFrom('portalSubmission as p')
      .innerJoin('suggestion as s', 's.id', 'p.suggestionId')
      .select(['p.id', 'p.idempotencyKey', 'p.clientHash', 'p.handledBy', 's.code', 's.sourceId'])
      .where('p.trackingCode', '=', linked.trackingCode)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ idempotencyKey: importedMarker(linked.trackingCode), clientHash: importedMarker(linked.trackingCode), handledBy: null });
    expect(row.code).toBe(linked.suggestion);
    expect(row.sourceId).toBe(row.id);
    const other = await sqliteMemory();
    try {
      await importWorkbook(other.db, readWorkbookText(out), CLI_ACTOR);
      expect(serializeWorkbook(await exportWorkbook(other.db, { townCode: doc.town.code }))).toBe(out);
    } finally {
      await other.close();
    }
  });

  it('a second import changes nothing; an edit updates the same row, keeps its keys, bumps the version and audits with the phone masked', async () => {
    const n = sampleDoc().portalSubmissions?.length;
    const again = await importWorkbook(a.db, sampleDoc(), CLI_ACTOR);
    expect(again.sections.portalSubmissions).toEqual({ created: 0, updated: 0, unchanged: n });

    const doc = sampleDoc();
    const target = doc.portalSubmissions?.find((x) => x.status === 'received' && x.phone !== null);
    if (!target) throw new Error('no received submission with a phone in the demo');
    const before = await a.db.selectFrom('portalSubmission').selectAll().where('trackingCode', '=', target.trackingCode).executeTakeFirstOrThrow();
    // As if it had come in through the page: its own retry key and address hash must survive the import.
    await a.db
      .updateTable('portalSubmission')
      .set({ idempotencyKey: 'page-key-0001', clientHash: 'ab'.repeat(16) })
      .where('id', '=', before.id)
      .execute();
    target.status = 'declined';
    target.declineReason = '已由村委会当场答复，不再受理';
    target.handledAt = '2026-12-01T01:30:00.000Z';
    const edited = await importWorkbook(a.db, doc, CLI_ACTOR);
    expect(edited.sections.portalSubmissions).toEqual({ created: 0, updated: 1, unchanged: (n ?? 0) - 1 });
    const after = await a.db.selectFrom('portalSubmission').selectAll().where('trackingCode', '=', target.trackingCode).executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      id: before.id,
      status: 'declined',
      declineReason: target.declineReason,
      handledAt: target.handledAt,
      idempotencyKey: 'page-key-0001',
      clientHash: 'ab'.repeat(16),
      version: before.version + 1,
    });
    expect(await a.db.selectFrom('portalSubmission').select('id').execute()).toHaveLength(n ?? 0);
    const audit = await a.db
      .selectFrom('auditEvent')
      .select(['action', 'changes'])
      .where('entity', '=', 'portal_submission')
      .where('entityId', '=', before.id)
      .orderBy('at')
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['create', 'update']);
    const changes = audit.map((x) => x.changes ?? '').join('\n');
    expect(changes).toContain('不予受理');
    expect(changes).not.toContain(target.phone as string);
  });

  it('bad references and broken rules are reported by path; nothing is written', async () => {
    const fresh = await sqliteMemory();
    try {
      const doc = sampleDoc();
      const list = doc.portalSubmissions ?? [];
      const stationAt = list.findIndex((x) => x.target === 'station' && x.village !== null);
      const deputyAt = list.findIndex((x) => x.target === 'deputy');
      const waitingAt = list.findIndex((x) => x.status === 'received');
      const declinedAt = list.findIndex((x) => x.status === 'declined');
      list[stationAt].station = 'S99';
      list[stationAt].village = 'V99';
      list[deputyAt].deputy = 'D999';
      list[waitingAt].suggestion = doc.suggestions?.[0].code ?? null;
      list[declinedAt].declineReason = '';
      // The other target given as well as the one named.
      const both = list.findIndex((x, i) => x.target === 'station' && i !== stationAt && i !== waitingAt);
      list[both].deputy = 'D001';
      const err = await importError(fresh.db, doc);
      const fields = err.issues.map((i) => i.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          `portalSubmissions[${stationAt}].station`,
          `portalSubmissions[${stationAt}].village`,
          `portalSubmissions[${deputyAt}].deputy`,
          `portalSubmissions[${waitingAt}].suggestion`,
          `portalSubmissions[${declinedAt}].declineReason`,
          `portalSubmissions[${both}].deputy`,
        ]),
      );
      expect(err.issues.find((i) => i.field === `portalSubmissions[${stationAt}].station`)?.message).toContain('S99');
      expect(await fresh.db.selectFrom('portalSubmission').select('id').execute()).toEqual([]);
      expect(await fresh.db.selectFrom('town').select('id').execute()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('a suggestion that says it came from another submission, or a tracking code another town uses, is refused', async () => {
    // The two links disagree: the submission names a suggestion whose source is another submission.
    const doc = sampleDoc();
    const list = doc.portalSubmissions ?? [];
    const i = list.findIndex((x) => x.suggestion !== null);
    const j = list.findIndex((x) => x.status === 'accepted' && x.suggestion === null);
    list[j].suggestion = list[i].suggestion;
    list[i].suggestion = null;
    const err = await importError(a.db, doc);
    expect(err.issues.map((x) => x.field)).toEqual(expect.arrayContaining([`portalSubmissions[${j}].suggestion`, `portalSubmissions[${i}].suggestion`]));

    // The second demo town, with a submission under a tracking code the first town already has (it is in `a`).
    const second = county().documents[1];
    const taken = sampleDoc().portalSubmissions?.[0] as PortalSubmissionRecord;
    second.portalSubmissions = [{ ...taken, target: 'station', station: second.stations?.[0].code ?? null, deputy: null, village: null, suggestion: null }];
    const err2 = await importError(a.db, second);
    expect(err2.issues).toEqual([{ field: 'portalSubmissions[0].trackingCode', message: '查询码已被其他乡镇的群众意见使用' }]);
    expect(await a.db.selectFrom('town').select('code').where('code', '=', second.town.code).execute()).toEqual([]);
  });
});
