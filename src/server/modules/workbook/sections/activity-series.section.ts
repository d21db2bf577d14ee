import { z } from 'zod';
import { type ScheduleRule, ScheduleRuleSchema, normalizeRule } from '../../stations/schedule.rules.ts';
import { IssueList } from '../workbook.check.ts';
import { DateField, Key, KeyList, Name, Text } from '../workbook.schemas.ts';
import { sortedTexts } from '../workbook.rules.ts';
import { defineSection } from '../workbook.types.ts';
import { insertMany, upsertRecords } from '../workbook.write.ts';
import { OrganiserFields, Speakers, checkOrganiser, organiserIds, organiserShapeIssue, speakersOf } from './activity.fields.ts';

/** Whom each generated occurrence invites, by code; every list present, sorted. */
export const InviteRecord = z
  .strictObject({
    stations: KeyList.meta({ description: '联络站编码：邀请其全部在任代表' }),
    groups: KeyList.meta({ description: '代表小组编码' }),
    levels: z.array(z.enum(['county', 'town'])).meta({ description: 'county 县人大代表 / town 镇人大代表' }),
    deputies: KeyList.meta({ description: '逐个选定的代表编码' }),
  })
  .meta({ title: '邀请范围' });
type InviteRecord = z.infer<typeof InviteRecord>;

export const ActivitySeriesRecord = z
  .strictObject({
    code: Key,
    title: Name(100),
    kind: Key.meta({ description: '活动类型编码' }),
    ...OrganiserFields,
    rule: ScheduleRuleSchema.meta({ description: '重复规则，与联络站接待日规则相同（docs/organisation.md）' }),
    startTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时刻格式应为 HH:MM')
      .meta({ description: '开始时刻，北京时间' }),
    durationMinutes: z.number().int('应为整数').min(5, '至少 5 分钟').max(1440, '不能超过 24 小时'),
    fromDate: DateField,
    untilDate: DateField,
    place: Text(200),
    content: Text(5000),
    speakers: Speakers,
    invite: InviteRecord.nullable(),
  })
  .superRefine((s, ctx) => {
    const problem = organiserShapeIssue(s);
    if (problem) ctx.addIssue({ code: 'custom', path: ['organiser'], message: problem });
    if (s.untilDate < s.fromDate) ctx.addIssue({ code: 'custom', path: ['untilDate'], message: '截止日期不能早于起始日期' });
  })
  .meta({ title: '周期性活动（活动系列）', description: '按 code 匹配；其各次活动在 activities 中，以 series 和 seriesDate 指回本系列' });
export type ActivitySeriesRecord = z.infer<typeof ActivitySeriesRecord>;

type StoredInvite = { stationIds?: string[]; groupIds?: string[]; levels?: ('town' | 'county')[]; deputyIds?: string[] };

const canonicalInvite = (i: InviteRecord | null): InviteRecord | null =>
  i && {
    stations: sortedTexts(i.stations),
    groups: sortedTexts(i.groups),
    levels: sortedTexts(i.levels) as InviteRecord['levels'],
    deputies: sortedTexts(i.deputies),
  };

