import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { newId } from '../../../lib/ids.ts';
import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES } from '../../documents/documents.rules.ts';
import { IssueList } from '../workbook.check.ts';
import { sortByKey } from '../workbook.rules.ts';
import { Key, Name, NullableDate, Text } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { insertMany, replaceChildren, upsertRecords } from '../workbook.write.ts';
import { UtcTime } from './activity.fields.ts';

/*
 * Documents (文件与学习资料) with their recipients and read receipts. The file's bytes are not in the
 * workbook: a document names its file by content (SHA-256), and an import links the file of the town
 * with that content — upload the same file first when moving to another installation.
 */

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256');

/** One deputy the document was sent to, with the read receipt and the reminders. */
export const RecipientRecord = z
  .strictObject({
    deputy: Key.meta({ description: '代表编码' }),
    sentAt: UtcTime,
    sentBy: Key.nullable().meta({ description: '发送的账号用户名' }),
    firstReadAt: UtcTime.nullable().meta({ description: '首次打开（已读回执）；未读为 null' }),
    lastReadAt: UtcTime.nullable(),
    readCount: z.number().int().min(0),
    remindedCount: z.number().int().min(0).meta({ description: '催阅次数' }),
    lastRemindedAt: UtcTime.nullable(),
  })
  .superRefine((r, ctx) => {
    if ((r.firstReadAt === null) !== (r.readCount === 0)) ctx.addIssue({ code: 'custom', path: ['readCount'], message: '未读时阅读次数应为 0，已读时至少为 1' });
    if ((r.firstReadAt === null) !== (r.lastReadAt === null)) ctx.addIssue({ code: 'custom', path: ['lastReadAt'], message: '应与 firstReadAt 同时为 null 或同时有值' });
  })
  .meta({ title: '收件代表' });
type RecipientRecord = z.infer<typeof RecipientRecord>;

export const DocumentRecord = z
  .strictObject({
    code: Key.meta({ description: '文件编码（F0001…），本镇唯一' }),
    title: Name(200),
    category: z.enum(DOCUMENT_CATEGORIES).meta({ description: 'presidium 主席团文件 / study 学习材料 / meeting 会议材料 / notice 通知 / other 其他' }),
    docNumber: Text(100).meta({ description: '文号' }),
    issueDate: NullableDate.meta({ description: '印发日期' }),
    summary: Text(20_000),
    file: z
      .strictObject({ name: Text(200).meta({ description: '文件名（仅供阅读；导入时沿用已上传文件的名称）' }), sha256: Sha256 })
      .nullable()
      .meta({ description: '附件：按内容（SHA-256）对应本镇已上传的文件；文件内容不在工作簿中' }),
    activity: Key.nullable().meta({ description: '关联活动编码' }),
    status: z.enum(DOCUMENT_STATUSES).meta({ description: 'draft 草稿 / sent 已发送' }),
    sentAt: UtcTime.nullable().meta({ description: '首次发送时间' }),
    sentBy: Key.nullable().meta({ description: '首次发送的账号用户名' }),
    recipients: z.array(RecipientRecord).meta({ description: '收件代表，按代表编码排列' }),
  })
  .superRefine((d, ctx) => {
    if (d.status === 'draft' && (d.sentAt !== null || d.recipients.length > 0))
      ctx.addIssue({ code: 'custom', path: ['status'], message: '草稿没有发送时间和收件代表' });
    if (d.status === 'sent' && d.sentAt === null) ctx.addIssue({ code: 'custom', path: ['sentAt'], message: '已发送的文件需要发送时间' });
  })
  .meta({ title: '文件', description: '按 code 匹配；收件代表（含阅读回执、催阅）是文件的一部分，随文件整体替换' });
export type DocumentRecord = z.infer<typeof DocumentRecord>;

const keyOf = (r: DocumentRecord) => r.code;

/** The town's stored files by content; the oldest upload wins when one file was uploaded twice. */
async function filesBySha(db: Kysely<DB>, townId: string | null, shas: string[]): Promise<Map<string, string>> {
  if (!townId || !shas.length) return new Map();
  const rows = await db
    .selectFrom('storedFile')
    .select(['id', 'sha256'])
    .where('townId', '=', townId)
    .where('sha256', 'in', [...new Set(shas)])
    .orderBy('uploadedAt', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.sha256, r.id]));
}

const shasOf = (data: DocumentRecord[]) => data.flatMap((d) => (d.file ? [d.file.sha256] : []));

