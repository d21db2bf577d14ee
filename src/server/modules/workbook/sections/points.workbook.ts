import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { type RecordsScore, round2, weightsProblem } from '../../points/points.rules.ts';
import { IssueList } from '../workbook.check.ts';
import { compareText, sortByKey } from '../workbook.rules.ts';
import { Key, Name, Text } from '../workbook.schemas.ts';
import { type KeyKind, type Loaded, defineSection } from '../workbook.types.ts';
import { deleteChildren, insertMany, updateVersionedRows, upsertRecords } from '../workbook.write.ts';
import { UtcTime } from './activity.fields.ts';
import { checkSeqs } from './seq.check.ts';

/*
 * The points scheme (履职积分, docs/api-contract-points.md) in the workbook: the scheme by year (items,
 * weights and bands as JSON), adjustments by year + deputy + month + seq, presidium ratings by year +
 * deputy, and the published months (月晒) by year + month + revision with one row per deputy. A published
 * month is frozen in the app (the workbook, like for every section, may overwrite it, audited): its breakdown names the records that earned each point as "<kind>:<key>" (activity:A00012,
 * session:S001, suggestion:2026-001, reception:…, research:T001, duty_report:SZ00001, document:…,
 * motion:S001/3) and its adjustments by their workbook key, never by database id; Points are REAL (float4 on PostgreSQL): the workbook carries them to
 * two decimals, which both engines keep exactly for the values a scheme produces. A breakdown leaves out the
 * lines that counted nothing; an import puts them back from the scheme's items.
 */

const Year = z.number().int('应为整数').min(2000).max(2100);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');
const Points = z.number().min(-10_000).max(10_000);
const pts = (x: number | string): number => round2(Number(x));

/** The metrics a scheme item may count (the catalogue of the points contract). */
const METRIC =
  /^(activity_attended:(training|inspection|research|meeting|group|fixed_day|visit|other)|activity_leave|activity_absent|session_attended|session_leave|session_absent|suggestion_lead|suggestion_co|suggestion_grade:[ABC]|reception_on_duty|research_lead|research_member|research_grade:(excellent|good|pass|fail)|duty_report_held|document_read|motion_sponsored)$/;

// ---------------------------------------------------------------- schemes

const SchemeItem = z.strictObject({
  key: Key,
  label: Name(50),
  metric: z.string().regex(METRIC, '不是可统计的指标（见 docs/api-contract-points.md 的指标表）'),
  points: z.number().refine((x) => x !== 0, '每项分值不能为 0'),
  cap: z.number().positive('上限须大于 0').nullable(),
});

export const PointsSchemeRecord = z
  .strictObject({
    year: Year,
    name: Name(100),
    items: z.array(SchemeItem).meta({ description: '积分项目 [{key, label, metric, points, cap}]，按原顺序' }),
    fullMarks: z.number().positive('须大于 0'),
    weights: z.strictObject({ records: z.number(), peer: z.number(), voter: z.number(), presidium: z.number() }),
    bands: z.array(z.strictObject({ label: Name(20), min: z.number().min(0).max(100) })).meta({ description: '等次 [{label, min}]' }),
    commendTop: z.number().int('应为整数').min(0),
    status: z.enum(['draft', 'active']).meta({ description: 'draft 草稿 / active 启用' }),
  })
  .superRefine((r, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const w = weightsProblem(r.weights);
    if (w) issue(['weights'], w);
    const keys = new Set<string>();
    r.items.forEach((it, i) => {
      if (keys.has(it.key)) issue(['items', i, 'key'], `项目 “${it.key}” 重复`);
      keys.add(it.key);
    });
    const mins = r.bands.map((b) => b.min);
    if (!mins.includes(0)) issue(['bands'], '须有一个下限为 0 的等次');
    if (new Set(mins).size !== mins.length) issue(['bands'], '等次下限不能重复');
  })
  .meta({ title: '履职积分方案', description: '按年度匹配（一个乡镇一年一个方案）' });
