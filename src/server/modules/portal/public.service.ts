import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB, Role } from '../../db/schema.ts';
import { isUniqueViolation, lockTownCodes } from '../../db/unique.ts';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../../http/errors.ts';
import type { Ctx, Principal } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { maskPhone } from '../../lib/mask.ts';
import { addMinutes, todayInChina } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { notifyUsers, townAdminIds } from '../notifications/notify.ts';
import { currentTermOf } from '../regions/terms.service.ts';
import { levelOf } from '../roster/deputy.rules.ts';
import { storedRule } from '../stations/stations.service.ts';
import { describeSchedule, nextDates } from '../stations/schedule.rules.ts';
import { loadSettings } from '../suggestions/settings.repo.ts';
import { gradeLabel } from '../suggestions/settings.rules.ts';
import { CAPTCHA_TTL_MINUTES, type CaptchaMaker, answerHash, sameHash } from './captcha.ts';
import {
  captchasSince,
  clientSubmissionsSince,
  findCaptcha,
  insertCaptcha,
  insertSubmission,
  publicDeputies,
  publicStations,
  publicTowns,
  publishedResults,
  purgeCaptchas,
  servingDeputyOfTown,
  stationLiaisonIds,
  stationOfTown,
  submissionByIdempotencyKey,
  townByCode,
  townSubmissionsSince,
  townVillages,
  trackRow,
  spendCaptcha,
  villageOfTown,
} from './portal.repo.ts';
import {
  LIMITS,
  STAGE_LABEL,
  answerOf,
  chinaDate,
  clientHash,
  minutesText,
  newTrackingCode,
  normalizePhone,
  normalizeTrackingCode,
  phoneProblem,
  retryAfter,
  stageOf,
  stepsOf,
  windowStart,
} from './portal.rules.ts';
import type { OpinionInput, ResultsQuery } from './portal.schemas.ts';

/*
 * The public side of the portal: no account, no session. What a caller is known by is a keyed hash of
 * their address (rate limits) and, for a submission, the captcha they solved. Reads select only public
 * columns (see portal.repo.ts).
 */

export type PublicCtx = {
  db: Kysely<DB>;
  /** Key of the address and answer hashes (config.portalSecret, or one made at start). */
  secret: string;
  makeCaptcha: CaptchaMaker;
  ip: string;
  requestId: string;
};

const NEXT_DAYS = 3;
/** Captchas are kept a while past their expiry (issuance is counted over the last 10 minutes), then deleted. */
const CAPTCHA_KEEP_MINUTES = 120;
const CODE_ATTEMPTS = 5;

async function mustTown(db: Kysely<DB>, code: string) {
  const town = await townByCode(db, code);
  if (!town) throw new NotFoundError('乡镇');
  return town;
}

/** A 400 for one field with a label of the portal's own (the global label of `category` is another area's). */
function fieldError(field: string, label: string, message: string): ValidationError {
  return new ValidationError(`${label}：${message}`, [{ field, message }]);
}

export async function listPublicTowns(db: Kysely<DB>) {
  return publicTowns(db);
}

export async function townPortal(db: Kysely<DB>, townCode: string) {
  const town = await mustTown(db, townCode);
  const today = todayInChina();
  // Categories come from the town's suggestion settings (the defaults when it has none).
  const [stations, settings, villages] = await Promise.all([publicStations(db, town.id), loadSettings(db, town.id), townVillages(db, town.id)]);
  return {
    town: { code: town.code, name: town.name },
    stations: stations.map((s) => {
      const rule = storedRule(s.scheduleRule);
      return {
        id: s.id,
        name: s.name,
        address: s.address,
        phone: s.phone,
        schedule: rule ? describeSchedule(rule) : '',
        nextDays: rule ? nextDates(rule, today, NEXT_DAYS) : [],
      };
    }),
    categories: settings.categories,
    villages,
  };
}

export async function townDeputies(db: Kysely<DB>, townCode: string) {
  const town = await mustTown(db, townCode);
  const rows = await publicDeputies(db, town.id, await currentTermOf(db, town.id));
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    gender: d.gender,
    party: d.party,
    level: levelOf(d.isTownLevel === 1, d.isCountyLevel === 1),
    stationId: d.stationId,
    station: d.station ?? null,
    constituency: d.constituency ?? null,
    workplace: d.workplace,
    title: d.title,
  }));
}

export async function issueCaptcha(pc: PublicCtx) {
  const now = new Date();
  const client = clientHash(pc.secret, pc.ip);
  const limit = LIMITS.captchaPerClient;
  const wait = retryAfter(await captchasSince(pc.db, client, windowStart(limit, now)), limit, now);
  if (wait) throw new TooManyRequestsError(`获取验证码过于频繁，请 ${minutesText(wait)}后再试`, wait);
  const { answer, svg } = pc.makeCaptcha();
  const id = newId();
  const at = now.toISOString();
  const expiresAt = addMinutes(at, CAPTCHA_TTL_MINUTES);
  await purgeCaptchas(pc.db, addMinutes(at, -CAPTCHA_KEEP_MINUTES));
  await insertCaptcha(pc.db, { id, answerHash: answerHash(pc.secret, id, answer), clientHash: client, createdAt: at, expiresAt });
  return { id, svg, expiresAt };
}

