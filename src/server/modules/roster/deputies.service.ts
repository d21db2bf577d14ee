import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Updateable } from 'kysely';
import type { DB, DeputyTable } from '../../db/schema.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { maskIdNumber, maskPhone } from '../../lib/mask.ts';
import { nowIso, todayInChina } from '../../lib/time.ts';
import { touchStations } from '../stations/stations.repo.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import {
  type DeputyRow,
  type DeputyView,
  autoCodes,
  findConstituency,
  findDeputy,
  findDeputyPhoto,
  findDeputyView,
  findHolders,
  findStation,
  findTerm,
  listDeputies,
  statsRows,
} from './deputies.repo.ts';
import type { DeputyFilterT, DeputyInput, DeputyQuery, DeputyUpdate, StatusInput } from './deputies.schemas.ts';
import {
  AGE_BANDS,
  DEFAULT_ETHNICITY,
  GENDERS,
  OCCUPATIONS,
  PARTIES,
  STATUS_LABELS,
  type Viewer,
  ageAt,
  ageBand,
  applyStatusChange,
  autoCodeCounter,
  canSeePhone,
  deputyProblems,
  detailLevel,
  idNumberInfo,
  normalizeIdNumber,
  normalizePhone,
  termName,
} from './deputy.rules.ts';

export const NOT_FOUND = '代表';

export function viewerOf(ctx: Ctx): Viewer {
  return { role: ctx.principal.role, deputyId: ctx.principal.deputyId };
}

/**
 * The personal fields of a deputy as this viewer may see them (see detailLevel). The list, the record
 * and the Excel export all go through here, so they cannot disagree.
 */
export function visiblePersonal(r: DeputyRow, viewer: Viewer) {
  const level = detailLevel(viewer, r.id);
  return {
    phone: canSeePhone(viewer, r.id) ? r.phone : maskPhone(r.phone),
    idNumber: level === 'full' ? maskIdNumber(r.idNumber) : null,
    birthDate: level === 'full' ? r.birthDate : null,
    statusReason: level === 'names' ? null : r.statusReason,
    hardship: level === 'names' ? 0 : r.hardship,
    notes: level === 'names' ? '' : r.notes,
  };
}