export type PointsSchemeRecord = z.infer<typeof PointsSchemeRecord>;

export const pointsSchemesSection = defineSection<'pointsSchemes', PointsSchemeRecord>({
  key: 'pointsSchemes',
  label: '履职积分方案',
  kind: 'points_scheme',
  keyField: 'year',
  sortKey: (r) => r.year,
  keyOf: (r) => String(r.year),
  record: PointsSchemeRecord,

  async load(db, townId) {
    const rows = await db.selectFrom('pointsScheme').selectAll().where('townId', '=', townId).execute();
    return rows.map((s) => {
      const w = JSON.parse(s.weights) as PointsSchemeRecord['weights'];
      return {
        id: s.id,
        record: {
          year: s.year,
          name: s.name,
          items: (JSON.parse(s.items) as PointsSchemeRecord['items']).map((i) => ({
            key: i.key,
            label: i.label,
            metric: i.metric,
            points: i.points,
            cap: i.cap,
          })),
          fullMarks: pts(s.fullMarks),
          weights: { records: w.records, peer: w.peer, voter: w.voter, presidium: w.presidium },
          bands: (JSON.parse(s.bands) as PointsSchemeRecord['bands']).map((b) => ({ label: b.label, min: b.min })),
          commendTop: s.commendTop,
          status: s.status,
        },
      };
    });
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    const fields = (r: PointsSchemeRecord) => ({
      name: r.name,
      items: JSON.stringify(r.items),
      fullMarks: r.fullMarks,
      weights: JSON.stringify(r.weights),
      bands: JSON.stringify(r.bands),
      commendTop: r.commendTop,
      status: r.status,
    });
    return upsertRecords(ictx, data, keys, {
      kind: 'points_scheme',
      keyOf: (r) => String(r.year),
      entity: 'points_scheme',
      noun: '积分方案',
      nameOf: (r) => `${r.year} ${r.name}`,
      insert: (rows) =>
        insertMany(
          trx,
          'pointsScheme',
          rows.map(({ id, record: r }) => ({ id, townId, year: r.year, ...fields(r), version: 1, createdBy: null, createdAt: now, updatedAt: now })),
        ),
      update: (rows) => updateVersionedRows(trx, townId, 'pointsScheme', now, rows, fields),
    });
  },
});

// ---------------------------------------------------------------- adjustments

export const PointsAdjustmentRecord = z
  .strictObject({
    year: Year.meta({ description: '积分方案的年度' }),
    deputy: Key.meta({ description: '代表编码' }),
    month: Month,
    seq: z.number().int('应为整数').min(1, '应为正整数').max(999).meta({ description: '该代表当月的第几条调整（按录入时间，从 1 起）' }),
    points: z
      .number()
      .min(-100, '不能小于 -100')
      .max(100, '不能大于 100')
      .refine((x) => x !== 0, '调整分值不能为 0'),
    reason: Name(500),
    enteredAt: UtcTime.meta({ description: '录入时间（UTC）' }),
  })
  .superRefine((r, ctx) => {
    if (r.month.slice(0, 4) !== String(r.year)) ctx.addIssue({ code: 'custom', path: ['month'], message: `月份应在 ${r.year} 年内` });
  })
  .meta({ title: '积分调整', description: '按年度 + 代表编码 + 月份 + 序号匹配' });
export type PointsAdjustmentRecord = z.infer<typeof PointsAdjustmentRecord>;

const adjustmentKey = (r: PointsAdjustmentRecord) => `${r.year}/${r.deputy}/${r.month}/${r.seq}`;

