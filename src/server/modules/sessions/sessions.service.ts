import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { lockTownCodes, retryOnUniqueViolation } from '../../db/unique.ts';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { presentItems } from './agenda.service.ts';
import { syncRoll } from './roll.service.ts';
import { lockSession, rollState } from './session-state.ts';
import { notifySessionOpened, notifySessionScheduled } from './sessions.notify.ts';
import { quorum, sessionName, sessionShortName } from './sessions.rules.ts';
import type { SESSION_ACTIONS, SessionInput, SessionQuery, SessionUpdate } from './sessions.schemas.ts';
import {
  type SessionCounts,
  type SessionRow,
  deputiesOfTown,
  findSession,
  findTerm,
  hasVotesOrRounds,
  listSessions,
  nextSessionCode,
  numbersInTerm,
  presidiumOf,
  replacePresidium,
  sessionCounts,
  sessionDependents,
  suggestionTally,
  updateVersionedRow,
} from './sessions.repo.ts';

/* Congress sessions (人代会): list, detail, create/edit/delete, open and close. */

type Action = (typeof SESSION_ACTIONS)[number];

export const isAdmin = (ctx: Ctx) => ctx.principal.role === 'town_admin' || ctx.principal.role === 'county_admin';

const KIND_LABEL = { ordinary: '', extraordinary: '（临时会议）' } as const;

function presentSummary(s: SessionRow, c: SessionCounts) {
  const taken = s.rollTakenAt !== null;
  return {
    id: s.id,
    code: s.code,
    termId: s.termId,
    termNumber: s.termNumber,
    number: s.number,
    kind: s.kind,
    name: sessionName(s.termNumber, s.number),
    shortName: sessionShortName(s.termNumber, s.number),
    startDate: s.startDate,
    endDate: s.endDate,
    place: s.place,
    status: s.status,
    roll: taken ? c.roll : null,
    quorum: taken ? quorum(c.roll.all, c.roll.present + c.roll.late) : null,
    motionCount: c.motions,
    suggestionCount: c.suggestions,
  };
}

