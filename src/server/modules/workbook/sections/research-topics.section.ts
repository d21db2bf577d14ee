import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { CLAIMANT_TYPES, MEMBER_ROLES, RESEARCH_GRADES, RESEARCH_STATUSES, membersProblem } from '../../research/research.rules.ts';
import { IssueList } from '../workbook.check.ts';
import { DateField, Key, Name, Text } from '../workbook.schemas.ts';
import { sortByKey } from '../workbook.rules.ts';
import { defineSection } from '../workbook.types.ts';
import { insertMany, replaceChildren, upsertRecords } from '../workbook.write.ts';
import { UtcTime } from './activity.fields.ts';

/*
 * Research topics (调研课题) in the workbook: the topic by its code, the claimant by station or group
 * code, the members by deputy code, linked activities by activity code, accounts by username. The
 * report file's bytes are not carried (the workbook is text): an import keeps the file a topic
 * already has, and a topic new to the database comes without one.
 */

export const ResearchMemberRecord = z.strictObject({
  deputy: Key.meta({ description: '代表编码' }),
  role: z.enum(MEMBER_ROLES).meta({ description: 'lead 牵头代表 / member 参与代表' }),
});

const Username = Key.nullable().meta({ description: '账号用户名' });

export const ResearchTopicRecord = z
  .strictObject({
    code: Key.meta({ description: '课题编码（T001…），本镇唯一' }),
    year: z.number().int('应为整数').min(2000).max(2100).meta({ description: '课题年度' }),
    title: Name(100),
    description: Text(5000),
    dueDate: DateField,
    status: z.enum(RESEARCH_STATUSES).meta({ description: 'open 待认领 / claimed 已认领 / submitted 已提交报告 / graded 已评定 / withdrawn 已撤销' }),
    claimantType: z.enum(CLAIMANT_TYPES).nullable().meta({ description: 'station 联络站 / group 代表小组；未认领为 null' }),
    claimant: Key.nullable().meta({ description: '认领方的联络站或代表小组编码' }),
    claimedAt: UtcTime.nullable(),
    claimedBy: Username,
    reportSummary: Text(2000),
    submittedAt: UtcTime.nullable(),
    submittedBy: Username,
    returnNote: Text(500),
    grade: z.enum(RESEARCH_GRADES).nullable().meta({ description: 'excellent 优秀 / good 良好 / pass 合格 / fail 不合格' }),
    gradeComment: Text(1000),
    gradedAt: UtcTime.nullable(),
    gradedBy: Username,
    members: z.array(ResearchMemberRecord).meta({ description: '参与代表，按代表编码排列' }),
    activities: z.array(Key).meta({ description: '关联的调研活动编码，按编码排列' }),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((r.claimantType === null) !== (r.claimant === null)) issue('claimant', 'claimantType 与 claimant 应同时填写或同时为 null');
    if (r.status === 'open' && r.claimantType !== null) issue('claimant', '待认领的课题没有认领方');
    if (['claimed', 'submitted', 'graded'].includes(r.status) && r.claimantType === null) issue('claimant', '已认领的课题需要认领方');
    if ((r.status === 'graded') !== (r.grade !== null)) issue('grade', '已评定的课题需要等次，其他状态应为 null');
    if (['submitted', 'graded'].includes(r.status) && r.submittedAt === null) issue('submittedAt', '已提交报告的课题需要提交时间');
    const problem = membersProblem(r.members.map((m) => ({ deputyId: m.deputy, role: m.role })));
    if (problem) issue('members', problem);
  })
  .meta({ title: '调研课题', description: '按 code 匹配；参与代表和关联活动随课题整体替换；报告文件不随工作簿导出' });
export type ResearchTopicRecord = z.infer<typeof ResearchTopicRecord>;

const keyOf = (r: ResearchTopicRecord) => r.code;

const auditView = (r: ResearchTopicRecord) => ({
  ...r,
  members: r.members.map((m) => `${m.deputy}${m.role === 'lead' ? '（牵头）' : ''}`).join('、'),
  activities: r.activities.join('、'),
});

/** Write changed topics, bumping the version so a page opened before the import sees a conflict. */
async function updateTopics(trx: Kysely<DB>, townId: string, now: string, rows: readonly { id: string; after: ResearchTopicRecord }[], fields: (r: ResearchTopicRecord) => object) {
  for (const { id, after } of rows) {
    await trx
      .updateTable('researchTopic')
      .set((eb) => ({ ...fields(after), version: eb('version', '+', 1), updatedAt: now }))
      .where('townId', '=', townId)
      .where('id', '=', id)
      .execute();
  }
}