export const documentsSection = defineSection<'documents', DocumentRecord>({
  key: 'documents',
  label: '文件',
  kind: 'document',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf,
  record: DocumentRecord,
  canonical: (r: DocumentRecord) => ({ ...r, recipients: sortByKey(r.recipients, (x) => x.deputy) }),

  async load(db, townId) {
    const [rows, recipients] = await Promise.all([
      db
        .selectFrom('document as d')
        .leftJoin('storedFile as f', 'f.id', 'd.fileId')
        .leftJoin('activity as a', 'a.id', 'd.activityId')
        .leftJoin('appUser as u', 'u.id', 'd.sentBy')
        .selectAll('d')
        .select(['f.name as fileName', 'f.sha256', 'a.code as activityCode', 'u.username as sentByName'])
        .where('d.townId', '=', townId)
        .execute(),
      db
        .selectFrom('documentRecipient as r')
        .innerJoin('deputy as p', 'p.id', 'r.deputyId')
        .leftJoin('appUser as u', 'u.id', 'r.sentBy')
        .selectAll('r')
        .select(['p.code as deputyCode', 'u.username as sentByName'])
        .where('r.townId', '=', townId)
        .execute(),
    ]);
    const recipientsOf = new Map<string, RecipientRecord[]>();
    for (const r of recipients) {
      const rec: RecipientRecord = {
        deputy: r.deputyCode,
        sentAt: r.sentAt,
        sentBy: r.sentByName ?? null,
        firstReadAt: r.firstReadAt,
        lastReadAt: r.lastReadAt,
        readCount: r.readCount,
        remindedCount: r.remindedCount,
        lastRemindedAt: r.lastRemindedAt,
      };
      recipientsOf.set(r.documentId, [...(recipientsOf.get(r.documentId) ?? []), rec]);
    }
    return rows.map((r) => ({
      id: r.id,
      record: {
        code: r.code,
        title: r.title,
        category: r.category,
        docNumber: r.docNumber,
        issueDate: r.issueDate,
        summary: r.summary,
        file: r.fileName && r.sha256 ? { name: r.fileName, sha256: r.sha256 } : null,
        activity: r.activityCode ?? null,
        status: r.status,
        sentAt: r.sentAt,
        sentBy: r.sentByName ?? null,
        recipients: sortByKey(recipientsOf.get(r.id) ?? [], (x) => x.deputy),
      },
    }));
  },

  async check(data, cx) {
    const out = new IssueList();
    const files = await filesBySha(cx.db, cx.townId, shasOf(data));
    data.forEach((d, i) => {
      const at = `documents[${i}]`;
      if (d.file && !files.has(d.file.sha256)) {
        out.add(`${at}.file.sha256`, `本镇没有内容相同的已上传文件（${d.file.name}）：请先上传该文件，或将 file 写为 null`);
      }
      out.ref(cx.known, 'activity', d.activity, `${at}.activity`);
      out.ref(cx.known, 'user', d.sentBy, `${at}.sentBy`);
      out.uniqueList(
        d.recipients.map((r) => r.deputy),
        `${at}.recipients`,
      );
      d.recipients.forEach((r, j) => {
        out.ref(cx.known, 'deputy', r.deputy, `${at}.recipients[${j}].deputy`);
        out.ref(cx.known, 'user', r.sentBy, `${at}.recipients[${j}].sentBy`);
      });
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const files = await filesBySha(trx, townId, shasOf(data));
    const fields = (r: DocumentRecord) => ({
      title: r.title,
      category: r.category,
      docNumber: r.docNumber,
      issueDate: r.issueDate,
      summary: r.summary,
      fileId: r.file ? (files.get(r.file.sha256) ?? null) : null,
      activityId: keys.idOrNull('activity', r.activity),
      status: r.status,
      sentAt: r.sentAt,
      sentBy: keys.idOrNull('user', r.sentBy),
    });
    const writeRecipients = (rows: { id: string; record: DocumentRecord }[]) =>
      insertMany(
        trx,
        'documentRecipient',
        rows.flatMap(({ id, record }) =>
          record.recipients.map(({ deputy, sentBy, ...r }) => ({
            ...r,
            id: newId(),
            townId,
            documentId: id,
            deputyId: keys.id('deputy', deputy),
            sentBy: keys.idOrNull('user', sentBy),
          })),
        ),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'document',
      keyOf,
      entity: 'document',
      noun: '文件',
      nameOf: (r) => `${r.code} ${r.title}`,
      auditView: (r) => ({ ...r, file: r.file?.name ?? null, recipients: r.recipients.map((x) => `${x.deputy} ${x.firstReadAt ? '已读' : '未读'}`).join('；') }),
      async insert(rows) {
        await insertMany(
          trx,
          'document',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdBy: null, createdAt: now, updatedAt: now })),
        );
        await writeRecipients(rows);
      },
      async update(rows) {
        // One statement per changed document; the version moves on so a form opened before the import sees a conflict.
        for (const { id, after } of rows) {
          await trx
            .updateTable('document')
            .set((eb) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
        await replaceChildren(trx, townId, 'documentRecipient', 'documentId', rows, writeRecipients);
      },
    });
  },
});
