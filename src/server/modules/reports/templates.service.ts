import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { FACT_CATALOGUE, FACT_KEYS } from '../../../shared/report/catalogue.ts';
import { DEFAULT_TEMPLATE } from '../../../shared/report/default-template.ts';
import { type TemplateSet, pathField, templateProblems } from '../../../shared/report/template.ts';
import type { DB } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/unique.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import type { TemplateInput, TemplateUpdate } from './reports.schemas.ts';

/* A town's own report templates: a copy of the built-in one, edited in the browser. */

const STALE = '该模板已被他人修改，请刷新后再编辑';

export async function findTemplate(db: Kysely<DB>, townId: string, id: string) {
  return db.selectFrom('reportTemplate').selectAll().where('townId', '=', townId).where('id', '=', id).executeTakeFirst();
}

/** The template a report uses: the town's own, or the built-in one when none is named. */
export async function templateFor(db: Kysely<DB>, townId: string, templateId: string | null | undefined, field = 'body.templateId') {
  if (!templateId) return { id: null, name: '默认模板', body: DEFAULT_TEMPLATE };
  const t = await findTemplate(db, townId, templateId);
  if (!t) throw ValidationError.field(field, '模板不存在');
  return { id: t.id, name: t.name, body: JSON.parse(t.body) as TemplateSet };
}

function check(body: TemplateSet) {
  const problems = templateProblems(body, FACT_KEYS);
  if (problems.length > 0)
    throw new ValidationError(
      '模板有误',
      problems.map((p) => ({ field: `body.body.${pathField(p.path)}`, message: p.message })),
    );
}

const present = (t: { id: string; name: string; body: string; version: number; updatedAt: string }) => ({
  id: t.id,
  name: t.name,
  body: JSON.parse(t.body) as TemplateSet,
  version: t.version,
  updatedAt: t.updatedAt,
});

export async function listTemplates(ctx: Ctx) {
  const townId = townOf(ctx);
  const items = await ctx.db.selectFrom('reportTemplate').select(['id', 'name', 'version', 'updatedAt']).where('townId', '=', townId).orderBy('name').execute();
  return { items, builtIn: DEFAULT_TEMPLATE, facts: [...FACT_CATALOGUE] };
}

export async function getTemplate(ctx: Ctx, id: string) {
  const t = await findTemplate(ctx.db, townOf(ctx), id);
  if (!t) throw new NotFoundError('模板');
  return present(t);
}

const duplicate = () => ValidationError.field('body.name', '已有同名模板');

export async function createTemplate(ctx: Ctx, input: z.infer<typeof TemplateInput>) {
  const townId = townOf(ctx);
  const body = (input.body as TemplateSet | undefined) ?? DEFAULT_TEMPLATE;
  check(body);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const at = nowIso();
      const row = {
        id: newId(),
        townId,
        name: input.name,
        body: JSON.stringify(body),
        version: 1,
        createdBy: ctx.principal.userId,
        createdAt: at,
        updatedAt: at,
      };
      await trx.insertInto('reportTemplate').values(row).execute();
      await recordAudit(trx, ctx, {
        entity: 'report_template',
        entityId: row.id,
        action: 'create',
        summary: `新建报告模板 ${row.name}`,
        after: { name: row.name },
      });
      return present(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
}

export async function updateTemplate(ctx: Ctx, id: string, input: z.infer<typeof TemplateUpdate>) {
  const townId = townOf(ctx);
  if (input.body) check(input.body as TemplateSet);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const before = await findTemplate(trx, townId, id);
      if (!before) throw new NotFoundError('模板');
      if (before.version !== input.version) throw new ConflictError(STALE, { currentVersion: before.version });
      const patch = { name: input.name ?? before.name, body: input.body ? JSON.stringify(input.body) : before.body, updatedAt: nowIso() };
      await trx
        .updateTable('reportTemplate')
        .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
        .where('townId', '=', townId)
        .where('id', '=', id)
        .execute();
      const after = { ...before, ...patch, version: before.version + 1 };
      await recordAudit(trx, ctx, {
        entity: 'report_template',
        entityId: id,
        action: 'update',
        summary: `修改报告模板 ${after.name}`,
        before: { name: before.name, body: before.body },
        after: { name: after.name, body: after.body },
      });
      return present(after);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
}

export async function deleteTemplate(ctx: Ctx, id: string, version: number) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const t = await findTemplate(trx, townId, id);
    if (!t) throw new NotFoundError('模板');
    if (t.version !== version) throw new ConflictError(STALE, { currentVersion: t.version });
    const used = await trx.selectFrom('workReport').select('code').where('townId', '=', townId).where('templateId', '=', id).executeTakeFirst();
    if (used) throw new ConflictError(`模板已被报告 ${used.code} 使用，不能删除`);
    await trx.deleteFrom('reportTemplate').where('townId', '=', townId).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { entity: 'report_template', entityId: id, action: 'delete', summary: `删除报告模板 ${t.name}`, before: { name: t.name } });
  });
}
