import { z } from 'zod';
import { IssueList, checkExclusive, finalState } from '../workbook.check.ts';
import { Key, KeyList, Name, TermNumber } from '../workbook.schemas.ts';
import { sortedTexts } from '../workbook.rules.ts';
import { defineSection } from '../workbook.types.ts';
import { insertMany, replaceChildren, upsertRecords } from '../workbook.write.ts';

export const ConstituencyRecord = z
  .strictObject({
    term: TermNumber,
    code: Key,
    name: Name(50),
    seats: z.number().int('应为整数').min(1, '至少为 1').max(200, '不能超过 200').meta({ description: '应选代表名额' }),
    villages: KeyList.meta({ description: '选区包含的村（社区）编码' }),
  })
  .meta({ title: '选区', description: '按 (term, code) 匹配：选区编码在一届之内唯一' });
export type ConstituencyRecord = z.infer<typeof ConstituencyRecord>;

const keyOf = (r: ConstituencyRecord) => `${r.term}/${r.code}`;

export const constituenciesSection = defineSection<'constituencies', ConstituencyRecord>({
  key: 'constituencies',
  label: '选区',
  kind: 'constituency',
  keyField: 'code',
  sortKey: (r) => [r.term, r.code],
  keyOf,
  record: ConstituencyRecord,
  canonical: (r: ConstituencyRecord) => ({ ...r, villages: sortedTexts(r.villages) }),

  async load(db, townId) {
    const [rows, links] = await Promise.all([
      db
        .selectFrom('constituency')
        .innerJoin('term', 'term.id', 'constituency.termId')
        .select(['constituency.id', 'term.number as term', 'constituency.code', 'constituency.name', 'constituency.seats'])
        .where('constituency.townId', '=', townId)
        .execute(),
      db
        .selectFrom('constituencyVillage')
        .innerJoin('village', 'village.id', 'constituencyVillage.villageId')
        .select(['constituencyVillage.constituencyId', 'village.code'])
        .where('constituencyVillage.townId', '=', townId)
        .execute(),
    ]);
    const villagesOf = new Map<string, string[]>();
    for (const l of links) villagesOf.set(l.constituencyId, [...(villagesOf.get(l.constituencyId) ?? []), l.code]);
    const loaded = rows.map((r) => ({
      id: r.id,
      record: { term: r.term, code: r.code, name: r.name, seats: r.seats, villages: sortedTexts(villagesOf.get(r.id) ?? []) },
    }));
    return loaded;
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((c, i) => {
      out.ref(cx.known, 'term', String(c.term), `constituencies[${i}].term`, `第 ${c.term} 届`);
      out.uniqueList(c.villages, `constituencies[${i}].villages`);
      c.villages.forEach((v, j) => {
        out.ref(cx.known, 'village', v, `constituencies[${i}].villages[${j}]`);
      });
    });
    checkExclusive(out, {
      section: 'constituencies',
      field: 'villages',
      rule: '同一届内一个村（社区）只属于一个选区',
      records: finalState(data, cx.existing, keyOf),
      itemsOf: (c) => c.villages,
      scopeOf: (c) => String(c.term),
      labelOf: (c) => `选区 ${c.code}`,
      describe: (v) => `村（社区）“${v}”`,
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    const writeVillages = async (rows: { id: string; record: ConstituencyRecord }[]) =>
      insertMany(
        trx,
        'constituencyVillage',
        rows.flatMap(({ id, record }) => record.villages.map((v) => ({ constituencyId: id, villageId: keys.id('village', v), townId }))),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'constituency',
      keyOf,
      entity: 'constituency',
      noun: '选区',
      nameOf: (r) => r.name,
      async insert(rows) {
        await insertMany(
          trx,
          'constituency',
          rows.map(({ id, record: r }) => ({ id, townId, termId: keys.id('term', String(r.term)), code: r.code, name: r.name, seats: r.seats })),
        );
        await writeVillages(rows);
      },
      async update(rows) {
        for (const { id, after: r } of rows) {
          await trx.updateTable('constituency').set({ name: r.name, seats: r.seats }).where('townId', '=', townId).where('id', '=', id).execute();
        }
        await replaceChildren(trx, townId, 'constituencyVillage', 'constituencyId', rows, writeVillages);
      },
    });
  },
});