/** The town's adjustments with their seq (order of entry within deputy and month) and internal id. */
async function loadAdjustments(db: Kysely<DB>, townId: string): Promise<Loaded<PointsAdjustmentRecord>[]> {
  const rows = await db
    .selectFrom('pointsAdjustment as a')
    .innerJoin('pointsScheme as s', 's.id', 'a.schemeId')
    .innerJoin('deputy as d', 'd.id', 'a.deputyId')
    .selectAll('a')
    .select(['s.year', 'd.code as deputyCode'])
    .where('a.townId', '=', townId)
    .execute();
  const seen = new Map<string, number>();
  return sortByKey(rows, (r) => [r.year, r.deputyCode, r.month, r.createdAt, r.id]).map((r) => {
    const k = `${r.year}/${r.deputyCode}/${r.month}`;
    const seq = (seen.get(k) ?? 0) + 1;
    seen.set(k, seq);
    return { id: r.id, record: { year: r.year, deputy: r.deputyCode, month: r.month, seq, points: pts(r.points), reason: r.reason, enteredAt: r.createdAt } };
  });
}

export const pointsAdjustmentsSection = defineSection<'pointsAdjustments', PointsAdjustmentRecord>({
  key: 'pointsAdjustments',
  label: '积分调整',
  kind: 'points_adjustment',
  keyField: 'seq',
  sortKey: (r) => [r.year, r.deputy, r.month, r.seq],
  keyOf: adjustmentKey,
  record: PointsAdjustmentRecord,
  load: loadAdjustments,

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      const at = `pointsAdjustments[${i}]`;
      out.ref(cx.known, 'points_scheme', String(r.year), `${at}.year`, `${r.year} 年积分方案`);
      out.ref(cx.known, 'deputy', r.deputy, `${at}.deputy`);
    });
    checkSeqs(out, 'pointsAdjustments', data, cx.existing, adjustmentKey, (r) => `${r.year}/${r.deputy}/${r.month}`);
    // seq follows the moment of entry, which is what the export numbers by.
    const ordered = sortByKey(
      data.map((r, i) => ({ r, i })),
      (x) => [x.r.year, x.r.deputy, x.r.month, x.r.seq],
    );
    ordered.forEach((x, k) => {
      const prev = ordered[k - 1]?.r;
      if (prev && adjustmentKey({ ...prev, seq: 0 }) === adjustmentKey({ ...x.r, seq: 0 }) && compareText(prev.enteredAt, x.r.enteredAt) > 0)
        out.add(`pointsAdjustments[${x.i}].seq`, `第 ${x.r.seq} 条调整的录入时间不能早于第 ${prev.seq} 条（序号按录入时间排列）`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    const fields = (r: PointsAdjustmentRecord) => ({ points: r.points, reason: r.reason, createdAt: r.enteredAt });
    return upsertRecords(ictx, data, keys, {
      kind: 'points_adjustment',
      keyOf: adjustmentKey,
      entity: 'points_adjustment',
      noun: '积分调整',
      nameOf: (r) => `${r.deputy} ${r.month} ${r.points > 0 ? '+' : ''}${r.points}`,
      insert: (rows) =>
        insertMany(
          trx,
          'pointsAdjustment',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            schemeId: keys.id('points_scheme', String(r.year)),
            deputyId: keys.id('deputy', r.deputy),
            month: r.month,
            ...fields(r),
            createdBy: null,
          })),
        ),
      async update(rows) {
        for (const { id, after } of rows)
          await trx.updateTable('pointsAdjustment').set(fields(after)).where('townId', '=', townId).where('id', '=', id).execute();
      },
    });
  },
});

// ---------------------------------------------------------------- presidium ratings

export const PresidiumRatingRecord = z
  .strictObject({ year: Year, deputy: Key, score: z.number().min(0, '不能小于 0').max(100, '不能大于 100') })
  .meta({ title: '主席团评价', description: '按年度 + 代表编码匹配；分数 0–100' });
export type PresidiumRatingRecord = z.infer<typeof PresidiumRatingRecord>;

const ratingKey = (r: PresidiumRatingRecord) => `${r.year}/${r.deputy}`;