export async function listSessionsUseCase(ctx: Ctx, q: z.infer<typeof SessionQuery>) {
  const townId = townOf(ctx);
  const { rows, total } = await listSessions(ctx.db, townId, {
    termId: q.termId,
    status: q.status,
    year: q.year,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const counts = await sessionCounts(
    ctx.db,
    townId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentSummary(r, counts.get(r.id) as SessionCounts)), total };
}

async function actionsFor(ctx: Ctx, townId: string, s: SessionRow): Promise<Action[]> {
  if (!isAdmin(ctx)) return [];
  if (s.status === 'closed') return [];
  const out: Action[] = ['edit', 'manage_items'];
  if (s.status === 'preparing') {
    const dep = await sessionDependents(ctx.db, townId, s.id);
    if (!dep.marks && !dep.motions && !dep.votes && !dep.elections && !dep.suggestions) out.push('delete');
    if (s.rollTakenAt) out.push('open');
  }
  if (s.status === 'open') out.push('close');
  if (s.status === 'preparing' && !(await hasVotesOrRounds(ctx.db, townId, s.id))) out.push('take_roll');
  if (s.rollTakenAt) out.push('mark_roll');
  return out;
}

export async function getSessionUseCase(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  const s = await findSession(ctx.db, townId, id);
  if (!s) throw new NotFoundError('会议');
  const deputyId = ctx.principal.role === 'deputy' ? ctx.principal.deputyId : null;
  const [counts, presidium, items, suggestions, actions, secretary, mine] = await Promise.all([
    sessionCounts(ctx.db, townId, [id]),
    presidiumOf(ctx.db, townId, id),
    presentItems(ctx.db, townId, id),
    suggestionTally(ctx.db, townId, id),
    actionsFor(ctx, townId, s),
    s.secretaryGeneralId ? deputiesOfTown(ctx.db, townId, [s.secretaryGeneralId]) : Promise.resolve([]),
    deputyId
      ? ctx.db
          .selectFrom('sessionAttendee')
          .select(['deputyId', 'status'])
          .where('townId', '=', townId)
          .where('sessionId', '=', id)
          .where('deputyId', '=', deputyId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const sg = secretary[0];
  return {
    ...presentSummary(s, counts.get(id) as SessionCounts),
    notes: s.notes,
    version: s.version,
    rollTakenAt: s.rollTakenAt,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    secretaryGeneral: sg ? { id: sg.id, code: sg.code, name: sg.name } : null,
    presidium: presidium.map((p) => ({ deputyId: p.deputyId, code: p.code, name: p.name, executive: p.executive === 1 })),
    items,
    suggestions,
    actions,
    me: mine ? { deputyId: mine.deputyId, status: mine.status } : null,
  };
}

// ---- Writes ----

type Seat = { deputyId: string; executive: boolean };

/** The presidium and secretary-general are deputies of the town and term (400 naming the field otherwise). */
async function checkPeople(db: Kysely<DB>, townId: string, termId: string, secretaryId: string | null, seats: Seat[]): Promise<Map<string, string>> {
  const ids = [...new Set([...(secretaryId ? [secretaryId] : []), ...seats.map((p) => p.deputyId)])];
  const found = new Map((await deputiesOfTown(db, townId, ids)).map((d) => [d.id, d]));
  if (secretaryId) {
    const d = found.get(secretaryId);
    if (!d) throw ValidationError.field('body.secretaryGeneralId', '代表不存在或不属于本镇');
  }
  const seen = new Set<string>();
  for (const [i, p] of seats.entries()) {
    const d = found.get(p.deputyId);
    if (!d || d.termId !== termId) throw ValidationError.field(`body.presidium.${i}.deputyId`, '代表不存在或不是本届代表');
    if (seen.has(p.deputyId)) throw ValidationError.field(`body.presidium.${i}.deputyId`, `${d.name} 重复`);
    seen.add(p.deputyId);
  }
  return new Map([...found].map(([k, v]) => [k, v.name]));
}

function checkDates(startDate: string, endDate: string) {
  if (endDate < startDate) throw ValidationError.field('body.endDate', '闭幕日期不能早于开幕日期');
}

function numberTaken(n: number): ConflictError {
  const message = `本届已有第 ${n} 次会议`;
  return new ConflictError(message, { issues: [{ field: 'body.number', message }] });
}

function sessionAudit(s: Omit<SessionRow, 'id' | 'termId' | 'version' | 'rollTakenAt' | 'openedAt' | 'closedAt'>, names: Map<string, string>, seats: Seat[]) {
  return {
    code: s.code,
    name: sessionName(s.termNumber, s.number) + KIND_LABEL[s.kind],
    startDate: s.startDate,
    endDate: s.endDate,
    place: s.place,
    status: s.status,
    secretaryGeneral: s.secretaryGeneralId ? (names.get(s.secretaryGeneralId) ?? s.secretaryGeneralId) : null,
    presidium: seats.map((p) => `${names.get(p.deputyId) ?? p.deputyId}${p.executive ? '（执行主席）' : ''}`).join('、'),
    notes: s.notes,
  };
}

function seatsOf(input: { presidium?: { deputyId: string; executive?: boolean }[] }): Seat[] | undefined {
  return input.presidium?.map((p) => ({ deputyId: p.deputyId, executive: p.executive ?? false }));
}

export async function createSession(ctx: Ctx, input: z.infer<typeof SessionInput>) {
  const townId = townOf(ctx);
  checkDates(input.startDate, input.endDate);
  const id = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockTownCodes(trx, townId);
      const term = await findTerm(trx, townId, input.termId);
      if (!term) throw ValidationError.field('body.termId', '届次不存在或不属于本镇');
      const taken = await numbersInTerm(trx, townId, term.id);
      const number = input.number ?? Math.max(0, ...taken) + 1;
      if (taken.includes(number)) throw numberTaken(number);
      const seats = seatsOf(input) ?? [];
      const names = await checkPeople(trx, townId, term.id, input.secretaryGeneralId ?? null, seats);
      const ts = nowIso();
      const row = {
        id: newId(),
        townId,
        code: await nextSessionCode(trx, townId),
        termId: term.id,
        number,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate,
        place: input.place ?? '',
        secretaryGeneralId: input.secretaryGeneralId ?? null,
        notes: input.notes ?? '',
        createdBy: ctx.principal.userId,
        createdAt: ts,
        updatedAt: ts,
      };
      await trx.insertInto('congressSession').values(row).execute();
      await replacePresidium(trx, townId, row.id, seats);
      await recordAudit(trx, ctx, {
        entity: 'congress_session',
        entityId: row.id,
        action: 'create',
        summary: `新增会议 ${row.code} ${sessionName(term.number, number)}`,
        after: sessionAudit({ ...row, termNumber: term.number, status: 'preparing' }, names, seats),
      });
      await notifySessionScheduled(trx, townId, {
        id: row.id,
        name: sessionName(term.number, number),
        termId: term.id,
        startDate: row.startDate,
        place: row.place,
      });
      return row.id;
    }),
  );
  return getSessionUseCase(ctx, id);
}

export async function updateSession(ctx: Ctx, id: string, input: z.infer<typeof SessionUpdate>) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const head = await lockSession(trx, townId, id);
    const before = await findSession(trx, townId, id);
    if (!before) throw new NotFoundError('会议');
    if (before.status === 'closed') throw new InvalidTransitionError('会议已闭幕，不能再修改');
    if (before.version !== input.version) throw new ConflictError('该记录已被他人修改，请刷新后再编辑', { currentVersion: before.version });
    // The roll is the deputies in office on the start date. Once taken: while preparing, a new start date
    // retakes it below (same transaction, marks of those still on it kept); once open it is fixed.
    const newStart = input.startDate !== undefined && input.startDate !== before.startDate;
    if (newStart && before.rollTakenAt && before.status !== 'preparing')
      throw ValidationError.field('body.startDate', '会议已开幕，点名表已确定，不能修改开幕日期');
    const after: SessionRow = {
      ...before,
      number: input.number ?? before.number,
      kind: input.kind ?? before.kind,
      startDate: input.startDate ?? before.startDate,
      endDate: input.endDate ?? before.endDate,
      place: input.place ?? before.place,
      notes: input.notes ?? before.notes,
      secretaryGeneralId: input.secretaryGeneralId === undefined ? before.secretaryGeneralId : input.secretaryGeneralId,
    };
    checkDates(after.startDate, after.endDate);
    if (after.number !== before.number && (await numbersInTerm(trx, townId, before.termId, id)).includes(after.number)) throw numberTaken(after.number);
    const beforeSeats = (await presidiumOf(trx, townId, id)).map((p) => ({ deputyId: p.deputyId, executive: p.executive === 1 }));
    const afterSeats = seatsOf(input) ?? beforeSeats;
    const names = await checkPeople(trx, townId, before.termId, after.secretaryGeneralId, afterSeats);
    const oldNames = await checkPeople(trx, townId, before.termId, before.secretaryGeneralId, []);
    for (const p of await presidiumOf(trx, townId, id)) oldNames.set(p.deputyId, p.name);
    await updateVersionedRow(trx, 'congressSession', townId, id, input.version, {
      number: after.number,
      kind: after.kind,
      startDate: after.startDate,
      endDate: after.endDate,
      place: after.place,
      notes: after.notes,
      secretaryGeneralId: after.secretaryGeneralId,
      updatedAt: nowIso(),
    });
    if (input.presidium !== undefined) await replacePresidium(trx, townId, id, afterSeats);
    if (newStart && before.rollTakenAt) await syncRoll(trx, ctx, { ...head, startDate: after.startDate }, after.startDate);
    await recordAudit(trx, ctx, {
      entity: 'congress_session',
      entityId: id,
      action: 'update',
      summary: `修改会议 ${before.code} ${sessionName(before.termNumber, before.number)}`,
      before: sessionAudit(before, oldNames, beforeSeats),
      after: sessionAudit(after, names, afterSeats),
    });
  });
  return getSessionUseCase(ctx, id);
}