/** The API shape of a deputy: personal fields by role (visiblePersonal); the age stays for every role. */
export function presentDeputy(r: DeputyView, viewer: Viewer, today = todayInChina()) {
  const p = visiblePersonal(r, viewer);
  return {
    id: r.id,
    code: r.code,
    termId: r.termId,
    termName: termName(r.termNumber),
    name: r.name,
    gender: r.gender,
    birthDate: p.birthDate,
    age: ageAt(r.birthDate, today),
    ethnicity: r.ethnicity,
    party: r.party,
    isTownLevel: r.isTownLevel === 1,
    isCountyLevel: r.isCountyLevel === 1,
    constituencyId: r.constituencyId,
    constituencyName: r.constituencyName,
    stationId: r.stationId,
    stationName: r.stationName,
    occupation: r.occupation,
    workplace: r.workplace,
    title: r.title,
    phone: p.phone,
    idNumber: p.idNumber,
    status: r.status,
    statusDate: r.statusDate,
    statusReason: p.statusReason,
    hardship: p.hardship === 1,
    hasPhoto: r.hasPhoto === 1,
    notes: p.notes,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** What the audit log compares: the stored fields, photo reduced to a flag (audit.repo masks the numbers). */
function auditView(r: object) {
  const { townId: _t, createdAt: _c, updatedAt: _u, version: _v, ...rest } = r as Record<string, unknown>;
  delete rest.hasPhoto;
  delete rest.termNumber;
  delete rest.constituencyName;
  delete rest.stationName;
  return rest;
}

async function mustView(db: Kysely<DB>, townId: string, id: string) {
  const v = await findDeputyView(db, townId, id);
  if (!v) throw new NotFoundError(NOT_FOUND);
  return v;
}

function issuesError(problems: { field: string; message: string }[], prefix = 'body.'): ValidationError {
  return ValidationError.of(problems.map((p) => ({ field: `${prefix}${p.field}`, message: p.message })));
}

/** Term, constituency and station must all be this town's, and the constituency of that term. */
async function checkRefs(db: Kysely<DB>, townId: string, d: { termId: string; constituencyId: string | null; stationId: string | null }) {
  const [term, cons, station] = await Promise.all([
    findTerm(db, townId, d.termId),
    d.constituencyId ? findConstituency(db, townId, d.constituencyId) : Promise.resolve(null),
    d.stationId ? findStation(db, townId, d.stationId) : Promise.resolve(null),
  ]);
  if (!term) throw ValidationError.field('body.termId', '届次不存在');
  if (d.constituencyId) {
    if (!cons) throw ValidationError.field('body.constituencyId', '选区不存在');
    if (cons.termId !== d.termId) throw ValidationError.field('body.constituencyId', '选区不属于所选届次');
  }
  if (d.stationId && !station) throw ValidationError.field('body.stationId', '联络站不存在');
}

async function checkUnique(db: Kysely<DB>, townId: string, d: { code: string; idNumber: string | null }, exceptId?: string) {
  const holders = await findHolders(db, townId, d, exceptId);
  const byCode = holders.find((h) => h.code === d.code);
  if (byCode) throw new ConflictError(`编码 “${d.code}” 已被代表 ${byCode.name} 使用`, { issues: [{ field: 'body.code', message: '已存在' }] });
  const byId = holders.find((h) => d.idNumber && h.idNumber === d.idNumber);
  if (byId) throw new ConflictError(`身份证号已被代表 ${byId.name}（${byId.code}）使用`, { issues: [{ field: 'body.idNumber', message: '已存在' }] });
}

function cleanText(s: string | null | undefined): string {
  return s?.trim() ?? '';
}

function orNull(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

export async function listDeputiesUseCase(ctx: Ctx, q: z.infer<typeof DeputyQuery>) {
  const townId = townOf(ctx);
  const { page, pageSize, ...filter } = q;
  const { rows, total } = await listDeputies(ctx.db, townId, filter, { limit: pageSize, offset: (page - 1) * pageSize });
  const viewer = viewerOf(ctx);
  const today = todayInChina();
  return { items: rows.map((r) => presentDeputy(r, viewer, today)), total, page, pageSize };
}

/** Every deputy matching the filters, for the export. */
export async function listAllDeputies(ctx: Ctx, filter: DeputyFilterT) {
  return (await listDeputies(ctx.db, townOf(ctx), filter)).rows;
}

export async function getDeputy(ctx: Ctx, id: string) {
  return presentDeputy(await mustView(ctx.db, townOf(ctx), id), viewerOf(ctx));
}

export async function createDeputy(ctx: Ctx, input: z.infer<typeof DeputyInput>) {
  const townId = townOf(ctx);
  const today = todayInChina();
  const idNumber = input.idNumber ? normalizeIdNumber(input.idNumber) : null;
  const birthDate = input.birthDate || (idNumber ? idNumberInfo(idNumber).birthDate : null);
  const problems = deputyProblems({ gender: input.gender, birthDate, idNumber, isTownLevel: input.isTownLevel, isCountyLevel: input.isCountyLevel }, today);
  if (problems.length) throw issuesError(problems);
  const constituencyId = orNull(input.constituencyId);
  const stationId = orNull(input.stationId);
  return ctx.db.transaction().execute(async (trx) => {
    await checkRefs(trx, townId, { termId: input.termId, constituencyId, stationId });
    const code = input.code || autoCodeCounter(await autoCodes(trx, townId))();
    await checkUnique(trx, townId, { code, idNumber });
    const ts = nowIso();
    const row = {
      id: newId(),
      townId,
      termId: input.termId,
      code,
      name: input.name,
      gender: input.gender,
      birthDate,
      ethnicity: input.ethnicity ?? DEFAULT_ETHNICITY,
      party: input.party,
      isTownLevel: input.isTownLevel ? 1 : 0,
      isCountyLevel: input.isCountyLevel ? 1 : 0,
      constituencyId,
      stationId,
      occupation: input.occupation,
      workplace: cleanText(input.workplace),
      title: cleanText(input.title),
      phone: input.phone ? normalizePhone(input.phone) : null,
      idNumber,
      status: 'serving' as const,
      statusDate: null,
      statusReason: null,
      hardship: input.hardship ? 1 : 0,
      photo: null,
      notes: cleanText(input.notes),
      version: 1,
      createdAt: ts,
      updatedAt: ts,
    };
    await trx.insertInto('deputy').values(row).execute();
    await recordAudit(trx, ctx, { entity: 'deputy', entityId: row.id, action: 'create', summary: `新增代表 ${row.name}`, after: auditView(row) });
    return presentDeputy(await mustView(trx, townId, row.id), viewerOf(ctx), today);
  });
}

export async function updateDeputy(ctx: Ctx, id: string, input: z.infer<typeof DeputyUpdate>) {
  const townId = townOf(ctx);
  const today = todayInChina();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findDeputy(trx, townId, id);
    if (!before) throw new NotFoundError(NOT_FOUND);
    assertVersion(before, input.version);
    const { version: _v, ...p } = input;
    const patch: Updateable<DeputyTable> = {};
    if (p.code !== undefined && p.code !== '') patch.code = p.code;
    if (p.termId !== undefined) patch.termId = p.termId;
    if (p.name !== undefined) patch.name = p.name;
    if (p.gender !== undefined) patch.gender = p.gender;
    if (p.birthDate !== undefined) patch.birthDate = p.birthDate || null;
    if (p.ethnicity !== undefined) patch.ethnicity = p.ethnicity;
    if (p.party !== undefined) patch.party = p.party;
    if (p.isTownLevel !== undefined) patch.isTownLevel = p.isTownLevel ? 1 : 0;
    if (p.isCountyLevel !== undefined) patch.isCountyLevel = p.isCountyLevel ? 1 : 0;
    if (p.constituencyId !== undefined) patch.constituencyId = orNull(p.constituencyId);
    if (p.stationId !== undefined) patch.stationId = orNull(p.stationId);
    if (p.occupation !== undefined) patch.occupation = p.occupation;
    if (p.workplace !== undefined) patch.workplace = cleanText(p.workplace);
    if (p.title !== undefined) patch.title = cleanText(p.title);
    if (p.phone !== undefined) patch.phone = p.phone ? normalizePhone(p.phone) : null;
    if (p.idNumber !== undefined) patch.idNumber = p.idNumber ? normalizeIdNumber(p.idNumber) : null;
    if (p.hardship !== undefined) patch.hardship = p.hardship ? 1 : 0;
    if (p.notes !== undefined) patch.notes = cleanText(p.notes);

    const merged = { ...before, ...patch } as typeof before;
    // A newly entered ID number fills an empty birth date, as on create.
    if (merged.idNumber && !merged.birthDate) patch.birthDate = merged.birthDate = idNumberInfo(merged.idNumber).birthDate;
    const problems = deputyProblems(
      {
        gender: merged.gender,
        birthDate: merged.birthDate,
        idNumber: merged.idNumber,
        isTownLevel: merged.isTownLevel === 1,
        isCountyLevel: merged.isCountyLevel === 1,
      },
      today,
    );
    if (problems.length) throw issuesError(problems);
    if (patch.termId !== undefined || patch.constituencyId !== undefined || patch.stationId !== undefined) {
      await checkRefs(trx, townId, merged);
    }
    if (patch.code !== undefined || patch.idNumber !== undefined) await checkUnique(trx, townId, { code: merged.code, idNumber: merged.idNumber }, id);

    await updateVersioned(trx, 'deputy', { townId }, id, input.version, { ...patch, updatedAt: nowIso() });
    // A move changes both stations' deputy lists: an editor holding either list must reload it.
    if (patch.stationId !== undefined && patch.stationId !== before.stationId) await touchStations(trx, townId, [before.stationId, patch.stationId ?? null], nowIso());
    await recordAudit(trx, ctx, { entity: 'deputy', entityId: id, action: 'update', summary: `修改代表 ${merged.name}`, before: auditView(before), after: auditView(merged) });
    return presentDeputy(await mustView(trx, townId, id), viewerOf(ctx), today);
  });
}

export async function changeStatus(ctx: Ctx, id: string, input: z.infer<typeof StatusInput>) {
  const townId = townOf(ctx);
  const today = todayInChina();
  const { value, problems } = applyStatusChange(input, today);
  if (problems.length) throw issuesError(problems);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findDeputy(trx, townId, id);
    if (!before) throw new NotFoundError(NOT_FOUND);
    // A status change may come without a version; then it is not locked against other edits.
    if (input.version !== undefined) assertVersion(before, input.version);
    await updateVersioned(trx, 'deputy', { townId }, id, input.version, { ...value, updatedAt: nowIso() });
    await recordAudit(trx, ctx, {
      entity: 'deputy',
      entityId: id,
      action: 'status_change',
      summary: `代表 ${before.name} 状态变更为${STATUS_LABELS[value.status]}`,
      before: { status: before.status, statusDate: before.statusDate, statusReason: before.statusReason },
      after: value,
    });
    return presentDeputy(await mustView(trx, townId, id), viewerOf(ctx), today);
  });
}

