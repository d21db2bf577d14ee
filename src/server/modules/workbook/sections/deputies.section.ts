import { z } from 'zod';
import { todayInChina } from '../../../lib/time.ts';
import { ETHNICITIES, OCCUPATIONS, PARTIES, STATUSES, deputyProblems, phoneProblem } from '../../roster/deputy.rules.ts';
import { IssueList, checkUniqueValue } from '../workbook.check.ts';
import { IdNumber, Key, Name, NullableDate, NullableText, TermNumber, Text } from '../workbook.schemas.ts';
import { defineSection } from '../workbook.types.ts';
import { bool, flag, insertMany, upsertRecords } from '../workbook.write.ts';

const PHOTO_MAX = 3_000_000; // a 2 MB image as a base64 data URL

export const DeputyRecord = z
  .strictObject({
    code: Key,
    term: TermNumber,
    name: Name(50),
    gender: z.enum(['male', 'female']),
    birthDate: NullableDate,
    ethnicity: z.enum(ETHNICITIES),
    party: z.enum(PARTIES),
    isTownLevel: z.boolean().meta({ description: '镇人大代表' }),
    isCountyLevel: z.boolean().meta({ description: '县人大代表' }),
    constituency: Key.nullable().meta({ description: '选区编码（同一届次内）' }),
    station: Key.nullable().meta({ description: '所属联络站编码' }),
    occupation: z.enum(OCCUPATIONS),
    workplace: Text(100),
    title: Text(100),
    phone: z
      .string()
      .superRefine((v, ctx) => {
        const problem = phoneProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .nullable()
      .meta({ description: '手机号或带区号的固定电话' }),
    idNumber: IdNumber.nullable(),
    status: z.enum(STATUSES).meta({ description: 'serving 在任 / resigned 辞职 / recalled 罢免 / terminated 终止 / transferred 调离' }),
    statusDate: NullableDate,
    statusReason: NullableText(500),
    hardship: z.boolean().meta({ description: '困难代表' }),
    photo: z
      .string()
      .max(PHOTO_MAX, '照片过大')
      .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, '应为 JPEG 或 PNG 的 data URL')
      .nullable(),
    notes: Text(2000),
  })
  .superRefine((d, ctx) => {
    if (d.status !== 'serving') {
      if (d.statusDate === null) ctx.addIssue({ code: 'custom', path: ['statusDate'], message: '离任的代表需填写日期' });
      if (!d.statusReason) ctx.addIssue({ code: 'custom', path: ['statusReason'], message: '离任的代表需填写原因' });
    }
  })
  .meta({ title: '代表', description: '按 code 匹配；代表编码在本镇内唯一（跨届次）' });
export type DeputyRecord = z.infer<typeof DeputyRecord>;

export const deputiesSection = defineSection<'deputies', DeputyRecord>({
  key: 'deputies',
  label: '代表',
  kind: 'deputy',
  keyField: 'code',
  sortKey: (r) => r.code,
  keyOf: (r: DeputyRecord) => r.code,
  record: DeputyRecord,

  async load(db, townId) {
    const rows = await db
      .selectFrom('deputy as d')
      .innerJoin('term as t', 't.id', 'd.termId')
      .leftJoin('constituency as c', 'c.id', 'd.constituencyId')
      .leftJoin('station as s', 's.id', 'd.stationId')
      .select([
        'd.id',
        'd.code',
        't.number as term',
        'd.name',
        'd.gender',
        'd.birthDate',
        'd.ethnicity',
        'd.party',
        'd.isTownLevel',
        'd.isCountyLevel',
        'c.code as constituency',
        's.code as station',
        'd.occupation',
        'd.workplace',
        'd.title',
        'd.phone',
        'd.idNumber',
        'd.status',
        'd.statusDate',
        'd.statusReason',
        'd.hardship',
        'd.photo',
        'd.notes',
      ])
      .where('d.townId', '=', townId)
      .execute();
    const loaded = rows.map((r) => ({
      id: r.id,
      record: {
        code: r.code,
        term: r.term,
        name: r.name,
        gender: r.gender,
        birthDate: r.birthDate,
        ethnicity: r.ethnicity as DeputyRecord['ethnicity'],
        party: r.party as DeputyRecord['party'],
        isTownLevel: bool(r.isTownLevel),
        isCountyLevel: bool(r.isCountyLevel),
        constituency: r.constituency ?? null,
        station: r.station ?? null,
        occupation: r.occupation as DeputyRecord['occupation'],
        workplace: r.workplace,
        title: r.title,
        phone: r.phone,
        idNumber: r.idNumber,
        status: r.status,
        statusDate: r.statusDate,
        statusReason: r.statusReason,
        hardship: bool(r.hardship),
        photo: r.photo,
        notes: r.notes,
      },
    }));
    return loaded;
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((d, i) => {
      const at = `deputies[${i}]`;
      out.ref(cx.known, 'term', String(d.term), `${at}.term`, `第 ${d.term} 届`);
      if (d.constituency !== null && !cx.known('constituency', `${d.term}/${d.constituency}`)) {
        out.add(`${at}.constituency`, `第 ${d.term} 届没有编码为 “${d.constituency}” 的选区（工作簿和数据库中都没有）`);
      }
      out.ref(cx.known, 'station', d.station, `${at}.station`);
    });
    // The roster's rules across fields: age, and birth date and gender as the ID number says.
    const today = todayInChina();
    data.forEach((d, i) => {
      for (const p of deputyProblems(d, today)) out.add(`deputies[${i}].${p.field}`, p.message);
    });
    // ID numbers are unique in a town.
    checkUniqueValue(out, {
      section: 'deputies',
      field: 'idNumber',
      noun: '身份证号',
      data,
      keyOf: (d) => d.code,
      valueOf: (d) => d.idNumber,
      existing: cx.existing.map((e) => ({ key: e.record.code, value: e.record.idNumber, label: `代表 ${e.record.code}（${e.record.name}）` })),
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: DeputyRecord) => ({
      termId: keys.id('term', String(r.term)),
      name: r.name,
      gender: r.gender,
      birthDate: r.birthDate,
      ethnicity: r.ethnicity,
      party: r.party,
      isTownLevel: flag(r.isTownLevel),
      isCountyLevel: flag(r.isCountyLevel),
      constituencyId: r.constituency === null ? null : keys.id('constituency', `${r.term}/${r.constituency}`),
      stationId: keys.idOrNull('station', r.station),
      occupation: r.occupation,
      workplace: r.workplace,
      title: r.title,
      phone: r.phone,
      idNumber: r.idNumber,
      status: r.status,
      statusDate: r.statusDate,
      statusReason: r.statusReason,
      hardship: flag(r.hardship),
      photo: r.photo,
      notes: r.notes,
    });
    return upsertRecords(ictx, data, keys, {
      kind: 'deputy',
      keyOf: (r) => r.code,
      entity: 'deputy',
      noun: '代表',
      nameOf: (r) => r.name,
      insert: (rows) =>
        insertMany(
          trx,
          'deputy',
          rows.map(({ id, record: r }) => ({ id, townId, code: r.code, ...fields(r), version: 1, createdAt: now, updatedAt: now })),
        ),
      async update(rows) {
        for (const { id, after: r } of rows) {
          await trx
            .updateTable('deputy')
            .set((eb) => ({ ...fields(r), version: eb('version', '+', 1), updatedAt: now }))
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
      },
    });
  },
});