export async function deleteSession(ctx: Ctx, id: string) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await lockSession(trx, townId, id);
    const s = await findSession(trx, townId, id);
    if (!s) throw new NotFoundError('会议');
    if (s.status !== 'preparing') throw new InvalidTransitionError('只能删除筹备中的会议');
    const dep = await sessionDependents(trx, townId, id);
    const blocks = [
      dep.marks && `${dep.marks} 名代表的签到记录`,
      dep.motions && `${dep.motions} 件议案`,
      dep.votes && `${dep.votes} 次表决`,
      dep.elections && `${dep.elections} 项选举`,
      dep.suggestions && `${dep.suggestions} 件建议`,
    ].filter(Boolean);
    if (blocks.length) throw new ConflictError(`会议已有${blocks.join('、')}，不能删除`, { reason: 'HAS_RECORDS', blocks: dep });
    const seats = (await presidiumOf(trx, townId, id)).map((p) => ({ deputyId: p.deputyId, executive: p.executive === 1 }));
    await trx.deleteFrom('congressSession').where('townId', '=', townId).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      entity: 'congress_session',
      entityId: id,
      action: 'delete',
      summary: `删除会议 ${s.code} ${sessionName(s.termNumber, s.number)}`,
      before: sessionAudit(s, new Map(), seats),
    });
  });
  return { ok: true as const };
}

