import { z } from 'zod';
import { ACTIVITY_STATUSES, ATTENDANCE_MARKS, LEAVE_STATUSES } from '../../activities/activities.schemas.ts';
import { IssueList, finalState } from '../workbook.check.ts';
import { Key, Name, NullableDate, Text } from '../workbook.schemas.ts';
import { sortByKey } from '../workbook.rules.ts';
import { defineSection } from '../workbook.types.ts';
import { newId } from '../../../lib/ids.ts';
import { bool, flag, insertMany, replaceChildren, updateVersionedRows, upsertRecords } from '../workbook.write.ts';
import { OrganiserFields, Speakers, UtcTime, checkOrganiser, organiserIds, organiserShapeIssue, speakersOf } from './activity.fields.ts';

/** One invited deputy: the answer, the leave and its decision, the attendance, as the invitation keeps them. */
export const InvitationRecord = z
  .strictObject({
    deputy: Key.meta({ description: '代表编码' }),
    invitedAt: UtcTime,
    invitedBy: Key.nullable().meta({ description: '发出邀请的账号用户名' }),
    response: z.enum(['pending', 'accepted']).meta({ description: 'pending 未答复 / accepted 已确认参加' }),
    respondedAt: UtcTime.nullable(),
    leaveStatus: z.enum(LEAVE_STATUSES).nullable().meta({ description: 'requested 待审批 / approved 已准假 / refused 未准假 / withdrawn 已撤回' }),
    leaveReason: Text(500),
    leaveRequestedAt: UtcTime.nullable(),
    leaveDecidedBy: Key.nullable().meta({ description: '审批请假的账号用户名' }),
    leaveDecidedAt: UtcTime.nullable(),
    leaveNote: Text(500),
    attendance: z.enum(ATTENDANCE_MARKS).nullable().meta({ description: '已登记的出勤：present 出席 / late 迟到 / absent 缺席 / on_leave 请假' }),
    attendanceBy: z.enum(['self', 'staff']).nullable().meta({ description: 'self 本人签到 / staff 工作人员登记' }),
    attendanceAt: UtcTime.nullable(),
    signedInAt: UtcTime.nullable(),
  })
  .meta({ title: '受邀代表' });
type InvitationRecord = z.infer<typeof InvitationRecord>;

export const ActivityRecord = z
  .strictObject({
    code: Key.meta({ description: '活动编码（A00001…），本镇唯一' }),
    title: Name(100),
    kind: Key.meta({ description: '活动类型编码' }),
    ...OrganiserFields,
    startAt: UtcTime,
    endAt: UtcTime,
    place: Text(200),
    content: Text(5000),
    speakers: Speakers,
    outcomes: Text(5000),
    status: z.enum(ACTIVITY_STATUSES).meta({ description: 'planned 计划中 / held 已举行 / cancelled 已取消' }),
    series: Key.nullable().meta({ description: '所属活动系列编码；单次活动为 null' }),
    seriesDate: NullableDate.meta({ description: '系列规则生成本次活动的日期（调整时间后不变）' }),
    moved: z.boolean().meta({ description: '系列中的一次被单独调整了时间' }),
    detached: z.boolean().meta({ description: '系列中的一次被单独修改过：修改系列时不再改动它' }),
    signInCode: z.string().regex(/^\d{6}$/, '签到码应为 6 位数字'),
    invitations: z.array(InvitationRecord).meta({ description: '受邀代表，按代表编码排列' }),
  })
  .superRefine((a, ctx) => {
    const problem = organiserShapeIssue(a);
    if (problem) ctx.addIssue({ code: 'custom', path: ['organiser'], message: problem });
    if (a.endAt <= a.startAt) ctx.addIssue({ code: 'custom', path: ['endAt'], message: '结束时间应晚于开始时间' });
    if ((a.series === null) !== (a.seriesDate === null))
      ctx.addIssue({ code: 'custom', path: ['seriesDate'], message: '系列活动需要 seriesDate，单次活动应为 null' });
  })
  .meta({ title: '活动', description: '按 code 匹配；受邀代表（含请假、出勤）是活动的一部分，随活动整体替换' });
export type ActivityRecord = z.infer<typeof ActivityRecord>;

const keyOf = (r: ActivityRecord) => r.code;

/** What the audit log keeps: the activity, and its invitations as one line each. */
const auditView = (r: ActivityRecord) => ({
  ...r,
  speakers: r.speakers.join('、'),
  invitations: r.invitations.map((i) => `${i.deputy} ${i.leaveStatus ?? '-'} ${i.attendance ?? '-'}`).join('；'),
});