export const activitySeriesSection = defineSection<'activitySeries', ActivitySeriesRecord>({
  key: 'activitySeries',
  label: '活动系列',
  kind: 'activity_series',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r: ActivitySeriesRecord) => r.code,
  record: ActivitySeriesRecord,
  canonical: (r: ActivitySeriesRecord) => ({ ...r, rule: normalizeRule(r.rule as ScheduleRule), invite: canonicalInvite(r.invite) }),

  async load(db, townId) {
    const [rows, stations, groups, deputies] = await Promise.all([
      db
        .selectFrom('activitySeries as s')
        .innerJoin('activityKind as k', 'k.id', 's.kindId')
        .leftJoin('station as st', 'st.id', 's.stationId')
        .leftJoin('deputyGroup as g', 'g.id', 's.groupId')
        .selectAll('s')
        .select(['k.code as kindCode', 'st.code as stationCode', 'g.code as groupCode'])
        .where('s.townId', '=', townId)
        .execute(),
      db.selectFrom('station').select(['id', 'code']).where('townId', '=', townId).execute(),
      db.selectFrom('deputyGroup').select(['id', 'code']).where('townId', '=', townId).execute(),
      db.selectFrom('deputy').select(['id', 'code']).where('townId', '=', townId).execute(),
    ]);
    const codeOf = (list: { id: string; code: string }[]) => {
      const m = new Map(list.map((x) => [x.id, x.code]));
      // An id that no longer names a record of the town is dropped: the selector cannot refer to it anyway.
      return (ids: string[] | undefined) => sortedTexts((ids ?? []).flatMap((id) => (m.has(id) ? [m.get(id) as string] : [])));
    };
    const [st, gr, de] = [codeOf(stations), codeOf(groups), codeOf(deputies)];
    return rows.map((r) => {
      const stored: StoredInvite | null = r.invite ? JSON.parse(r.invite) : null;
      return {
        id: r.id,
        record: {
          code: r.code,
          title: r.title,
          kind: r.kindCode,
          organiserType: r.organiserType,
          organiser: r.organiserType === 'station' ? r.stationCode : r.organiserType === 'group' ? r.groupCode : null,
          rule: normalizeRule(JSON.parse(r.rule) as ScheduleRule),
          startTime: r.startTime,
          durationMinutes: r.durationMinutes,
          fromDate: r.fromDate,
          untilDate: r.untilDate,
          place: r.place,
          content: r.content,
          speakers: speakersOf(r.speakers),
          invite: stored && {
            stations: st(stored.stationIds),
            groups: gr(stored.groupIds),
            levels: sortedTexts(stored.levels ?? []) as InviteRecord['levels'],
            deputies: de(stored.deputyIds),
          },
        },
      };
    });
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((s, i) => {
      const at = `activitySeries[${i}]`;
      out.ref(cx.known, 'activity_kind', s.kind, `${at}.kind`);
      checkOrganiser(out, cx.known, s, `${at}.organiser`);
      if (!s.invite) return;
      for (const [f, kind] of [
        ['stations', 'station'],
        ['groups', 'group'],
        ['deputies', 'deputy'],
      ] as const) {
        s.invite[f].forEach((c, j) => {
          out.ref(cx.known, kind, c, `${at}.invite.${f}[${j}]`);
        });
      }
      for (const f of ['stations', 'groups', 'levels', 'deputies'] as const) out.uniqueList(s.invite[f], `${at}.invite.${f}`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: ActivitySeriesRecord) => ({
      title: r.title,
      kindId: keys.id('activity_kind', r.kind),
      organiserType: r.organiserType,
      ...organiserIds(keys, r),
      rule: JSON.stringify(normalizeRule(r.rule as ScheduleRule)),
      startTime: r.startTime,
      durationMinutes: r.durationMinutes,
      fromDate: r.fromDate,
      untilDate: r.untilDate,
      place: r.place,
      content: r.content,
      speakers: JSON.stringify(r.speakers),
      invite:
        r.invite &&
        JSON.stringify({
          stationIds: r.invite.stations.map((c) => keys.id('station', c)),
          groupIds: r.invite.groups.map((c) => keys.id('group', c)),
          levels: r.invite.levels,
          deputyIds: r.invite.deputies.map((c) => keys.id('deputy', c)),
        }),
    });
    return upsertRecords(ictx, data, keys, {
      kind: 'activity_series',
      keyOf: (r) => r.code,
      entity: 'activity_series',
      noun: '活动系列',
      nameOf: (r) => r.title,
      insert: (rows) =>
        insertMany(
          trx,
          'activitySeries',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdBy: null, createdAt: now, updatedAt: now })),
        ),
      async update(rows) {
        for (const { id, after: r } of rows) {
          await trx
            .updateTable('activitySeries')
            .set((eb) => ({ ...fields(r), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
      },
    });
  },
});
