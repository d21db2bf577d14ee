import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/principal.ts';
import { todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { notifyMany } from './notify.ts';
import { type OpenItem, planReminders } from './reminders.rules.ts';

/** States in which an office holds the item and its due date runs. */
const WITH_OFFICE = ['assigned', 'handling', 'rehandling'] as const;
/** The widest due-soon window a town may set (suggestion settings: 1–60 days). */
const MAX_SOON_DAYS = 60;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * One reminder run: every town's open items that are overdue or due soon, one town (the button) or all
 * (the daily run). Five queries and the inserts whatever the number of items; the insert skips what
 * each user already has today, so running twice — or on two servers at once — notifies once.
 * With `ctx` (a person pressed the button) the run is audited in the same transaction.
 */
export async function runReminders(db: Kysely<DB>, opts: { townId?: string; now?: Date; ctx?: Ctx } = {}): Promise<{ sent: number }> {
  const today = todayInChina(opts.now ?? new Date());
  let q = db
    .selectFrom('suggestion as s')
    .leftJoin('suggestionUnit as su', (j) => j.onRef('su.suggestionId', '=', 's.id').on('su.role', '=', 'lead'))
    .select(['s.id', 's.townId', 's.code', 's.title', 's.dueDate', 'su.unitId as leadUnitId'])
    .where('s.state', 'in', WITH_OFFICE)
    .where('s.dueDate', 'is not', null)
    .where('s.dueDate', '<=', addDays(today, MAX_SOON_DAYS));
  if (opts.townId) q = q.where('s.townId', '=', opts.townId);
  const items = (await q.execute()) as OpenItem[];

  const townIds = [...new Set(items.map((i) => i.townId))];
  const unitIds = [...new Set(items.flatMap((i) => (i.leadUnitId ? [i.leadUnitId] : [])))];
  const [settings, handlers, admins] = townIds.length
    ? await Promise.all([
        db.selectFrom('suggestionSettings').select(['townId', 'dueSoonDays']).where('townId', 'in', townIds).execute(),
        unitIds.length
          ? db
              .selectFrom('appUser')
              .select(['id', 'unitId'])
              .where('role', '=', 'handler')
              .where('active', '=', 1)
              .where('townId', 'in', townIds)
              .where('unitId', 'in', unitIds)
              .execute()
          : Promise.resolve([]),
        db.selectFrom('appUser').select(['id', 'townId']).where('role', '=', 'town_admin').where('active', '=', 1).where('townId', 'in', townIds).execute(),
      ])
    : [[], [], []];

  const handlersByUnit = new Map<string, string[]>();
  for (const h of handlers) if (h.unitId) handlersByUnit.set(h.unitId, [...(handlersByUnit.get(h.unitId) ?? []), h.id]);
  const adminsByTown = new Map<string, string[]>();
  for (const a of admins) if (a.townId) adminsByTown.set(a.townId, [...(adminsByTown.get(a.townId) ?? []), a.id]);
  const rows = planReminders(items, today, { handlersByUnit, adminsByTown, soonDaysByTown: new Map(settings.map((s) => [s.townId, s.dueSoonDays])) });

  return db.transaction().execute(async (trx) => {
    const sent = await notifyMany(trx, rows);
    const ctx = opts.ctx;
    if (ctx) {
      await recordAudit(trx, ctx, {
        entity: 'supervision',
        entityId: opts.townId ?? ctx.principal.townId ?? '',
        action: 'remind',
        summary: `发送催办提醒 ${sent} 条（${today}）`,
        after: { date: today, sent },
      });
    }
    return { sent };
  });
}
