import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { FACT_KEYS } from '../../../shared/report/catalogue.ts';
import { compareBodies } from '../../../shared/report/diff.ts';
import { type ReportBody, draft } from '../../../shared/report/draft.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import { fillText, segmentsOf } from '../../../shared/report/template.ts';
import type { DB } from '../../db/schema.ts';
import type { WorkReportTable } from '../../db/tables/reports.ts';
import { lockTownCodes } from '../../db/unique.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { townFacts } from '../report-facts/report-facts.service.ts';
import { buildDocx } from './docx/docx.build.ts';
import { bodyProblem, fileNameOf, filledParagraphs, markdownOf, periodOf, rangePeriod } from './reports.rules.ts';
import type { CompareQuery, FreezeInput, ReportInput, ReportQuery, ReportUpdate } from './reports.schemas.ts';
import { templateFor } from './templates.service.ts';

/*
 * Work reports (docs/design/work-report.md §4). The body keeps {{fact}} tokens, so the figures stay live
 * while staff edit; a frozen version stores the body and the facts as they were, so it never moves.
 */

type Row = Omit<WorkReportTable, 'version'> & { version: number };
const STALE = '该报告已被他人修改，请刷新后再编辑';

async function mustReport(db: Kysely<DB>, townId: string, id: string): Promise<Row> {
  const r = await db.selectFrom('workReport').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError('报告');
  return r;
}

async function townName(db: Kysely<DB>, townId: string) {
  const t = await db.selectFrom('town').select('name').where('id', '=', townId).executeTakeFirst();
  return t?.name ?? '';
}

export function rendered(body: ReportBody, facts: Facts) {
  return body.paragraphs.map((p) => ({
    id: p.id,
    kind: p.kind,
    ...(p.heading ? { heading: fillText(p.heading, facts) } : {}),
    segments: segmentsOf(p.text, facts),
  }));
}

async function versionsOf(db: Kysely<DB>, townId: string, reportId: string) {
  const rows = await db
    .selectFrom('workReportVersion as v')
    .leftJoin('appUser as u', 'u.id', 'v.frozenBy')
    .select(['v.number', 'v.frozenAt', 'u.displayName as frozenBy', 'v.note'])
    .where('v.townId', '=', townId)
    .where('v.reportId', '=', reportId)
    .orderBy('v.number')
    .execute();
  return rows.map((r) => ({ ...r, frozenBy: r.frozenBy ?? null }));
}

async function present(db: Kysely<DB>, r: Row, facts?: Facts) {
  const live = facts ?? (await townFacts(db, r.townId, { from: r.periodFrom, to: r.periodTo }));
  const body = JSON.parse(r.body) as ReportBody;
  const [versions, template] = await Promise.all([
    versionsOf(db, r.townId, r.id),
    r.templateId ? db.selectFrom('reportTemplate').select(['id', 'name']).where('id', '=', r.templateId).executeTakeFirst() : undefined,
  ]);
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    kind: r.kind,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    frozenNumber: r.frozenNumber,
    updatedAt: r.updatedAt,
    templateId: r.templateId,
    template: template ? { id: template.id, name: template.name } : { id: null, name: '默认模板' },
    body,
    facts: live,
    rendered: rendered(body, live),
    versions,
    version: r.version,
  };
}

