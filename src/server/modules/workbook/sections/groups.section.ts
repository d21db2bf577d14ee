import { z } from 'zod';
import { IssueList, checkUniqueValue } from '../workbook.check.ts';
import { Key, Name, Text } from '../workbook.schemas.ts';
import { sortByKey } from '../workbook.rules.ts';
import { defineSection } from '../workbook.types.ts';
import { insertMany, replaceChildren, updateVersionedRows, upsertRecords } from '../workbook.write.ts';

export const GroupMember = z.strictObject({
  deputy: Key.meta({ description: '代表编码' }),
  role: z.enum(['leader', 'vice_leader', 'member']).meta({ description: 'leader 组长 / vice_leader 副组长 / member 组员' }),
});

export const GroupRecord = z
  .strictObject({
    code: Key,
    name: Name(100),
    station: Key.nullable().meta({ description: '所属联络站编码' }),
    description: Text(2000),
    members: z.array(GroupMember),
  })
  // The groups module's rule: a group's list is empty until members are set, and then has at least
  // three members with exactly one leader.
  .superRefine((g, ctx) => {
    if (g.members.length === 0) return;
    const leaders = g.members.filter((m) => m.role === 'leader').length;
    if (leaders !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: leaders ? '一个小组只能有一名组长' : '小组需要一名组长' });
    if (g.members.length < 3) ctx.addIssue({ code: 'custom', path: ['members'], message: '小组至少需要 3 名成员' });
  })
  .meta({ title: '代表小组', description: '按 code 匹配；成员按代表编码排列' });
export type GroupRecord = z.infer<typeof GroupRecord>;

export const groupsSection = defineSection<'groups', GroupRecord>({
  key: 'groups',
  label: '代表小组',
  kind: 'group',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r: GroupRecord) => r.code,
  record: GroupRecord,
  canonical: (r: GroupRecord) => ({ ...r, members: sortByKey(r.members, (m) => m.deputy) }),

  async load(db, townId) {
    const [rows, members] = await Promise.all([
      db
        .selectFrom('deputyGroup as g')
        .leftJoin('station as s', 's.id', 'g.stationId')
        .select(['g.id', 'g.code', 'g.name', 's.code as station', 'g.description'])
        .where('g.townId', '=', townId)
        .execute(),
      db
        .selectFrom('groupMember as m')
        .innerJoin('deputy as d', 'd.id', 'm.deputyId')
        .select(['m.groupId', 'd.code as deputy', 'm.role'])
        .where('m.townId', '=', townId)
        .execute(),
    ]);
    const membersOf = new Map<string, GroupRecord['members']>();
    for (const m of members) membersOf.set(m.groupId, [...(membersOf.get(m.groupId) ?? []), { deputy: m.deputy, role: m.role }]);
    const loaded = rows.map((r) => ({
      id: r.id,
      record: {
        code: r.code,
        name: r.name,
        station: r.station ?? null,
        description: r.description,
        members: sortByKey(membersOf.get(r.id) ?? [], (m) => m.deputy),
      },
    }));
    return loaded;
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((g, i) => {
      out.ref(cx.known, 'station', g.station, `groups[${i}].station`);
      out.uniqueList(
        g.members.map((m) => m.deputy),
        `groups[${i}].members`,
      );
      g.members.forEach((m, j) => {
        out.ref(cx.known, 'deputy', m.deputy, `groups[${i}].members[${j}].deputy`);
      });
    });
    checkUniqueValue(out, {
      section: 'groups',
      field: 'name',
      noun: '名称',
      data,
      keyOf: (g) => g.code,
      valueOf: (g) => g.name,
      existing: cx.existing.map((e) => ({ key: e.record.code, value: e.record.name, label: `代表小组 ${e.record.code}` })),
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const writeMembers = (rows: { id: string; record: GroupRecord }[]) =>
      insertMany(
        trx,
        'groupMember',
        rows.flatMap(({ id, record }) => record.members.map((m) => ({ groupId: id, deputyId: keys.id('deputy', m.deputy), townId, role: m.role }))),
      );
    const fields = (r: GroupRecord) => ({ name: r.name, stationId: keys.idOrNull('station', r.station), description: r.description });
    return upsertRecords(ictx, data, keys, {
      kind: 'group',
      keyOf: (r) => r.code,
      entity: 'deputy_group',
      noun: '代表小组',
      nameOf: (r) => r.name,
      async insert(rows) {
        await insertMany(
          trx,
          'deputyGroup',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdAt: now, updatedAt: now })),
        );
        await writeMembers(rows);
      },
      async update(rows) {
        await updateVersionedRows(trx, townId, 'deputyGroup', now, rows, fields);
        await replaceChildren(trx, townId, 'groupMember', 'groupId', rows, writeMembers);
      },
    });
  },
});
