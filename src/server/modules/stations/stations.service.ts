import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { assertUniqueInTown } from '../../db/unique.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { maskPhone } from '../../lib/mask.ts';
import { nowIso, todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import {
  type ScheduleRule,
  ScheduleRuleSchema,
  addMonths,
  describeSchedule,
  expandSchedule,
  nextDates,
  normalizeRule,
  rangeProblem,
} from './schedule.rules.ts';
import {
  type StationCounts,
  type StationRow,
  type StationWithHead,
  countsByStation,
  deputiesIn,
  findStation,
  listStationsWithHead,
  nextStationCode,
  replaceStationVillages,
  setDeputiesStation,
  stationDeputies,
  stationLiaisons,
  stationVillages,
  touchStations,
  villagesCoveredElsewhere,
  villagesIn,
} from './stations.repo.ts';
import type { ReceptionDaysQuery, StationDeputiesInput, StationInput, StationUpdate, StationVillagesInput } from './stations.schemas.ts';

const NEXT_RECEPTION_DAYS = 5;
/** The default window of GET reception-days when the caller gives no end. */
const DEFAULT_WINDOW_MONTHS = 3;

/** A stored rule that no longer parses (hand-edited, older format) reads as "no schedule" rather than failing the page. */
export function storedRule(json: string | null): ScheduleRule | null {
  if (!json) return null;
  try {
    const raw = JSON.parse(json);
    // Rules written by other paths (workbook import) may repeat a day; read them as the set they mean.
    for (const k of ['days', 'weekdays']) if (Array.isArray(raw?.[k])) raw[k] = [...new Set(raw[k])];
    const r = ScheduleRuleSchema.safeParse(raw);
    return r.success ? normalizeRule(r.data as ScheduleRule) : null;
  } catch {
    return null;
  }
}

function presentSummary(r: StationWithHead, c: StationCounts | undefined) {
  const rule = storedRule(r.scheduleRule);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    address: r.address,
    phone: r.phone,
    headDeputyId: r.headDeputyId,
    headDeputyName: r.headDeputyName,
    villageCount: c?.villages ?? 0,
    deputyCount: c?.deputies ?? 0,
    liaisonCount: c?.liaisons ?? 0,
    scheduleText: rule ? describeSchedule(rule) : '',
  };
}

/** What the audit log keeps of a station: the head by name and the schedule in words, so the log reads on its own. */
function auditView(r: StationRow, headDeputyName: string | null) {
  const rule = storedRule(r.scheduleRule);
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    address: r.address,
    phone: r.phone,
    headDeputy: headDeputyName,
    description: r.description,
    schedule: rule ? describeSchedule(rule) : null,
  };
}

const canSeePhones = (ctx: Ctx) => ctx.principal.role !== 'deputy' && ctx.principal.role !== 'handler';

export async function listStations(ctx: Ctx) {
  const townId = townOf(ctx);
  const [rows, counts] = await Promise.all([listStationsWithHead(ctx.db, townId), countsByStation(ctx.db, townId)]);
  return rows.map((r) => presentSummary(r, counts.get(r.id)));
}

export async function getStation(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const [row] = await listStationsWithHead(ctx.db, townId, id);
  if (!row) throw new NotFoundError('联络站');
  const [counts, villages, deputies, liaisons] = await Promise.all([
    countsByStation(ctx.db, townId, id),
    stationVillages(ctx.db, townId, id),
    stationDeputies(ctx.db, townId, id),
    stationLiaisons(ctx.db, townId, id),
  ]);
  const rule = storedRule(row.scheduleRule);
  const phones = canSeePhones(ctx);
  return {
    ...presentSummary(row, counts.get(id)),
    description: row.description,
    scheduleRule: rule,
    villages,
    deputies: deputies.map((d) => ({ ...d, isTownLevel: d.isTownLevel === 1, isCountyLevel: d.isCountyLevel === 1 })),
    liaisons: liaisons.map((l) => ({ ...l, phone: phones ? l.phone : maskPhone(l.phone) })),
    nextReceptionDays: rule ? nextDates(rule, todayInChina(), NEXT_RECEPTION_DAYS) : [],
    version: row.version,
  };
}