// ---------------------------------------------------------------------------------------------
// Photo

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** The image type by its first bytes: a renamed file does not pass as a photo. */
export function imageMime(buf: Buffer): 'image/jpeg' | 'image/png' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export async function setPhoto(ctx: Ctx, id: string, bytes: Buffer) {
  const townId = townOf(ctx);
  if (bytes.length === 0) throw ValidationError.field('file', '文件为空');
  if (bytes.length > MAX_PHOTO_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 413, '照片不能超过 2 MB', { issues: [{ field: 'file', message: '不能超过 2 MB' }] });
  const mime = imageMime(bytes);
  if (!mime) throw ValidationError.field('file', '照片须为 JPEG 或 PNG 图片');
  const photo = `data:${mime};base64,${bytes.toString('base64')}`;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findDeputyPhoto(trx, townId, id);
    if (!row) throw new NotFoundError(NOT_FOUND);
    // Incremented by the database: two uploads at once each move the version.
    await trx
      .updateTable('deputy')
      .set((eb) => ({ photo, version: eb('version', '+', 1), updatedAt: nowIso() }))
      .where('townId', '=', townId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, { entity: 'deputy', entityId: id, action: 'update_photo', summary: `更新代表 ${row.name} 的照片`, before: { photo: row.photo }, after: { photo } });
    return presentDeputy(await mustView(trx, townId, id), viewerOf(ctx));
  });
}

