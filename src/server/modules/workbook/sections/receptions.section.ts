import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { newId } from '../../../lib/ids.ts';
import { maskPhone } from '../../../lib/mask.ts';
import { searchText } from '../../../lib/search-text.ts';
import { MAX_MATTERS, ROUTINGS, TIME_RE, matterLine } from '../../receptions/receptions.rules.ts';
import { IssueList } from '../workbook.check.ts';
import { sortByKey } from '../workbook.rules.ts';
import { DateField, Key, Name, Phone, Text } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { chunks, insertMany, replaceChildren, upsertRecords } from '../workbook.write.ts';

/*
 * Receptions (接待记录) in the workbook: the reception by its code (R0001…), the station, the linked
 * activity and the deputies on duty by their codes, the recording account by username, and each
 * matter in order (seq 1, 2, …) with the visitor's village by code. A matter is matched by its
 * reception and seq, so an import keeps the matter (and the suggestion made from it) in place. The
 * link to a suggestion is not carried here: the suggestion names the matter it came from. A matter
 * that a suggestion was made from cannot be dropped or routed elsewhere by an import.
 */

const Time = z.string().regex(TIME_RE, '时间格式应为 HH:MM').nullable();

export const ReceptionMatterRecord = z
  .strictObject({
    seq: z.number().int('应为整数').min(1, '从 1 开始').meta({ description: '事项在本次接待中的顺序，从 1 起连续编号' }),
    visitorName: Text(50).meta({ description: '来访人姓名，可为空' }),
    visitorPhone: Phone.meta({ description: '来访人电话，没有时为 null' }),
    visitorCount: z.number().int('应为整数').min(1, '至少 1 人').max(999).meta({ description: '来访人数（群众集体来访时多于 1）' }),
    village: Key.nullable().meta({ description: '来访人所在村（社区）编码' }),
    category: Name(20).meta({ description: '类别，如 交通、卫生、城建、民政、国土' }),
    content: Name(2000).meta({ description: '反映的问题' }),
    routing: z
      .enum(ROUTINGS)
      .meta({ description: 'on_spot 当场答复 / village 转村(居)委会 / suggestion 转为代表建议 / county_deputy 转县人大代表 / not_accepted 不予受理' }),
    routingNote: Text(1000).meta({ description: '去向说明；不予受理时为理由，必填' }),
  })
  .superRefine((m, ctx) => {
    if (m.routing === 'not_accepted' && !m.routingNote.trim()) ctx.addIssue({ code: 'custom', path: ['routingNote'], message: '不予受理的事项须填写理由' });
  })
  .meta({ title: '接待事项' });
type MatterRecord = z.infer<typeof ReceptionMatterRecord>;

export const ReceptionRecord = z
  .strictObject({
    code: Key.meta({ description: '接待编码（R0001…），本镇唯一' }),
    station: Key.meta({ description: '联络站编码' }),
    date: DateField,
    startTime: Time.meta({ description: '开始时间 HH:MM' }),
    endTime: Time.meta({ description: '结束时间 HH:MM' }),
    place: Text(200),
    activity: Key.nullable().meta({ description: '关联的接待日活动编码' }),
    notes: Text(2000),
    createdBy: Key.nullable().meta({ description: '登记的账号用户名' }),
    deputies: z.array(Key).min(1, '至少一名值班代表').meta({ description: '值班代表编码，按编码排列' }),
    matters: z.array(ReceptionMatterRecord).max(MAX_MATTERS).meta({ description: '接待事项，按 seq 排列' }),
  })
  .superRefine((r, ctx) => {
    if (r.startTime && r.endTime && r.endTime <= r.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: '结束时间应晚于开始时间' });
    r.matters.forEach((m, i) => {
      if (m.seq !== i + 1) ctx.addIssue({ code: 'custom', path: ['matters', i, 'seq'], message: `应为 ${i + 1}：事项按 seq 从 1 起连续编号` });
    });
  })
  .meta({ title: '接待记录', description: '按 code 匹配；值班代表随记录整体替换；事项按 seq 对应，已转为建议的事项不能删除或改变去向' });
export type ReceptionRecord = z.infer<typeof ReceptionRecord>;

const keyOf = (r: ReceptionRecord) => r.code;

const auditView = (r: ReceptionRecord) => ({
  ...r,
  deputies: r.deputies.join('、'),
  matters: r.matters.map((m) => matterLine(m, maskPhone)).join('\n'),
});