type CaptchaProblem = 'unknown' | 'expired' | 'used' | 'wrong';

const CAPTCHA_MESSAGE: Record<CaptchaProblem, string> = {
  unknown: '验证码已失效，请点击图片换一张',
  expired: '验证码已过期，请点击图片换一张',
  used: '验证码已使用过，请点击图片换一张',
  wrong: '验证码不正确，请换一张重新输入',
};

/** Single use: any attempt, right or wrong, uses the captcha up, so answers cannot be tried one after another. */
async function consumeCaptcha(db: Kysely<DB>, secret: string, id: string, answer: string, now: Date): Promise<CaptchaProblem | null> {
  const row = await findCaptcha(db, id);
  if (!row) return 'unknown';
  if (row.usedAt) return 'used';
  if (row.expiresAt <= now.toISOString()) return 'expired';
  if (!(await spendCaptcha(db, id, now.toISOString()))) return 'used';
  return sameHash(row.answerHash, answerHash(secret, id, answer)) ? null : 'wrong';
}

async function assertSubmitLimits(db: Kysely<DB>, townId: string, client: string, now: Date): Promise<void> {
  const pc = LIMITS.perClient;
  const byClient = retryAfter(await clientSubmissionsSince(db, client, windowStart(pc, now)), pc, now);
  if (byClient) throw new TooManyRequestsError(`提交过于频繁，请 ${minutesText(byClient)}后再试`, byClient);
  const pt = LIMITS.perTown;
  const byTown = retryAfter(await townSubmissionsSince(db, townId, windowStart(pt, now)), pt, now);
  if (byTown) throw new TooManyRequestsError(`本镇当前收到的意见较多，请 ${minutesText(byTown)}后再试`, byTown);
}

type Opinion = z.infer<typeof OpinionInput>;
type Checked = {
  stationId: string | null;
  deputyId: string | null;
  notifyStationId: string | null;
  targetName: string;
  villageId: string | null;
  name: string;
  phone: string | null;
};

/** The opinion's references belong to the town and its category is one of the town's (400 naming the field otherwise). */
async function checkOpinion(db: Kysely<DB>, townId: string, input: Opinion): Promise<Checked> {
  const [settings, station, deputy, village] = await Promise.all([
    loadSettings(db, townId),
    input.targetType === 'station' && input.stationId ? stationOfTown(db, townId, input.stationId) : Promise.resolve(undefined),
    input.targetType === 'deputy' && input.deputyId ? servingDeputyOfTown(db, townId, input.deputyId) : Promise.resolve(undefined),
    input.villageId ? villageOfTown(db, townId, input.villageId) : Promise.resolve(undefined),
  ]);
  if (input.targetType === 'station' && !station) throw fieldError('body.stationId', '联络站', input.stationId ? '不是本镇的联络站' : '请选择联络站');
  if (input.targetType === 'deputy' && !deputy) throw fieldError('body.deputyId', '代表', input.deputyId ? '不是本镇的在任代表' : '请选择代表');
  if (input.villageId && !village) throw fieldError('body.villageId', '村（社区）', '不是本镇的村（社区）');
  if (!settings.categories.includes(input.category)) throw fieldError('body.category', '类别', '请从列表中选择类别');
  const phone = input.phone ? normalizePhone(input.phone) : '';
  const bad = phone ? phoneProblem(phone) : null;
  if (bad) throw fieldError('body.phone', '电话', bad);
  return {
    stationId: station?.id ?? null,
    deputyId: deputy?.id ?? null,
    notifyStationId: station?.id ?? deputy?.stationId ?? null,
    targetName: station?.name ?? deputy?.name ?? '',
    villageId: village?.id ?? null,
    name: input.name ?? '',
    phone: phone || null,
  };
}

/**
 * Who "did" a public submission in the audit log: no account exists, so the actor is 公众 with no user
 * id, and the address only as its keyed hash.
 */
function publicActor(db: Kysely<DB>, town: { id: string; countyId: string }, requestId: string, client: string): Ctx {
  const principal: Principal = {
    // The audit row's actor_user_id is nullable for actors without an account; Principal types it as a string.
    userId: null as unknown as string,
    username: '',
    displayName: '公众',
    role: 'public' as Role,
    countyId: town.countyId,
    townId: town.id,
    deputyId: null,
    unitId: null,
    stationId: null,
    sessionId: '',
    csrfToken: '',
    mustChangePassword: false,
  };
  return { db, principal, requestId, ip: `client:${client.slice(0, 16)}` };
}

type WriteResult = { kind: 'created' | 'existing'; trackingCode: string } | { kind: 'captcha'; problem: CaptchaProblem };

/**
 * Submit an opinion. A retry with the same idempotency key answers the first one's code and writes
 * nothing. Per town, the writes run one at a time (the town lock), so the duplicate check and the
 * rate limits inside the transaction hold under concurrent requests; the unique index on
 * (town, idempotency key) backs them up.
 */