export async function getPhoto(ctx: Ctx, id: string): Promise<{ mime: string; bytes: Buffer }> {
  const row = await findDeputyPhoto(ctx.db, townOf(ctx), id);
  if (!row) throw new NotFoundError(NOT_FOUND);
  const m = row.photo ? /^data:(image\/(?:jpeg|png));base64,(.*)$/s.exec(row.photo) : null;
  if (!m) throw new NotFoundError('照片');
  return { mime: m[1], bytes: Buffer.from(m[2], 'base64') };
}

// ---------------------------------------------------------------------------------------------
// ID number reveal

export async function revealIdNumber(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findDeputy(trx, townId, id);
    if (!row) throw new NotFoundError(NOT_FOUND);
    // Nothing to reveal, nothing to log.
    if (!row.idNumber) return { idNumber: null };
    await recordAudit(trx, ctx, { entity: 'deputy', entityId: id, action: 'reveal_id_number', summary: `查看代表 ${row.name} 的完整身份证号` });
    return { idNumber: row.idNumber };
  });
}

// ---------------------------------------------------------------------------------------------
// Statistics

function countBy<K extends string>(keys: readonly K[], values: K[], keepZero: boolean) {
  const m = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].filter(([, n]) => keepZero || n > 0).map(([key, count]) => ({ key, count }));
}

/** Serving deputies counted by level, gender, age band, party, occupation and ethnicity. */
export async function deputyStats(ctx: Ctx, termId?: string) {
  const rows = await statsRows(ctx.db, townOf(ctx), termId);
  const today = todayInChina();
  const serving = rows.filter((r) => r.status === 'serving');
  const byEthnicity = countBy([], serving.map((r) => r.ethnicity), false).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return {
    total: rows.length,
    serving: serving.length,
    byLevel: {
      town: serving.filter((r) => r.isTownLevel === 1 && r.isCountyLevel !== 1).length,
      county: serving.filter((r) => r.isCountyLevel === 1 && r.isTownLevel !== 1).length,
      both: serving.filter((r) => r.isTownLevel === 1 && r.isCountyLevel === 1).length,
    },
    byGender: countBy(GENDERS, serving.map((r) => r.gender), true),
    byAgeBand: countBy(AGE_BANDS, serving.map((r) => ageBand(ageAt(r.birthDate, today))), true) as { key: (typeof AGE_BANDS)[number]; count: number }[],
    // Values outside the lists (older data) still count, after the listed ones.
    byParty: countBy(PARTIES as readonly string[], serving.map((r) => r.party), true),
    byOccupation: countBy(OCCUPATIONS as readonly string[], serving.map((r) => r.occupation), true),
    byEthnicity,
  };
}