export async function receptionDays(ctx: Ctx, id: string, q: z.infer<typeof ReceptionDaysQuery>) {
  const row = await findStation(ctx.db, townOf(ctx), id);
  if (!row) throw new NotFoundError('联络站');
  const from = q.from ?? todayInChina();
  // Checked before the default end is computed from the start, so a bad start is a 400 naming it.
  const problem = rangeProblem(from, q.to ?? from);
  if (problem) throw ValidationError.field(`querystring.${problem.field}`, problem.message);
  const to = q.to ?? addMonths(from, DEFAULT_WINDOW_MONTHS);
  const rule = storedRule(row.scheduleRule);
  return { rule, text: rule ? describeSchedule(rule) : '', dates: rule ? expandSchedule(rule, from, to) : [] };
}

/** The head must be a deputy of this town; returns the name for the audit log. */
async function headDeputyName(db: Kysely<DB>, townId: string, headDeputyId: string | null | undefined): Promise<string | null> {
  if (!headDeputyId) return null;
  const [d] = await deputiesIn(db, townId, [headDeputyId]);
  if (!d) throw ValidationError.field('body.headDeputyId', '所选代表不是本镇代表');
  return d.name;
}

const ruleJson = (r: ScheduleRule | null | undefined) => (r ? JSON.stringify(normalizeRule(r)) : null);

export async function createStation(ctx: Ctx, input: z.infer<typeof StationInput>) {
  const townId = townOf(ctx);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const code = input.code || (await nextStationCode(trx, townId));
    await assertUniqueInTown(trx, 'station', townId, { code, name: input.name });
    const headName = await headDeputyName(trx, townId, input.headDeputyId);
    const ts = nowIso();
    const row: StationRow = {
      id: newId(),
      townId,
      code,
      name: input.name,
      kind: input.kind,
      address: input.address ?? '',
      phone: input.phone || null,
      headDeputyId: input.headDeputyId ?? null,
      scheduleRule: ruleJson(input.scheduleRule as ScheduleRule | null | undefined),
      description: input.description ?? '',
      version: 1,
      createdAt: ts,
      updatedAt: ts,
    };
    await trx.insertInto('station').values(row).execute();
    await recordAudit(trx, ctx, { entity: 'station', entityId: row.id, action: 'create', summary: `新增联络站 ${row.name}`, after: auditView(row, headName) });
    return row.id;
  });
  return getStation(ctx, id);
}

export async function updateStation(ctx: Ctx, id: string, input: z.infer<typeof StationUpdate>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const [before] = await listStationsWithHead(trx, townId, id);
    if (!before) throw new NotFoundError('联络站');
    assertVersion(before, input.version);
    const { headDeputyName: beforeHead, ...old } = before;
    const patch: Partial<StationRow> = {};
    if (input.code !== undefined && input.code !== '') patch.code = input.code;
    if (input.name !== undefined) patch.name = input.name;
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.address !== undefined) patch.address = input.address;
    if (input.phone !== undefined) patch.phone = input.phone || null;
    if (input.headDeputyId !== undefined) patch.headDeputyId = input.headDeputyId;
    if (input.description !== undefined) patch.description = input.description;
    if (input.scheduleRule !== undefined) patch.scheduleRule = ruleJson(input.scheduleRule as ScheduleRule | null);
    await assertUniqueInTown(trx, 'station', townId, { code: patch.code, name: patch.name }, id);
    const headName = patch.headDeputyId === undefined ? beforeHead : await headDeputyName(trx, townId, patch.headDeputyId);
    const after: StationRow = { ...old, ...patch, version: before.version + 1, updatedAt: nowIso() };
    await updateVersioned(trx, 'station', { townId }, id, input.version, { ...patch, updatedAt: after.updatedAt });
    await recordAudit(trx, ctx, {
      entity: 'station',
      entityId: id,
      action: 'update',
      summary: `修改联络站 ${after.name}`,
      before: auditView(old, beforeHead),
      after: auditView(after, headName),
    });
  });
  return getStation(ctx, id);
}

