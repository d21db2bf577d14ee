import type { z } from 'zod';
import { ForbiddenError } from '../../http/errors.ts';
import { ADMINS, type Ctx, townOf } from '../../http/principal.ts';
import { nowIso, todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { holidaysOfYear, loadSettings, replaceHolidays, saveSettings } from './settings.repo.ts';
import { type SuggestionSettings, allSettingsProblems, holidayProblems } from './settings.rules.ts';
import type { HolidayQuery, HolidaysInput, SettingsInput } from './settings.schemas.ts';
import { badInput } from './suggestions.errors.ts';

function assertAdmin(ctx: Ctx): void {
  // The routes hold writes to admins already; this keeps the service safe if a route is ever widened.
  if (!ADMINS.includes(ctx.principal.role)) throw new ForbiddenError('只有镇人大可以修改建议办理设置');
}

/** The town's settings; the defaults (version 0) until an administrator saves them. */
export function getSettings(ctx: Ctx) {
  return loadSettings(ctx.db, townOf(ctx));
}

const auditView = (s: SuggestionSettings) => ({
  categories: s.categories.join('、'),
  grades: s.grades.map((g) => `${g.code} ${g.label}${g.followUp ? '（跟踪）' : ''}`).join('；'),
  replyMonths: s.replyMonths,
  returnWorkingDays: s.returnWorkingDays,
  rehandleDays: s.rehandleDays,
  dueSoonDays: s.dueSoonDays,
});

export async function putSettings(ctx: Ctx, input: z.infer<typeof SettingsInput>) {
  assertAdmin(ctx);
  const townId = townOf(ctx);
  const { version, ...s } = input;
  const problems = allSettingsProblems(s);
  if (problems.length) throw badInput(problems.map((p) => ({ field: `body.${p.field}`, message: p.message })));
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadSettings(trx, townId);
    await saveSettings(trx, townId, version, s, nowIso());
    await recordAudit(trx, ctx, {
      entity: 'suggestion_settings',
      entityId: townId,
      action: 'update',
      summary: '修改建议办理设置',
      before: auditView(before),
      after: auditView(s),
    });
  });
  return loadSettings(ctx.db, townId);
}

export async function getHolidays(ctx: Ctx, q: z.infer<typeof HolidayQuery>, now = new Date()) {
  const townId = townOf(ctx);
  const year = q.year ?? Number(todayInChina(now).slice(0, 4));
  return { year, items: await holidaysOfYear(ctx.db, townId, year) };
}

/** Replace a year's list of public holidays and make-up working days (调休上班). */
export async function putHolidays(ctx: Ctx, year: number, input: z.infer<typeof HolidaysInput>) {
  assertAdmin(ctx);
  const townId = townOf(ctx);
  const items = input.items.map((h) => ({ date: h.date, kind: h.kind, name: h.name ?? '' })).sort((a, b) => a.date.localeCompare(b.date));
  // Problems are reported against the positions the client sent.
  const problems = holidayProblems(
    year,
    input.items.map((h) => ({ date: h.date, kind: h.kind, name: h.name ?? '' })),
  );
  if (problems.length) throw badInput(problems.map((p) => ({ field: `body.${p.field}`, message: p.message })));
  const line = (list: { date: string; kind: string }[]) => list.map((h) => `${h.date}${h.kind === 'workday' ? '（调休上班）' : ''}`).join('、');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await holidaysOfYear(trx, townId, year);
    await replaceHolidays(trx, townId, year, items);
    await recordAudit(trx, ctx, {
      entity: 'town_holiday',
      entityId: `${townId}:${year}`,
      action: 'replace',
      summary: `修改 ${year} 年节假日安排（${items.length} 天）`,
      before: { days: line(before) },
      after: { days: line(items) },
    });
  });
  return { year, items: await holidaysOfYear(ctx.db, townId, year) };
}
