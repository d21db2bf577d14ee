import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, setupApi } from '../../../../test/app.ts';
import { multipartFile } from '../../../../test/factories.ts';
import { openDatabase } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { DocumentRecord } from '../workbook/sections/documents.section.ts';
import { exportWorkbook, serializeWorkbook } from '../workbook/workbook.export.ts';
import { CLI_ACTOR, WorkbookError, importWorkbook } from '../workbook/workbook.import.ts';

/*
 * Documents in the workbook, on either engine: the file travels by its content hash (its bytes are not
 * in the workbook), recipients by deputy code with their receipts; an import matches by code.
 */

let t: TestCtx;
const PDF = Buffer.from('%PDF-1.4\n% 工作簿中的文件\n');
beforeAll(async () => {
  t = await setupApi();
  const admin = await t.as('town_admin');
  const up = await admin.request({ method: 'POST', url: '/api/v1/files?use=document', ...multipartFile(PDF, '学习材料.pdf') });
  const d = (await admin.post('/api/v1/documents', { title: '学习材料', category: 'study', fileId: up.json().id })).json();
  await admin.post(`/api/v1/documents/${d.id}/send`, { deputyIds: [t.world.deputyA.id] });
  await (await t.as('deputy')).get(`/api/v1/documents/${d.id}`);
});
afterAll(async () => t.close());

const exportA = () => exportWorkbook(t.db, { townCode: 'T01', includePasswordHashes: true });

describe('documents in the workbook', () => {
  it('exports the document with its file by content and the receipt by deputy code', async () => {
    const doc = await exportA();
    const [d] = doc.documents as DocumentRecord[];
    const stored = await t.db.selectFrom('storedFile').select('sha256').where('townId', '=', t.world.townA.id).executeTakeFirstOrThrow();
    expect(d).toMatchObject({
      code: 'F0001',
      status: 'sent',
      sentBy: 'admin_a',
      file: { name: '学习材料.pdf', sha256: stored.sha256 },
      recipients: [{ deputy: 'D001', sentBy: 'admin_a', readCount: 1, firstReadAt: expect.any(String), remindedCount: 0 }],
    });
  });

  it('imports its own export unchanged, and a changed document as one update keeping its file', async () => {
    const doc = await exportA();
    const text = serializeWorkbook(doc);
    const same = await importWorkbook(t.db, structuredClone(doc), CLI_ACTOR);
    expect(same.sections.documents).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const changed = structuredClone(doc);
    const d = (changed.documents as DocumentRecord[])[0];
    d.category = 'presidium';
    d.recipients[0].remindedCount = 2;
    const res = await importWorkbook(t.db, changed, CLI_ACTOR);
    expect(res.sections.documents).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const after = (await exportA()).documents as DocumentRecord[];
    expect(after[0]).toMatchObject({ category: 'presidium', file: d.file, recipients: [{ remindedCount: 2, readCount: 1 }] });
    // Back to the original: the bytes of the first export come back.
    await importWorkbook(t.db, structuredClone(doc), CLI_ACTOR);
    expect(serializeWorkbook(await exportA())).toBe(text);
  });

  it('refuses a document whose file the town does not have, naming the field', async () => {
    const other = openDatabase(':memory:');
    try {
      await migrateToLatest(other.db);
      const err = await importWorkbook(other.db, await exportA(), CLI_ACTOR).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(WorkbookError);
      expect((err as WorkbookError).issues.map((i) => i.field)).toContain('documents[0].file.sha256');
    } finally {
      await other.close();
    }
  });
});