export async function setStationVillages(ctx: Ctx, id: string, input: z.infer<typeof StationVillagesInput>) {
  const townId = townOf(ctx);
  const ids = [...new Set(input.villageIds)];
  await ctx.db.transaction().execute(async (trx) => {
    const station = await findStation(trx, townId, id);
    if (!station) throw new NotFoundError('联络站');
    const found = await villagesIn(trx, townId, ids);
    const missing = ids.find((v) => !found.some((f) => f.id === v));
    if (missing) throw ValidationError.field('body.villageIds', `村(社区) ${missing} 不存在或不属于本镇`);
    const taken = await villagesCoveredElsewhere(trx, townId, id, ids);
    if (taken.length) {
      const t = taken[0];
      const message = `${t.villageName} 已由 ${t.stationName} 覆盖，一个村(社区)只能由一个联络站覆盖`;
      throw new ConflictError(message, { issues: [{ field: 'body.villageIds', message }] });
    }
    // The list belongs to the station: changing it moves the station's version on, so two editors of
    // the same list cannot silently overwrite each other.
    await updateVersioned(trx, 'station', { townId }, id, input.version, { updatedAt: nowIso() });
    const before = await stationVillages(trx, townId, id);
    await replaceStationVillages(trx, townId, id, ids);
    const names = (vs: { code: string; name: string }[]) => [...vs].sort((a, b) => a.code.localeCompare(b.code)).map((v) => v.name);
    await recordAudit(trx, ctx, {
      entity: 'station',
      entityId: id,
      action: 'set_villages',
      summary: `调整联络站 ${station.name} 覆盖的村(社区)`,
      before: { villages: names(before) },
      after: { villages: names(found) },
    });
  });
  return getStation(ctx, id);
}

export async function setStationDeputies(ctx: Ctx, id: string, input: z.infer<typeof StationDeputiesInput>) {
  const townId = townOf(ctx);
  const ids = [...new Set(input.deputyIds)];
  await ctx.db.transaction().execute(async (trx) => {
    const station = await findStation(trx, townId, id);
    if (!station) throw new NotFoundError('联络站');
    const found = await deputiesIn(trx, townId, ids);
    const missing = ids.find((d) => !found.some((f) => f.id === d));
    if (missing) throw ValidationError.field('body.deputyIds', `代表 ${missing} 不存在或不属于本镇`);
    await updateVersioned(trx, 'station', { townId }, id, input.version, { updatedAt: nowIso() });
    const before = await stationDeputies(trx, townId, id);
    const keep = new Set(ids);
    const removed = before.filter((d) => !keep.has(d.id)).map((d) => d.id);
    const added = found.filter((d) => d.stationId !== id).map((d) => d.id);
    const ts = nowIso();
    await setDeputiesStation(trx, townId, removed, null, ts);
    await setDeputiesStation(trx, townId, added, id, ts);
    // The stations the added deputies came from lost them: their lists changed too.
    await touchStations(
      trx,
      townId,
      found.filter((d) => d.stationId !== id).map((d) => d.stationId),
      ts,
    );
    const label = (ds: { code: string; name: string }[]) => [...ds].sort((a, b) => a.code.localeCompare(b.code)).map((d) => `${d.code} ${d.name}`);
    await recordAudit(trx, ctx, {
      entity: 'station',
      entityId: id,
      action: 'set_deputies',
      summary: `调整联络站 ${station.name} 的代表（新增 ${added.length} 名，移出 ${removed.length} 名）`,
      before: { deputies: label(before) },
      after: { deputies: label(found) },
    });
  });
  return getStation(ctx, id);
}
