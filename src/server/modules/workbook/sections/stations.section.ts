import { z } from 'zod';
import { type ScheduleRule, ScheduleRuleSchema, normalizeRule } from '../../stations/schedule.rules.ts';
import { IssueList, checkExclusive, checkUniqueValue, finalState } from '../workbook.check.ts';
import { Key, KeyList, Name, Phone, Text } from '../workbook.schemas.ts';
import { sortedTexts } from '../workbook.rules.ts';
import { defineSection } from '../workbook.types.ts';
import { insertMany, replaceChildren, updateVersionedRows, upsertRecords } from '../workbook.write.ts';

/** The reception-day rule, as the stations module validates and stores it (normalised JSON). */
const ScheduleRuleField = ScheduleRuleSchema.meta({
  title: '接待日规则',
  description:
    'monthly_days 每月几日 / monthly_nth_weekday 每月第几个星期几（nth 为 -1 表示最后一个）/ first_weekend 每月第一个周末 / weekly 每周几；星期 0 = 星期日',
});
export type { ScheduleRule };

export const StationRecord = z
  .strictObject({
    code: Key,
    name: Name(100),
    kind: z.enum(['station', 'home', 'studio']).meta({ description: 'station 代表联络站 / home 代表之家 / studio 代表工作室' }),
    address: Text(200),
    phone: Phone,
    head: Key.nullable().meta({ description: '站长：代表编码' }),
    scheduleRule: ScheduleRuleField.nullable(),
    description: Text(2000),
    villages: KeyList.meta({ description: '覆盖的村（社区）编码' }),
  })
  .meta({ title: '代表联络站（之家、工作室）', description: '按 code 匹配' });
export type StationRecord = z.infer<typeof StationRecord>;

/** A stored rule in its normalised workbook form; text that is not a known rule is passed on as it is. */
function ruleOf(text: string | null): ScheduleRule | null {
  if (text === null) return null;
  const raw: unknown = JSON.parse(text);
  const parsed = ScheduleRuleSchema.safeParse(raw);
  return parsed.success ? normalizeRule(parsed.data as ScheduleRule) : (raw as ScheduleRule);
}

export const stationsSection = defineSection<'stations', StationRecord>({
  key: 'stations',
  label: '联络站',
  kind: 'station',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r: StationRecord) => r.code,
  record: StationRecord,
  canonical: (r: StationRecord) => ({ ...r, scheduleRule: r.scheduleRule && normalizeRule(r.scheduleRule as ScheduleRule), villages: sortedTexts(r.villages) }),

  async load(db, townId) {
    const [rows, links] = await Promise.all([
      db
        .selectFrom('station')
        .leftJoin('deputy', 'deputy.id', 'station.headDeputyId')
        .select([
          'station.id',
          'station.code',
          'station.name',
          'station.kind',
          'station.address',
          'station.phone',
          'deputy.code as head',
          'station.scheduleRule',
          'station.description',
        ])
        .where('station.townId', '=', townId)
        .execute(),
      db
        .selectFrom('stationVillage')
        .innerJoin('village', 'village.id', 'stationVillage.villageId')
        .select(['stationVillage.stationId', 'village.code'])
        .where('stationVillage.townId', '=', townId)
        .execute(),
    ]);
    const villagesOf = new Map<string, string[]>();
    for (const l of links) villagesOf.set(l.stationId, [...(villagesOf.get(l.stationId) ?? []), l.code]);
    const loaded = rows.map((r) => ({
      id: r.id,
      record: {
        code: r.code,
        name: r.name,
        kind: r.kind,
        address: r.address,
        phone: r.phone,
        head: r.head ?? null,
        scheduleRule: ruleOf(r.scheduleRule),
        description: r.description,
        villages: sortedTexts(villagesOf.get(r.id) ?? []),
      },
    }));
    return loaded;
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((s, i) => {
      out.ref(cx.known, 'deputy', s.head, `stations[${i}].head`);
      out.uniqueList(s.villages, `stations[${i}].villages`);
      s.villages.forEach((v, j) => {
        out.ref(cx.known, 'village', v, `stations[${i}].villages[${j}]`);
      });
    });
    // The stations module keeps a village on one station only (a unique index guards it).
    checkExclusive(out, {
      section: 'stations',
      field: 'villages',
      rule: '一个村（社区）只由一个联络站覆盖',
      records: finalState(data, cx.existing, (s) => s.code),
      itemsOf: (s) => s.villages,
      labelOf: (s) => `联络站 ${s.code}`,
      describe: (v) => `村（社区）“${v}”`,
    });
    checkUniqueValue(out, {
      section: 'stations',
      field: 'name',
      noun: '名称',
      data,
      keyOf: (s) => s.code,
      valueOf: (s) => s.name,
      existing: cx.existing.map((e) => ({ key: e.record.code, value: e.record.name, label: `联络站 ${e.record.code}` })),
    });
    return out.issues;
  },

  // The head is a deputy, and deputies refer to stations: stations are written without their head
  // here, and `link` sets the head once the deputies exist.
  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const writeVillages = (rows: { id: string; record: StationRecord }[]) =>
      insertMany(
        trx,
        'stationVillage',
        rows.flatMap(({ id, record }) => record.villages.map((v) => ({ stationId: id, villageId: keys.id('village', v), townId }))),
      );
    const fields = (r: StationRecord) => ({
      name: r.name,
      kind: r.kind,
      address: r.address,
      phone: r.phone,
      scheduleRule: r.scheduleRule === null ? null : JSON.stringify(normalizeRule(r.scheduleRule as ScheduleRule)),
      description: r.description,
    });
    return upsertRecords(ictx, data, keys, {
      kind: 'station',
      keyOf: (r) => r.code,
      entity: 'station',
      noun: '联络站',
      nameOf: (r) => r.name,
      async insert(rows) {
        await insertMany(
          trx,
          'station',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), headDeputyId: null, version: 1, createdAt: now, updatedAt: now })),
        );
        await writeVillages(rows);
      },
      async update(rows) {
        await updateVersionedRows(trx, townId, 'station', now, rows, fields);
        await replaceChildren(trx, townId, 'stationVillage', 'stationId', rows, writeVillages);
      },
    });
  },

  async link(trx, ictx, data, keys) {
    if (!data.length) return;
    const current = await trx
      .selectFrom('station')
      .select(['id', 'code', 'headDeputyId'])
      .where('townId', '=', ictx.townId)
      .where(
        'code',
        'in',
        data.map((s) => s.code),
      )
      .execute();
    const byCode = new Map(current.map((s) => [s.code, s]));
    for (const s of data) {
      const row = byCode.get(s.code);
      const head = keys.idOrNull('deputy', s.head);
      if (!row || row.headDeputyId === head) continue;
      await trx.updateTable('station').set({ headDeputyId: head }).where('townId', '=', ictx.townId).where('id', '=', row.id).execute();
    }
  },
});