export const presidiumRatingsSection = defineSection<'presidiumRatings', PresidiumRatingRecord>({
  key: 'presidiumRatings',
  label: '主席团评价',
  kind: 'presidium_rating',
  keyField: 'deputy',
  sortKey: (r) => [r.year, r.deputy],
  keyOf: ratingKey,
  record: PresidiumRatingRecord,

  async load(db, townId) {
    const rows = await db
      .selectFrom('presidiumRating as r')
      .innerJoin('pointsScheme as s', 's.id', 'r.schemeId')
      .innerJoin('deputy as d', 'd.id', 'r.deputyId')
      .select(['r.schemeId', 'r.deputyId', 'r.score', 's.year', 'd.code'])
      .where('r.townId', '=', townId)
      .execute();
    return rows.map((r) => ({ id: `${r.schemeId}|${r.deputyId}`, record: { year: r.year, deputy: r.code, score: pts(r.score) } }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      out.ref(cx.known, 'points_scheme', String(r.year), `presidiumRatings[${i}].year`, `${r.year} 年积分方案`);
      out.ref(cx.known, 'deputy', r.deputy, `presidiumRatings[${i}].deputy`);
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, now } = ictx;
    return upsertRecords(ictx, data, keys, {
      kind: 'presidium_rating',
      keyOf: ratingKey,
      entity: 'presidium_rating',
      noun: '主席团评价',
      nameOf: (r) => `${r.year} ${r.deputy}`,
      insert: (rows) =>
        insertMany(
          trx,
          'presidiumRating',
          rows.map(({ record: r }) => ({
            schemeId: keys.id('points_scheme', String(r.year)),
            deputyId: keys.id('deputy', r.deputy),
            townId,
            score: r.score,
            updatedBy: null,
            updatedAt: now,
          })),
        ),
      async update(rows) {
        for (const { id, after } of rows) {
          const [schemeId, deputyId] = id.split('|');
          await trx
            .updateTable('presidiumRating')
            .set({ score: after.score, updatedAt: now })
            .where('townId', '=', townId)
            .where('schemeId', '=', schemeId)
            .where('deputyId', '=', deputyId)
            .execute();
        }
      },
    });
  },
});

// ---------------------------------------------------------------- published months

/** A record kind in a breakdown's "<kind>:<id>" and the workbook key kind it is named by. */
const RECORD_KINDS: Record<string, KeyKind> = {
  activity: 'activity',
  session: 'session',
  suggestion: 'suggestion',
  reception: 'reception',
  research: 'research_topic',
  duty_report: 'duty_report',
  document: 'document',
  motion: 'motion',
};

const Line = z.strictObject({
  key: Key,
  label: Name(50),
  metric: z.string(),
  count: z.number().int().min(0),
  raw: Points,
  points: Points,
  capped: z.boolean(),
  recordIds: z.array(z.string()).meta({ description: '计分的记录 "<kind>:<编码>"，如 activity:A00012' }),
});
const Breakdown = z.strictObject({
  lines: z.array(Line),
  adjustments: z.array(
    z.strictObject({ adjustment: z.string().meta({ description: '积分调整的键：年度/代表/月份/序号' }), points: Points, reason: Text(500) }),
  ),
  itemsTotal: Points,
  adjustmentsTotal: Points,
  total: Points,
});

export const PointsSnapshotRecord = z
  .strictObject({
    year: Year.meta({ description: '积分方案的年度' }),
    month: Month,
    revision: z.number().int('应为整数').min(1, '应为正整数').meta({ description: '第几版：同一月份重新公布时递增，旧版保留' }),
    publishedAt: UtcTime,
    publishedBy: Key.nullable().meta({ description: '公布人的账号用户名' }),
    rows: z.array(z.strictObject({ deputy: Key, total: Points, breakdown: Breakdown })).meta({ description: '每位代表一行，按代表编码排列' }),
  })
  .superRefine((r, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (r.month.slice(0, 4) !== String(r.year)) issue(['month'], `月份应在 ${r.year} 年内`);
    r.rows.forEach((row, i) => {
      const b = row.breakdown;
      // The breakdown is a RecordsScore (points.rules.ts scoreRecords): its sums must hold.
      const items = round2(b.lines.reduce((s, l) => s + l.points, 0));
      const adj = round2(b.adjustments.reduce((s, a) => s + a.points, 0));
      if (b.itemsTotal !== items) issue(['rows', i, 'breakdown', 'itemsTotal'], `各项之和为 ${items}`);
      if (b.adjustmentsTotal !== adj) issue(['rows', i, 'breakdown', 'adjustmentsTotal'], `调整之和为 ${adj}`);
      if (b.total !== round2(items + adj)) issue(['rows', i, 'breakdown', 'total'], `合计应为 ${round2(items + adj)}`);
      if (row.total !== b.total) issue(['rows', i, 'total'], `应等于明细合计 ${b.total}`);
      b.lines.forEach((l, j) => {
        if (l.capped !== (l.points !== l.raw)) issue(['rows', i, 'breakdown', 'lines', j, 'capped'], '封顶标记与分值不符');
      });
    });
  })
  .meta({ title: '积分月度公布', description: '按年度 + 月份 + 版本匹配；已公布的不能修改，只能新增版本' });
export type PointsSnapshotRecord = z.infer<typeof PointsSnapshotRecord>;

const snapshotKey = (r: PointsSnapshotRecord) => `${r.year}/${r.month}/${r.revision}`;
type Row = PointsSnapshotRecord['rows'][number];

/** id -> workbook key of every record a breakdown may name, as "<kind>:<key>", and of adjustments. */
async function recordKeysById(db: Kysely<DB>, townId: string): Promise<Map<string, string>> {
  const coded = (t: 'activity' | 'congressSession' | 'suggestion' | 'reception' | 'researchTopic' | 'dutyReport' | 'document') =>
    db.selectFrom(t).select(['id', 'code']).where('townId', '=', townId).execute();
  const [activity, session, suggestion, reception, research, dutyReport, document, motions, adjustments] = await Promise.all([
    coded('activity'),
    coded('congressSession'),
    coded('suggestion'),
    coded('reception'),
    coded('researchTopic'),
    coded('dutyReport'),
    coded('document'),
    db
      .selectFrom('motion as m')
      .innerJoin('congressSession as s', 's.id', 'm.sessionId')
      .select(['m.id', 's.code', 'm.number'])
      .where('m.townId', '=', townId)
      .execute(),
    loadAdjustments(db, townId),
  ]);
  const m = new Map<string, string>();
  const put = (kind: string, rows: { id: string; code: string }[]) => {
    for (const r of rows) m.set(`${kind}:${r.id}`, `${kind}:${r.code}`);
  };
  put('activity', activity);
  put('session', session);
  put('suggestion', suggestion);
  put('reception', reception);
  put('research', research);
  put('duty_report', dutyReport);
  put('document', document);
  put(
    'motion',
    motions.map((x) => ({ id: x.id, code: `${x.code}/${x.number}` })),
  );
  for (const a of adjustments) m.set(`adjustment:${a.id}`, adjustmentKey(a.record));
  return m;
}

const mapLines = (lines: RecordsScore['lines'], record: (s: string) => string) =>
  lines.map((l) => ({
    key: l.key,
    label: l.label,
    metric: l.metric,
    count: l.count,
    raw: l.raw,
    points: l.points,
    capped: l.capped,
    recordIds: l.recordIds.map(record),
  }));

/** A stored breakdown (RecordsScore with ids) in workbook form: records and adjustments by key. */
function breakdownOut(b: RecordsScore, record: (s: string) => string, adjustment: (id: string) => string): Row['breakdown'] {
  const adjustments = b.adjustments.map((a) => ({ adjustment: adjustment(a.id), points: a.points, reason: a.reason }));
  const lines = mapLines(
    b.lines.filter((l) => !isZeroLine(l)),
    record,
  );
  return { lines, adjustments, itemsTotal: b.itemsTotal, adjustmentsTotal: b.adjustmentsTotal, total: b.total };
}

/** A line that counted nothing: the workbook leaves these out (most deputies have most items at zero). */
const isZeroLine = (l: { count: number; points: number; raw: number; recordIds: readonly string[] }) =>
  l.count === 0 && l.points === 0 && l.raw === 0 && l.recordIds.length === 0;

type SchemeItemOf = PointsSchemeRecord['items'][number];

/** The stored lines: every item of the scheme in its order, at zero unless the workbook gives it; then any others. */
function withZeroLines(lines: RecordsScore['lines'], items: readonly SchemeItemOf[]): RecordsScore['lines'] {
  const given = new Map(lines.map((l) => [l.key, l]));
  const keys = new Set(items.map((i) => i.key));
  return [
    ...items.map((i) => given.get(i.key) ?? { key: i.key, label: i.label, metric: i.metric, count: 0, raw: 0, points: 0, capped: false, recordIds: [] }),
    ...lines.filter((l) => !keys.has(l.key)),
  ];
}

/** Back to the stored form, keys resolved to this database's ids. */
function breakdownIn(b: Row['breakdown'], items: readonly SchemeItemOf[], record: (s: string) => string, adjustment: (key: string) => string): RecordsScore {
  const adjustments = b.adjustments.map((a) => ({ id: adjustment(a.adjustment), points: a.points, reason: a.reason }));
  return {
    lines: withZeroLines(mapLines(b.lines, record), items),
    adjustments,
    itemsTotal: b.itemsTotal,
    adjustmentsTotal: b.adjustmentsTotal,
    total: b.total,
  };
}

const splitRef = (s: string): [string, string] => {
  const i = s.indexOf(':');
  return i < 0 ? ['', s] : [s.slice(0, i), s.slice(i + 1)];
};

export const pointsSnapshotsSection = defineSection<'pointsSnapshots', PointsSnapshotRecord>({
  key: 'pointsSnapshots',
  label: '积分月度公布',
  kind: 'points_snapshot',
  keyField: 'revision',
  sortKey: (r) => [r.year, r.month, r.revision],
  keyOf: snapshotKey,
  record: PointsSnapshotRecord,
  canonical: (r) => ({ ...r, rows: sortByKey(r.rows, (x) => x.deputy) }),

  async load(db, townId) {
    const [snaps, rows, names] = await Promise.all([
      db
        .selectFrom('pointsSnapshot as p')
        .innerJoin('pointsScheme as s', 's.id', 'p.schemeId')
        .leftJoin('appUser as u', 'u.id', 'p.publishedBy')
        .selectAll('p')
        .select(['s.year', 'u.username'])
        .where('p.townId', '=', townId)
        .execute(),
      db
        .selectFrom('pointsSnapshotRow as r')
        .innerJoin('deputy as d', 'd.id', 'r.deputyId')
        .select(['r.snapshotId', 'r.total', 'r.breakdown', 'd.code'])
        .where('r.townId', '=', townId)
        .execute(),
      recordKeysById(db, townId),
    ]);
    const rowsOf = new Map<string, Row[]>();
    for (const r of rows) {
      const b = breakdownOut(
        JSON.parse(r.breakdown) as RecordsScore,
        (s) => names.get(s) ?? s,
        (s) => names.get(`adjustment:${s}`) ?? s,
      );
      rowsOf.set(r.snapshotId, [...(rowsOf.get(r.snapshotId) ?? []), { deputy: r.code, total: pts(r.total), breakdown: b }]);
    }
    return snaps.map((p) => ({
      id: p.id,
      record: {
        year: p.year,
        month: p.month,
        revision: p.version,
        publishedAt: p.publishedAt,
        publishedBy: p.username ?? null,
        rows: sortByKey(rowsOf.get(p.id) ?? [], (x) => x.deputy),
      },
    }));
  },

  check(data, cx) {
    const out = new IssueList();
    data.forEach((r, i) => {
      const at = `pointsSnapshots[${i}]`;
      out.ref(cx.known, 'points_scheme', String(r.year), `${at}.year`, `${r.year} 年积分方案`);
      out.ref(cx.known, 'user', r.publishedBy, `${at}.publishedBy`);
      out.uniqueList(
        r.rows.map((x) => x.deputy),
        `${at}.rows`,
      );
      r.rows.forEach((row, j) => {
        const rat = `${at}.rows[${j}]`;
        out.ref(cx.known, 'deputy', row.deputy, `${rat}.deputy`);
        row.breakdown.lines.forEach((l, k) => {
          l.recordIds.forEach((ref, n) => {
            const [kind, key] = splitRef(ref);
            const keyKind = RECORD_KINDS[kind];
            if (!keyKind)
              out.add(`${rat}.breakdown.lines[${k}].recordIds[${n}]`, `“${ref}” 应为 <类型>:<编码>，类型为 ${Object.keys(RECORD_KINDS).join('、')}`);
            else out.ref(cx.known, keyKind, key, `${rat}.breakdown.lines[${k}].recordIds[${n}]`);
          });
        });
        row.breakdown.adjustments.forEach((a, k) => {
          out.ref(cx.known, 'points_adjustment', a.adjustment, `${rat}.breakdown.adjustments[${k}].adjustment`);
        });
      });
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId } = ictx;
    // Zero lines come back from the scheme's items (the scheme section was written earlier in this import).
    const schemes = await trx.selectFrom('pointsScheme').select(['year', 'items']).where('townId', '=', townId).execute();
    const itemsOf = new Map(schemes.map((x) => [x.year, JSON.parse(x.items) as SchemeItemOf[]]));
    const toIds = (b: Row['breakdown'], year: number) =>
      breakdownIn(
        b,
        itemsOf.get(year) ?? [],
        (s) => {
          const [kind, key] = splitRef(s);
          return `${kind}:${keys.id(RECORD_KINDS[kind], key)}`;
        },
        (s) => keys.id('points_adjustment', s),
      );
    const writeRows = (rows: { id: string; record: PointsSnapshotRecord }[]) =>
      insertMany(
        trx,
        'pointsSnapshotRow',
        rows.flatMap(({ id, record }) =>
          record.rows.map((r) => ({
            snapshotId: id,
            townId,
            deputyId: keys.id('deputy', r.deputy),
            total: r.total,
            breakdown: JSON.stringify(toIds(r.breakdown, record.year)),
          })),
        ),
      );
    return upsertRecords(ictx, data, keys, {
      kind: 'points_snapshot',
      keyOf: snapshotKey,
      entity: 'points_snapshot',
      noun: '积分月度公布',
      nameOf: (r) => `${r.month} 第${r.revision}版`,
      auditView: (r) => ({ year: r.year, month: r.month, revision: r.revision, publishedAt: r.publishedAt, publishedBy: r.publishedBy, rows: r.rows.length }),
      async insert(rows) {
        await insertMany(
          trx,
          'pointsSnapshot',
          rows.map(({ id, record: r }) => ({
            id,
            townId,
            schemeId: keys.id('points_scheme', String(r.year)),
            month: r.month,
            version: r.revision,
            publishedAt: r.publishedAt,
            publishedBy: keys.idOrNull('user', r.publishedBy),
          })),
        );
        await writeRows(rows);
      },
      // Like every section, the workbook may overwrite what it carries (audited as an update); the app itself
      // never changes a published month and republishes as a new revision instead.
      async update(rows) {
        for (const { id, after } of rows) {
          await trx
            .updateTable('pointsSnapshot')
            .set({ publishedAt: after.publishedAt, publishedBy: keys.idOrNull('user', after.publishedBy) })
            .where('townId', '=', townId)
            .where('id', '=', id)
            .execute();
        }
        await deleteChildren(
          trx,
          'pointsSnapshotRow',
          'snapshotId',
          rows.map((r) => r.id),
          townId,
        );
        await writeRows(rows.map((r) => ({ id: r.id, record: r.after })));
      },
    });
  },
});