export async function listReports(ctx: Ctx, q: z.infer<typeof ReportQuery>) {
  const townId = townOf(ctx);
  let base = ctx.db.selectFrom('workReport as r').where('r.townId', '=', townId);
  if (q.year) base = base.where('r.periodFrom', '<=', `${q.year}-12-31`).where('r.periodTo', '>=', `${q.year}-01-01`);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['r.id', 'r.code', 'r.title', 'r.kind', 'r.periodFrom', 'r.periodTo', 'r.frozenNumber', 'r.updatedAt'])
    .select((eb) =>
      eb
        .selectFrom('workReportVersion as v')
        .select((e2) => e2.fn.countAll<number>().as('c'))
        .whereRef('v.reportId', '=', 'r.id')
        .as('versions'),
    )
    .orderBy('r.periodTo', 'desc')
    .orderBy('r.code', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map((r) => ({ ...r, versions: Number(r.versions ?? 0) })), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

export async function getReport(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  return present(ctx.db, await mustReport(ctx.db, townId, id));
}

async function nextCode(trx: Kysely<DB>, townId: string): Promise<string> {
  const rows = await trx.selectFrom('workReport').select('code').where('townId', '=', townId).execute();
  const max = rows.reduce((m, r) => Math.max(m, /^BG\d+$/.test(r.code) ? Number(r.code.slice(2)) : 0), 0);
  return `BG${String(max + 1).padStart(4, '0')}`;
}

/** The words of a stored or requested period; a bad range is a 400 naming the query field. */
export function metaOfRange(from: string, to: string) {
  const p = rangePeriod(from, to);
  if ('field' in p) throw ValidationError.field(p.field.replace('body.', 'query.'), p.message);
  return p.meta;
}

/** The draft of a town's period from a template, without storing anything (exports in one step, the CLI). */
export async function draftFor(db: Kysely<DB>, townId: string, from: string, to: string, templateId?: string | null, now = new Date()) {
  const meta = metaOfRange(from, to);
  const [template, facts, name] = await Promise.all([
    templateFor(db, townId, templateId, 'query.templateId'),
    townFacts(db, townId, { from, to }, now),
    townName(db, townId),
  ]);
  return { body: draft(template.body, facts, { townName: name, ...meta }), facts };
}

export async function createReport(ctx: Ctx, input: z.infer<typeof ReportInput>, now = new Date()) {
  const townId = townOf(ctx);
  const period = periodOf(input);
  if ('field' in period) throw ValidationError.field(period.field, period.message);
  const template = await templateFor(ctx.db, townId, input.templateId);
  const [facts, name] = await Promise.all([townFacts(ctx.db, townId, period, now), townName(ctx.db, townId)]);
  const body = draft(template.body, facts, { townName: name, ...period.meta });
  if (input.title) body.title = input.title;
  return ctx.db.transaction().execute(async (trx) => {
    await lockTownCodes(trx, townId);
    const at = nowIso();
    const row: Row = {
      id: newId(),
      townId,
      code: await nextCode(trx, townId),
      title: body.title,
      kind: input.kind,
      periodFrom: period.from,
      periodTo: period.to,
      templateId: template.id,
      body: JSON.stringify(body),
      frozenNumber: null,
      version: 1,
      createdBy: ctx.principal.userId,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('workReport').values(row).execute();
    await recordAudit(trx, ctx, {
      entity: 'work_report',
      entityId: row.id,
      action: 'create',
      summary: `生成工作总结 ${row.code} ${row.title}`,
      after: { code: row.code, title: row.title, periodFrom: row.periodFrom, periodTo: row.periodTo, template: template.name },
    });
    return present(trx, row, facts);
  });
}

export async function updateReport(ctx: Ctx, id: string, input: z.infer<typeof ReportUpdate>) {
  const townId = townOf(ctx);
  if (input.body) {
    const problem = bodyProblem(input.body as ReportBody, FACT_KEYS);
    if (problem) throw ValidationError.field(problem.field, problem.message);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const before = await mustReport(trx, townId, id);
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    const body = (input.body as ReportBody | undefined) ?? (JSON.parse(before.body) as ReportBody);
    if (input.title) body.title = input.title;
    const next = JSON.stringify(body);
    const changed = next !== before.body;
    const patch = { title: body.title, body: next, frozenNumber: changed ? null : before.frozenNumber, updatedAt: nowIso() };
    await trx
      .updateTable('workReport')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('townId', '=', townId)
      .where('id', '=', id)
      .execute();
    // The audit names the paragraphs that changed rather than copying the whole text twice.
    const old = JSON.parse(before.body) as ReportBody;
    const diff = compareBodies(old, body).changes.filter((c) => c.op !== 'same');
    await recordAudit(trx, ctx, {
      entity: 'work_report',
      entityId: id,
      action: 'update',
      summary: `修改工作总结 ${before.code}：${diff.length} 段变动`,
      before: { title: old.title, paragraphs: diff.filter((c) => 'a' in c).map((c) => ('a' in c ? c.a.text : '')) },
      after: { title: body.title, paragraphs: diff.filter((c) => 'b' in c).map((c) => ('b' in c ? c.b.text : '')) },
    });
    return present(trx, { ...before, ...patch, version: before.version + 1 });
  });
}

/** A fresh draft from the template and today's facts; the current text is replaced (it is kept only if frozen). */
export async function regenerateReport(ctx: Ctx, id: string, version: number, now = new Date()) {
  const townId = townOf(ctx);
  const r = await mustReport(ctx.db, townId, id);
  const template = await templateFor(ctx.db, townId, r.templateId);
  const [facts, name] = await Promise.all([townFacts(ctx.db, townId, { from: r.periodFrom, to: r.periodTo }, now), townName(ctx.db, townId)]);
  const body = draft(template.body, facts, { townName: name, ...metaOfRange(r.periodFrom, r.periodTo) });
  return ctx.db.transaction().execute(async (trx) => {
    const before = await mustReport(trx, townId, id);
    if (before.version !== version) throw new ConflictError(STALE, { currentVersion: before.version });
    const patch = { title: body.title, body: JSON.stringify(body), frozenNumber: null, updatedAt: nowIso() };
    await trx
      .updateTable('workReport')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('townId', '=', townId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, { entity: 'work_report', entityId: id, action: 'regenerate', summary: `按模板重新生成工作总结 ${before.code}` });
    return present(trx, { ...before, ...patch, version: before.version + 1 }, facts);
  });
}

export async function freezeReport(ctx: Ctx, id: string, input: z.infer<typeof FreezeInput>, now = new Date()) {
  const townId = townOf(ctx);
  const r = await mustReport(ctx.db, townId, id);
  const facts = await townFacts(ctx.db, townId, { from: r.periodFrom, to: r.periodTo }, now);
  return ctx.db.transaction().execute(async (trx) => {
    await lockTownCodes(trx, townId);
    const before = await mustReport(trx, townId, id);
    if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
    const last = await trx
      .selectFrom('workReportVersion')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('townId', '=', townId)
      .where('reportId', '=', id)
      .executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    await trx
      .insertInto('workReportVersion')
      .values({
        id: newId(),
        townId,
        reportId: id,
        number,
        body: before.body,
        facts: JSON.stringify(facts),
        note: input.note ?? '',
        frozenAt: nowIso(),
        frozenBy: ctx.principal.userId,
      })
      .execute();
    await trx
      .updateTable('workReport')
      .set((eb) => ({ frozenNumber: number, updatedAt: nowIso(), version: eb('version', '+', 1) }))
      .where('townId', '=', townId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      entity: 'work_report',
      entityId: id,
      action: 'freeze',
      summary: `工作总结 ${before.code} 定稿为第 ${number} 版`,
      after: { number, note: input.note ?? '' },
    });
    return { number };
  });
}