export const activitiesSection = defineSection<'activities', ActivityRecord>({
  key: 'activities',
  label: '活动',
  kind: 'activity',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf,
  record: ActivityRecord,
  canonical: (r: ActivityRecord) => ({ ...r, invitations: sortByKey(r.invitations, (i) => i.deputy) }),

  async load(db, townId) {
    const [rows, invitations] = await Promise.all([
      db
        .selectFrom('activity as a')
        .innerJoin('activityKind as k', 'k.id', 'a.kindId')
        .leftJoin('station as st', 'st.id', 'a.stationId')
        .leftJoin('deputyGroup as g', 'g.id', 'a.groupId')
        .leftJoin('activitySeries as s', 's.id', 'a.seriesId')
        .selectAll('a')
        .select(['k.code as kindCode', 'st.code as stationCode', 'g.code as groupCode', 's.code as seriesCode'])
        .where('a.townId', '=', townId)
        .execute(),
      db
        .selectFrom('activityInvitation as i')
        .innerJoin('deputy as d', 'd.id', 'i.deputyId')
        .leftJoin('appUser as ib', 'ib.id', 'i.invitedBy')
        .leftJoin('appUser as ld', 'ld.id', 'i.leaveDecidedBy')
        .selectAll('i')
        .select(['d.code as deputyCode', 'ib.username as invitedByName', 'ld.username as decidedByName'])
        .where('i.townId', '=', townId)
        .execute(),
    ]);
    const invitationsOf = new Map<string, InvitationRecord[]>();
    for (const i of invitations) {
      const rec: InvitationRecord = {
        deputy: i.deputyCode,
        invitedAt: i.invitedAt,
        invitedBy: i.invitedByName ?? null,
        response: i.response,
        respondedAt: i.respondedAt,
        leaveStatus: i.leaveStatus,
        leaveReason: i.leaveReason,
        leaveRequestedAt: i.leaveRequestedAt,
        leaveDecidedBy: i.decidedByName ?? null,
        leaveDecidedAt: i.leaveDecidedAt,
        leaveNote: i.leaveNote,
        attendance: i.attendance,
        attendanceBy: i.attendanceBy,
        attendanceAt: i.attendanceAt,
        signedInAt: i.signedInAt,
      };
      invitationsOf.set(i.activityId, [...(invitationsOf.get(i.activityId) ?? []), rec]);
    }
    return rows.map((r) => ({
      id: r.id,
      record: {
        code: r.code,
        title: r.title,
        kind: r.kindCode,
        organiserType: r.organiserType,
        organiser: r.organiserType === 'station' ? r.stationCode : r.organiserType === 'group' ? r.groupCode : null,
        startAt: r.startAt,
        endAt: r.endAt,
        place: r.place,
        content: r.content,
        speakers: speakersOf(r.speakers),
        outcomes: r.outcomes,
        status: r.status,
        series: r.seriesCode ?? null,
        seriesDate: r.seriesDate,
        moved: bool(r.moved),
        detached: bool(r.detached),
        signInCode: r.signInCode,
        invitations: sortByKey(invitationsOf.get(r.id) ?? [], (i) => i.deputy),
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((a, i) => {
      const at = `activities[${i}]`;
      out.ref(cx.known, 'activity_kind', a.kind, `${at}.kind`);
      checkOrganiser(out, cx.known, a, `${at}.organiser`);
      out.ref(cx.known, 'activity_series', a.series, `${at}.series`);
      out.uniqueList(
        a.invitations.map((v) => v.deputy),
        `${at}.invitations`,
      );
      a.invitations.forEach((v, j) => {
        out.ref(cx.known, 'deputy', v.deputy, `${at}.invitations[${j}].deputy`);
        out.ref(cx.known, 'user', v.invitedBy, `${at}.invitations[${j}].invitedBy`);
        out.ref(cx.known, 'user', v.leaveDecidedBy, `${at}.invitations[${j}].leaveDecidedBy`);
      });
    });
    // One occurrence per rule date of a series (a unique index guards it too).
    const holder = new Map<string, string>();
    const records = finalState(data, cx.existing, keyOf);
    for (const { record: r, index } of records) if (index === null && r.series) holder.set(`${r.series}/${r.seriesDate}`, `数据库中的活动 ${r.code}`);
    for (const { record: r, index } of records) {
      if (index === null || !r.series) continue;
      const k = `${r.series}/${r.seriesDate}`;
      const h = holder.get(k);
      if (h) out.add(`activities[${index}].seriesDate`, `系列 “${r.series}” 在 ${r.seriesDate} 已有一次活动（${h}）`);
      else holder.set(k, `activities[${index}]`);
    }
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: ActivityRecord) => ({
      title: r.title,
      kindId: keys.id('activity_kind', r.kind),
      organiserType: r.organiserType,
      ...organiserIds(keys, r),
      startAt: r.startAt,
      endAt: r.endAt,
      place: r.place,
      content: r.content,
      speakers: JSON.stringify(r.speakers),
      outcomes: r.outcomes,
      status: r.status,
      seriesId: keys.idOrNull('activity_series', r.series),
      seriesDate: r.seriesDate,
      moved: flag(r.moved),
      detached: flag(r.detached),
      signInCode: r.signInCode,
    });
    const writeInvitations = (rows: { id: string; record: ActivityRecord }[]) =>
      insertMany(
        trx,
        'activityInvitation',
        rows.flatMap(({ id, record }) =>
          record.invitations.map(({ deputy, invitedBy, leaveDecidedBy, ...v }) => ({
            ...v,
            id: newId(),
            townId,
            activityId: id,
            deputyId: keys.id('deputy', deputy),
            invitedBy: keys.idOrNull('user', invitedBy),
            leaveDecidedBy: keys.idOrNull('user', leaveDecidedBy),
          })),
        ),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'activity',
      keyOf,
      entity: 'activity',
      noun: '活动',
      nameOf: (r) => `${r.code} ${r.title}`,
      auditView,
      async insert(rows) {
        await insertMany(
          trx,
          'activity',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdBy: null, createdAt: now, updatedAt: now })),
        );
        await writeInvitations(rows);
      },
      async update(rows) {
        await updateVersionedRows(trx, townId, 'activity', now, rows, fields);
        await replaceChildren(trx, townId, 'activityInvitation', 'activityId', rows, writeInvitations);
      },
    });
  },
});