/** Open/close may carry the version the user saw (optional): a session changed meanwhile → 409. */
function assertVersionSeen(current: number, seen: number | undefined) {
  if (seen !== undefined && seen !== current) throw new ConflictError('该会议已被他人修改，请刷新后再操作', { currentVersion: current, reason: 'STALE' });
}

/** preparing → open: the roll is taken and more than two-thirds of all deputies are present. */
export async function openSession(ctx: Ctx, id: string, input: { version?: number } = {}) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, id);
    assertVersionSeen(s.version, input.version);
    if (s.status !== 'preparing') throw new InvalidTransitionError(s.status === 'open' ? '会议已开幕' : '会议已闭幕');
    if (!s.rollTakenAt) throw new ConflictError('尚未点名，请先生成点名表', { reason: 'ROLL_NOT_TAKEN' });
    const { counts, quorum: q } = await rollState(trx, townId, id);
    if (!q.reached)
      throw new ConflictError(`出席代表 ${q.present} 名，未超过全体代表 ${q.all} 名的三分之二（须至少 ${q.needed} 名，还差 ${q.short} 名），不能开幕`, {
        reason: 'QUORUM_NOT_REACHED',
        quorum: q,
      });
    const ts = nowIso();
    await updateVersionedRow(trx, 'congressSession', townId, id, s.version, { status: 'open', openedAt: ts, updatedAt: ts });
    await recordAudit(trx, ctx, {
      entity: 'congress_session',
      entityId: id,
      action: 'open',
      summary: `${s.shortName}会议开幕（应到 ${q.all} 名，实到 ${q.present} 名）`,
      before: { status: 'preparing' },
      after: { status: 'open', all: counts.all, present: q.present, onLeave: counts.onLeave },
    });
    await notifySessionOpened(trx, townId, { id, name: sessionName(s.termNumber, s.number) });
  });
  return getSessionUseCase(ctx, id);
}

/** open → closed: whoever is still unmarked on the roll did not come (absent). */
export async function closeSession(ctx: Ctx, id: string, input: { version?: number } = {}) {
  const townId = townOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, townId, id);
    assertVersionSeen(s.version, input.version);
    if (s.status !== 'open') throw new InvalidTransitionError(s.status === 'closed' ? '会议已闭幕' : '会议尚未开幕，不能闭幕');
    const ts = nowIso();
    const res = await trx
      .updateTable('sessionAttendee')
      .set({ status: 'absent', markedAt: ts, markedBy: ctx.principal.userId })
      .where('townId', '=', townId)
      .where('sessionId', '=', id)
      .where('status', '=', 'expected')
      .executeTakeFirst();
    await updateVersionedRow(trx, 'congressSession', townId, id, s.version, { status: 'closed', closedAt: ts, updatedAt: ts });
    const { counts } = await rollState(trx, townId, id);
    await recordAudit(trx, ctx, {
      entity: 'congress_session',
      entityId: id,
      action: 'close',
      summary: `${s.shortName}会议闭幕（${Number(res.numUpdatedRows)} 名未签到代表记为缺席）`,
      before: { status: 'open' },
      after: {
        status: 'closed',
        markedAbsent: Number(res.numUpdatedRows),
        present: counts.present + counts.late,
        onLeave: counts.onLeave,
        absent: counts.absent,
      },
    });
  });
  return getSessionUseCase(ctx, id);
}