async function mustVersion(db: Kysely<DB>, townId: string, reportId: string, number: number) {
  const v = await db
    .selectFrom('workReportVersion as v')
    .leftJoin('appUser as u', 'u.id', 'v.frozenBy')
    .select(['v.number', 'v.body', 'v.facts', 'v.note', 'v.frozenAt', 'u.displayName as frozenBy'])
    .where('v.townId', '=', townId)
    .where('v.reportId', '=', reportId)
    .where('v.number', '=', number)
    .executeTakeFirst();
  if (!v) throw new NotFoundError('版本');
  const body = JSON.parse(v.body) as ReportBody;
  const facts = JSON.parse(v.facts) as Facts;
  return { number: v.number, note: v.note, frozenAt: v.frozenAt, frozenBy: v.frozenBy ?? null, body, facts, rendered: rendered(body, facts) };
}

export async function getVersion(ctx: Ctx, id: string, number: number) {
  const townId = townOf(ctx);
  await mustReport(ctx.db, townId, id);
  return mustVersion(ctx.db, townId, id, number);
}

/** A body with its figures written in, so a changed figure compares as changed text. */
function filledBody(body: ReportBody, facts: Facts): ReportBody {
  return {
    title: body.title,
    paragraphs: body.paragraphs.map((p) => ({ ...p, ...(p.heading ? { heading: fillText(p.heading, facts) } : {}), text: fillText(p.text, facts) })),
  };
}

export async function compareVersions(ctx: Ctx, id: string, q: z.infer<typeof CompareQuery>) {
  const townId = townOf(ctx);
  const r = await mustReport(ctx.db, townId, id);
  const side = async (s: 'current' | number) => {
    if (s === 'current') return filledBody(JSON.parse(r.body) as ReportBody, await townFacts(ctx.db, townId, { from: r.periodFrom, to: r.periodTo }));
    const v = await mustVersion(ctx.db, townId, id, s);
    return filledBody(v.body, v.facts);
  };
  const [a, b] = await Promise.all([side(q.a), side(q.b)]);
  return { a: String(q.a), b: String(q.b), ...compareBodies(a, b) };
}

export type ExportFile = { fileName: string; contentType: string; data: Buffer | string };

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

export async function exportBody(
  format: 'docx' | 'md' | 'json',
  body: ReportBody,
  facts: Facts,
  meta: { town: string; from: string; to: string },
): Promise<ExportFile> {
  const paragraphs = filledParagraphs(body, facts);
  const fileName = fileNameOf(body.title, format);
  if (format === 'docx') return { fileName, contentType: CONTENT_TYPES.docx, data: await buildDocx({ title: body.title, paragraphs }) };
  if (format === 'md') return { fileName, contentType: CONTENT_TYPES.md, data: markdownOf(body.title, paragraphs) };
  const json = { town: meta.town, period: { from: meta.from, to: meta.to }, title: body.title, paragraphs, facts };
  return { fileName, contentType: CONTENT_TYPES.json, data: JSON.stringify(json, null, 2) };
}

export async function exportReport(ctx: Ctx, id: string, format: 'docx' | 'md' | 'json', version?: number) {
  const townId = townOf(ctx);
  const r = await mustReport(ctx.db, townId, id);
  const town = await townName(ctx.db, townId);
  if (version) {
    const v = await mustVersion(ctx.db, townId, id, version);
    return exportBody(format, v.body, v.facts, { town, from: r.periodFrom, to: r.periodTo });
  }
  const facts = await townFacts(ctx.db, townId, { from: r.periodFrom, to: r.periodTo });
  return exportBody(format, JSON.parse(r.body) as ReportBody, facts, { town, from: r.periodFrom, to: r.periodTo });
}

/** Draft and export in one step for any period, storing nothing (also what `renda report` does). */
export async function exportDraft(db: Kysely<DB>, townId: string, format: 'docx' | 'md' | 'json', from: string, to: string, templateId?: string | null) {
  const { body, facts } = await draftFor(db, townId, from, to, templateId);
  return exportBody(format, body, facts, { town: await townName(db, townId), from, to });
}