export async function submitOpinion(pc: PublicCtx, townCode: string, input: Opinion): Promise<{ created: boolean; trackingCode: string }> {
  const town = await mustTown(pc.db, townCode);
  const key = input.idempotencyKey;
  const prior = await submissionByIdempotencyKey(pc.db, town.id, key);
  if (prior) return { created: false, trackingCode: prior.trackingCode };
  const client = clientHash(pc.secret, pc.ip);
  // A flood is refused here, before any other work; the check under the lock below is the one that counts.
  await assertSubmitLimits(pc.db, town.id, client, new Date());
  const checked = await checkOpinion(pc.db, town.id, input);

  for (let attempt = 1; ; attempt++) {
    let out: WriteResult;
    try {
      out = await pc.db.transaction().execute(async (trx): Promise<WriteResult> => {
        await lockTownCodes(trx, town.id);
        const dup = await submissionByIdempotencyKey(trx, town.id, key);
        if (dup) return { kind: 'existing', trackingCode: dup.trackingCode };
        const now = new Date();
        await assertSubmitLimits(trx, town.id, client, now);
        const problem = await consumeCaptcha(trx, pc.secret, input.captchaId, input.captchaAnswer, now);
        // Returned, not thrown: the captcha stays used (committed) while nothing else is written.
        if (problem) return { kind: 'captcha', problem };
        const at = now.toISOString();
        const row = {
          id: newId(),
          townId: town.id,
          trackingCode: newTrackingCode(),
          idempotencyKey: key,
          targetType: input.targetType,
          stationId: checked.stationId,
          deputyId: checked.deputyId,
          name: checked.name,
          phone: checked.phone,
          villageId: checked.villageId,
          category: input.category,
          content: input.content,
          clientHash: client,
          createdAt: at,
          updatedAt: at,
        };
        await insertSubmission(trx, row);
        const actor = publicActor(trx, town, pc.requestId, client);
        // The audit log is read by more people than the submission: the resident's phone is kept masked.
        await recordAudit(trx, actor, {
          entity: 'portal_submission',
          entityId: row.id,
          action: 'create',
          summary: `群众提交意见（${checked.targetName}，${input.category}）`,
          after: { trackingCode: row.trackingCode, target: checked.targetName, category: row.category, name: row.name, phone: maskPhone(row.phone), content: row.content },
        });
        const recipients = [
          ...(await townAdminIds(trx, town.id)),
          ...(checked.notifyStationId ? await stationLiaisonIds(trx, town.id, checked.notifyStationId) : []),
        ];
        // One notice per person per hour: a busy day must not bury the inbox in notices.
        await notifyUsers(trx, town.id, recipients, {
          kind: 'portal_submission',
          title: '收到新的群众意见',
          body: `${checked.targetName} · ${input.category}`,
          link: '/portal-submissions',
          entity: 'portal_submission',
          entityId: row.id,
          dedupeKey: `portal:${town.id}:${at.slice(0, 13)}`,
        });
        return { kind: 'created', trackingCode: row.trackingCode };
      });
    } catch (err) {
      // A tracking code already taken (vanishingly rare) or a concurrent duplicate past the checks.
      if (!isUniqueViolation(err)) throw err;
      const dup = await submissionByIdempotencyKey(pc.db, town.id, key);
      if (dup) return { created: false, trackingCode: dup.trackingCode };
      if (attempt >= CODE_ATTEMPTS) throw err;
      continue;
    }
    if (out.kind === 'captcha') throw fieldError('body.captchaAnswer', '验证码', CAPTCHA_MESSAGE[out.problem]);
    return { created: out.kind === 'created', trackingCode: out.trackingCode };
  }
}

export async function track(db: Kysely<DB>, rawCode: string) {
  const code = normalizeTrackingCode(rawCode);
  const r = code ? await trackRow(db, code) : undefined;
  if (!r) throw new NotFoundError('查询码');
  const stage = stageOf(r);
  return {
    trackingCode: r.trackingCode,
    town: { code: r.townCode, name: r.townName },
    target: { type: r.targetType, name: (r.targetType === 'station' ? r.stationName : r.deputyName) ?? '' },
    category: r.category,
    content: r.content,
    status: r.status,
    stage,
    stageLabel: STAGE_LABEL[stage],
    receivedAt: r.createdAt,
    steps: stepsOf(r),
    answer: answerOf(r),
    declineReason: r.status === 'declined' ? r.declineReason : null,
  };
}

export async function results(db: Kysely<DB>, townCode: string, q: z.infer<typeof ResultsQuery>) {
  const town = await mustTown(db, townCode);
  const [{ rows, total }, settings] = await Promise.all([
    publishedResults(db, town.id, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    loadSettings(db, town.id),
  ]);
  return {
    items: rows.map((r) => ({
      code: r.code,
      title: r.title,
      category: r.category,
      grade: r.grade,
      gradeLabel: r.grade ? gradeLabel(settings, r.grade) : null,
      publicAnswer: r.publicAnswer,
      repliedOn: r.repliedOn,
      closedDate: r.closedAt ? chinaDate(r.closedAt) : null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