export const researchTopicsSection = defineSection<'researchTopics', ResearchTopicRecord>({
  key: 'researchTopics',
  label: '调研课题',
  kind: 'research_topic',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf,
  record: ResearchTopicRecord,
  canonical: (r: ResearchTopicRecord) => ({ ...r, members: sortByKey(r.members, (m) => m.deputy), activities: [...r.activities].sort() }),

  async load(db, townId) {
    const [rows, members, links] = await Promise.all([
      db
        .selectFrom('researchTopic as t')
        .leftJoin('station as s', 's.id', 't.stationId')
        .leftJoin('deputyGroup as g', 'g.id', 't.groupId')
        .leftJoin('appUser as cb', 'cb.id', 't.claimedBy')
        .leftJoin('appUser as sb', 'sb.id', 't.submittedBy')
        .leftJoin('appUser as gb', 'gb.id', 't.gradedBy')
        .selectAll('t')
        .select(['s.code as stationCode', 'g.code as groupCode', 'cb.username as claimedByName', 'sb.username as submittedByName', 'gb.username as gradedByName'])
        .where('t.townId', '=', townId)
        .execute(),
      db
        .selectFrom('researchTopicMember as m')
        .innerJoin('deputy as d', 'd.id', 'm.deputyId')
        .select(['m.topicId', 'd.code as deputy', 'm.role'])
        .where('m.townId', '=', townId)
        .execute(),
      db
        .selectFrom('researchTopicActivity as l')
        .innerJoin('activity as a', 'a.id', 'l.activityId')
        .select(['l.topicId', 'a.code'])
        .where('l.townId', '=', townId)
        .execute(),
    ]);
    const membersOf = new Map<string, ResearchTopicRecord['members']>();
    for (const m of members) membersOf.set(m.topicId, [...(membersOf.get(m.topicId) ?? []), { deputy: m.deputy, role: m.role }]);
    const activitiesOf = new Map<string, string[]>();
    for (const l of links) activitiesOf.set(l.topicId, [...(activitiesOf.get(l.topicId) ?? []), l.code]);
    return rows.map((r) => ({
      id: r.id,
      record: {
        code: r.code,
        year: r.year,
        title: r.title,
        description: r.description,
        dueDate: r.dueDate,
        status: r.status,
        claimantType: r.claimantType,
        claimant: r.claimantType === 'station' ? (r.stationCode ?? null) : r.claimantType === 'group' ? (r.groupCode ?? null) : null,
        claimedAt: r.claimedAt,
        claimedBy: r.claimedByName ?? null,
        reportSummary: r.reportSummary,
        submittedAt: r.submittedAt,
        submittedBy: r.submittedByName ?? null,
        returnNote: r.returnNote,
        grade: r.grade,
        gradeComment: r.gradeComment,
        gradedAt: r.gradedAt,
        gradedBy: r.gradedByName ?? null,
        members: sortByKey(membersOf.get(r.id) ?? [], (m) => m.deputy),
        activities: (activitiesOf.get(r.id) ?? []).sort(),
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      const at = `researchTopics[${i}]`;
      if (r.claimantType) out.ref(cx.known, r.claimantType, r.claimant, `${at}.claimant`);
      out.ref(cx.known, 'user', r.claimedBy, `${at}.claimedBy`);
      out.ref(cx.known, 'user', r.submittedBy, `${at}.submittedBy`);
      out.ref(cx.known, 'user', r.gradedBy, `${at}.gradedBy`);
      out.uniqueList(
        r.members.map((m) => m.deputy),
        `${at}.members`,
      );
      r.members.forEach((m, j) => {
        out.ref(cx.known, 'deputy', m.deputy, `${at}.members[${j}].deputy`);
      });
      out.uniqueList(r.activities, `${at}.activities`);
      r.activities.forEach((a, j) => {
        out.ref(cx.known, 'activity', a, `${at}.activities[${j}]`);
      });
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    // The report file is not in the workbook: it is left out here, so an update keeps the one stored.
    const fields = (r: ResearchTopicRecord) => ({
      year: r.year,
      title: r.title,
      description: r.description,
      dueDate: r.dueDate,
      status: r.status,
      claimantType: r.claimantType,
      stationId: r.claimantType === 'station' ? keys.idOrNull('station', r.claimant) : null,
      groupId: r.claimantType === 'group' ? keys.idOrNull('group', r.claimant) : null,
      claimedAt: r.claimedAt,
      claimedBy: keys.idOrNull('user', r.claimedBy),
      reportSummary: r.reportSummary,
      submittedAt: r.submittedAt,
      submittedBy: keys.idOrNull('user', r.submittedBy),
      returnNote: r.returnNote,
      grade: r.grade,
      gradeComment: r.gradeComment,
      gradedAt: r.gradedAt,
      gradedBy: keys.idOrNull('user', r.gradedBy),
    });
    const writeMembers = (rows: { id: string; record: ResearchTopicRecord }[]) =>
      insertMany(
        trx,
        'researchTopicMember',
        rows.flatMap(({ id, record }) => record.members.map((m) => ({ topicId: id, deputyId: keys.id('deputy', m.deputy), townId, role: m.role }))),
      );
    const writeActivities = (rows: { id: string; record: ResearchTopicRecord }[]) =>
      insertMany(
        trx,
        'researchTopicActivity',
        rows.flatMap(({ id, record }) => record.activities.map((a) => ({ topicId: id, activityId: keys.id('activity', a), townId }))),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'research_topic',
      keyOf,
      entity: 'research_topic',
      noun: '调研课题',
      nameOf: (r) => `${r.code} ${r.title}`,
      auditView,
      async insert(rows) {
        await insertMany(
          trx,
          'researchTopic',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), reportFileId: null, version: 1, createdBy: null, createdAt: now, updatedAt: now })),
        );
        await writeMembers(rows);
        await writeActivities(rows);
      },
      async update(rows) {
        await updateTopics(trx, townId, now, rows, fields);
        await replaceChildren(trx, townId, 'researchTopicMember', 'topicId', rows, writeMembers);
        await replaceChildren(trx, townId, 'researchTopicActivity', 'topicId', rows, writeActivities);
      },
    });
  },
});
