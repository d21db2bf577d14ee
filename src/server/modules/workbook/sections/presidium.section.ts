import { z } from 'zod';
import { IssueList, checkExclusive, finalState } from '../workbook.check.ts';
import { DateField, Key, KeyList, NullableDate, SortOrder, TermNumber } from '../workbook.schemas.ts';
import { sortedTexts } from '../workbook.rules.ts';
import { defineSection } from '../workbook.types.ts';
import type { DeputyRecord } from './deputies.section.ts';
import { insertMany, replaceChildren, upsertRecords } from '../workbook.write.ts';

export const PresidiumRecord = z
  .strictObject({
    term: TermNumber,
    deputy: Key.meta({ description: '代表编码' }),
    position: z.enum(['chair', 'vice_chair', 'member']).meta({ description: 'chair 主席 / vice_chair 副主席 / member 成员' }),
    startDate: DateField,
    endDate: NullableDate,
    sortOrder: SortOrder,
    liaisons: KeyList.meta({ description: '包联（联系）的代表编码' }),
  })
  .superRefine((p, ctx) => {
    if (p.endDate !== null && p.endDate < p.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
  })
  .meta({ title: '主席团成员', description: '按 (term, deputy) 匹配' });
export type PresidiumRecord = z.infer<typeof PresidiumRecord>;

const keyOf = (r: PresidiumRecord) => `${r.term}/${r.deputy}`;

export const presidiumSection = defineSection<'presidium', PresidiumRecord>({
  key: 'presidium',
  label: '主席团',
  kind: 'presidium',
  keyField: 'deputy',
  sortKey: (r) => [r.term, r.deputy],
  keyOf,
  record: PresidiumRecord,
  canonical: (r: PresidiumRecord) => ({ ...r, liaisons: sortedTexts(r.liaisons) }),

  async load(db, townId) {
    const [rows, links] = await Promise.all([
      db
        .selectFrom('presidiumMember as p')
        .innerJoin('term as t', 't.id', 'p.termId')
        .innerJoin('deputy as d', 'd.id', 'p.deputyId')
        .select(['p.id', 't.number as term', 'd.code as deputy', 'p.position', 'p.startDate', 'p.endDate', 'p.sortOrder'])
        .where('p.townId', '=', townId)
        .execute(),
      db
        .selectFrom('presidiumLiaison as l')
        .innerJoin('deputy as d', 'd.id', 'l.deputyId')
        .select(['l.presidiumMemberId', 'd.code'])
        .where('l.townId', '=', townId)
        .execute(),
    ]);
    const liaisonsOf = new Map<string, string[]>();
    for (const l of links) liaisonsOf.set(l.presidiumMemberId, [...(liaisonsOf.get(l.presidiumMemberId) ?? []), l.code]);
    const loaded = rows.map((r) => ({
      id: r.id,
      record: {
        term: r.term,
        deputy: r.deputy,
        position: r.position,
        startDate: r.startDate,
        endDate: r.endDate,
        sortOrder: r.sortOrder,
        liaisons: sortedTexts(liaisonsOf.get(r.id) ?? []),
      },
    }));
    return loaded;
  },

  check(data, cx) {
    const out = new IssueList();
    // A deputy's term, from the document or else the database.
    const deputies = cx.other<DeputyRecord>('deputies');
    const termOf = new Map<string, number>([
      ...deputies.existing.map((e) => [e.record.code, e.record.term] as const),
      ...deputies.inDoc.map((d) => [d.code, d.term] as const),
    ]);
    const sameTerm = (code: string, term: number, field: string) => {
      const t = termOf.get(code);
      if (t !== undefined && t !== term) out.add(field, `代表 “${code}” 是第 ${t} 届的代表，不是第 ${term} 届的`);
    };
    data.forEach((p, i) => {
      out.ref(cx.known, 'term', String(p.term), `presidium[${i}].term`, `第 ${p.term} 届`);
      out.ref(cx.known, 'deputy', p.deputy, `presidium[${i}].deputy`);
      sameTerm(p.deputy, p.term, `presidium[${i}].deputy`);
      out.uniqueList(p.liaisons, `presidium[${i}].liaisons`);
      p.liaisons.forEach((d, j) => {
        out.ref(cx.known, 'deputy', d, `presidium[${i}].liaisons[${j}]`);
        sameTerm(d, p.term, `presidium[${i}].liaisons[${j}]`);
        if (d === p.deputy) out.add(`presidium[${i}].liaisons[${j}]`, '主席团成员不能联系自己');
      });
    });
    const records = finalState(data, cx.existing, keyOf);
    // 包联: in a term, a deputy is kept in touch with by one presidium member.
    checkExclusive(out, {
      section: 'presidium',
      field: 'liaisons',
      rule: '同一届内一名代表只由一名主席团成员联系',
      records,
      itemsOf: (p) => p.liaisons,
      scopeOf: (p) => String(p.term),
      labelOf: (p) => `主席团成员 ${p.deputy}`,
      describe: (d) => `代表 “${d}”`,
    });
    // At most one current chair (no end date) per term; a partial unique index guards it too.
    const chairOf = new Map<number, string>();
    const current = (p: PresidiumRecord) => p.position === 'chair' && p.endDate === null;
    for (const r of records) if (r.index === null && current(r.record)) chairOf.set(r.record.term, `数据库中的 ${r.record.deputy}`);
    for (const r of records) {
      if (r.index === null || !current(r.record)) continue;
      const h = chairOf.get(r.record.term);
      if (h) out.add(`presidium[${r.index}].position`, `第 ${r.record.term} 届已有现任主席（${h}），请先填写其结束日期`);
      else chairOf.set(r.record.term, `presidium[${r.index}]（${r.record.deputy}）`);
    }
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    const writeLiaisons = (rows: { id: string; record: PresidiumRecord }[]) =>
      insertMany(
        trx,
        'presidiumLiaison',
        rows.flatMap(({ id, record }) => record.liaisons.map((d) => ({ presidiumMemberId: id, deputyId: keys.id('deputy', d), townId }))),
      );
    const fields = (r: PresidiumRecord) => ({ position: r.position, startDate: r.startDate, endDate: r.endDate, sortOrder: r.sortOrder });
    return upsertRecords(ictx, data, keys, {
      kind: 'presidium',
      keyOf,
      entity: 'presidium_member',
      noun: '主席团成员',
      nameOf: (r) => `第 ${r.term} 届 ${r.deputy}`,
      async insert(rows) {
        await insertMany(
          trx,
          'presidiumMember',
          rows.map(({ id, record: r }) => ({ id, townId, termId: keys.id('term', String(r.term)), deputyId: keys.id('deputy', r.deputy), ...fields(r) })),
        );
        await writeLiaisons(rows);
      },
      async update(rows) {
        // The outgoing chair is written before the incoming one, so the one-chair index never sees two.
        const ordered = [...rows].sort(
          (x, y) => Number(x.after.position === 'chair' && x.after.endDate === null) - Number(y.after.position === 'chair' && y.after.endDate === null),
        );
        for (const { id, after: r } of ordered) {
          await trx.updateTable('presidiumMember').set(fields(r)).where('townId', '=', townId).where('id', '=', id).execute();
        }
        await replaceChildren(trx, townId, 'presidiumLiaison', 'presidiumMemberId', rows, writeLiaisons);
      },
    });
  },
});