/** The matters already turned into suggestions, by reception code and seq: an import must keep them. */
async function linkedMatters(db: Kysely<DB>, townId: string) {
  const rows = await db
    .selectFrom('receptionMatter as m')
    .innerJoin('reception as r', 'r.id', 'm.receptionId')
    .leftJoin('suggestion as s', 's.id', 'm.suggestionId')
    .select(['r.code', 'm.seq', 's.code as suggestionCode'])
    .where('m.townId', '=', townId)
    .where('m.suggestionId', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [`${r.code}/${r.seq}`, r.suggestionCode ?? '']));
}

export const receptionsSection = defineSection<'receptions', ReceptionRecord>({
  key: 'receptions',
  label: '接待记录',
  kind: 'reception',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf,
  record: ReceptionRecord,
  canonical: (r: ReceptionRecord) => ({ ...r, deputies: [...r.deputies].sort(), matters: sortByKey(r.matters, (m) => m.seq) }),

  async load(db, townId) {
    const [rows, deputies, matters] = await Promise.all([
      db
        .selectFrom('reception as r')
        .innerJoin('station as s', 's.id', 'r.stationId')
        .leftJoin('activity as a', 'a.id', 'r.activityId')
        .leftJoin('appUser as u', 'u.id', 'r.createdBy')
        .selectAll('r')
        .select(['s.code as stationCode', 'a.code as activityCode', 'u.username as createdByName'])
        .where('r.townId', '=', townId)
        .execute(),
      db
        .selectFrom('receptionDeputy as rd')
        .innerJoin('deputy as d', 'd.id', 'rd.deputyId')
        .select(['rd.receptionId', 'd.code'])
        .where('rd.townId', '=', townId)
        .execute(),
      db
        .selectFrom('receptionMatter as m')
        .leftJoin('village as v', 'v.id', 'm.villageId')
        .selectAll('m')
        .select('v.code as villageCode')
        .where('m.townId', '=', townId)
        .execute(),
    ]);
    const deputiesOf = new Map<string, string[]>();
    for (const d of deputies) deputiesOf.set(d.receptionId, [...(deputiesOf.get(d.receptionId) ?? []), d.code]);
    const mattersOf = new Map<string, MatterRecord[]>();
    for (const m of matters) {
      const rec: MatterRecord = {
        seq: m.seq,
        visitorName: m.visitorName,
        visitorPhone: m.visitorPhone,
        visitorCount: m.visitorCount,
        village: m.villageCode ?? null,
        category: m.category,
        content: m.content,
        routing: m.routing,
        routingNote: m.routingNote,
      };
      mattersOf.set(m.receptionId, [...(mattersOf.get(m.receptionId) ?? []), rec]);
    }
    return rows.map((r) => ({
      id: r.id,
      record: {
        code: r.code,
        station: r.stationCode,
        date: r.date,
        startTime: r.startTime,
        endTime: r.endTime,
        place: r.place,
        activity: r.activityCode ?? null,
        notes: r.notes,
        createdBy: r.createdByName ?? null,
        deputies: (deputiesOf.get(r.id) ?? []).sort(),
        matters: sortByKey(mattersOf.get(r.id) ?? [], (m) => m.seq),
      },
    }));
  },

  async check(data, cx) {
    const out = new IssueList();
    const linked = cx.townId ? await linkedMatters(cx.db, cx.townId) : new Map<string, string>();
    const inDoc = new Map(data.map((r) => [r.code, r]));
    data.forEach((r, i) => {
      const at = `receptions[${i}]`;
      out.ref(cx.known, 'station', r.station, `${at}.station`);
      out.ref(cx.known, 'activity', r.activity, `${at}.activity`);
      out.ref(cx.known, 'user', r.createdBy, `${at}.createdBy`);
      out.uniqueList(r.deputies, `${at}.deputies`);
      r.deputies.forEach((d, j) => {
        out.ref(cx.known, 'deputy', d, `${at}.deputies[${j}]`);
      });
      r.matters.forEach((m, j) => {
        out.ref(cx.known, 'village', m.village, `${at}.matters[${j}].village`);
      });
    });
    // A matter a suggestion was made from stays, routed to 'suggestion' (records left out of the document are untouched).
    for (const [key, suggestion] of linked) {
      const [code, seq] = key.split('/');
      const r = inDoc.get(code);
      if (!r) continue;
      const i = data.indexOf(r);
      const m = r.matters.find((x) => x.seq === Number(seq));
      if (!m) out.add(`receptions[${i}].matters`, `第 ${seq} 项事项已转为建议 ${suggestion}，不能删除`);
      else if (m.routing !== 'suggestion')
        out.add(`receptions[${i}].matters[${r.matters.indexOf(m)}].routing`, `该事项已转为建议 ${suggestion}，去向应为 suggestion`);
    }
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const villages = new Map((await trx.selectFrom('village').select(['id', 'name']).where('townId', '=', townId).execute()).map((v) => [v.id, v.name]));
    const fields = (r: ReceptionRecord) => ({
      stationId: keys.id('station', r.station),
      date: r.date,
      startTime: r.startTime,
      endTime: r.endTime,
      place: r.place,
      activityId: keys.idOrNull('activity', r.activity),
      notes: r.notes,
      createdBy: keys.idOrNull('user', r.createdBy),
    });
    const matterFields = (m: MatterRecord) => {
      const villageId = keys.idOrNull('village', m.village);
      return {
        seq: m.seq,
        visitorName: m.visitorName,
        visitorPhone: m.visitorPhone,
        visitorCount: m.visitorCount,
        villageId,
        category: m.category,
        content: m.content,
        routing: m.routing,
        routingNote: m.routingNote,
        searchText: searchText(m.content, m.category, villageId ? villages.get(villageId) : null),
      };
    };
    const writeDeputies = (rows: { id: string; record: ReceptionRecord }[]) =>
      insertMany(
        trx,
        'receptionDeputy',
        rows.flatMap(({ id, record }) => record.deputies.map((d) => ({ receptionId: id, deputyId: keys.id('deputy', d), townId }))),
      );
    const newMatters = (receptionId: string, matters: MatterRecord[]) =>
      matters.map((m) => ({ id: newId(), townId, receptionId, ...matterFields(m), suggestionId: null, createdAt: now, updatedAt: now }));

    return upsertRecords(ictx, data, keys, {
      kind: 'reception',
      keyOf,
      entity: 'reception',
      noun: '接待记录',
      nameOf: (r) => `${r.code} ${r.date}`,
      auditView,
      async insert(rows) {
        await insertMany(
          trx,
          'reception',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdAt: now, updatedAt: now })),
        );
        await writeDeputies(rows);
        await insertMany(
          trx,
          'receptionMatter',
          rows.flatMap(({ id, record }) => newMatters(id, record.matters)),
        );
      },
      async update(rows) {
        for (const { id, after } of rows) {
          await trx
            .updateTable('reception')
            .set((eb) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
        await replaceChildren(trx, townId, 'receptionDeputy', 'receptionId', rows, writeDeputies);
        // Matters by seq: the stored one at a seq is updated in place (its id and suggestion stay), new
        // seqs are added, seqs past the end removed (the check kept suggestions' matters from that).
        const stored = new Map<string, { id: string; seq: number }[]>();
        for (const part of chunks(
          rows.map((r) => r.id),
          1000,
        )) {
          const found = await trx
            .selectFrom('receptionMatter')
            .select(['id', 'receptionId', 'seq'])
            .where('townId', '=', townId)
            .where('receptionId', 'in', part)
            .execute();
          for (const m of found) stored.set(m.receptionId, [...(stored.get(m.receptionId) ?? []), m]);
        }
        const inserts = [];
        const removed: string[] = [];
        for (const { id, after } of rows) {
          const bySeq = new Map((stored.get(id) ?? []).map((m) => [m.seq, m.id]));
          for (const m of after.matters) {
            const keep = bySeq.get(m.seq);
            if (keep)
              await trx
                .updateTable('receptionMatter')
                .set({ ...matterFields(m), updatedAt: now })
                .where('townId', '=', townId)
                .where('id', '=', keep)
                .execute();
            else inserts.push(...newMatters(id, [m]));
            bySeq.delete(m.seq);
          }
          removed.push(...bySeq.values());
        }
        for (const part of chunks(removed, 1000)) await trx.deleteFrom('receptionMatter').where('townId', '=', townId).where('id', 'in', part).execute();
        await insertMany(trx, 'receptionMatter', inserts);
      },
    });
  },
});
