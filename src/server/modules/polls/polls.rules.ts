/*
 * Ratings from many votes, pure: the overall rating of an office (民主评议), the result band of a deputy's
 * duty report (述职), and the ranking of offices. Every threshold is "more than half" or a share compared
 * with a band's lower bound, so counts stay integers and shares are compared exactly (no rounding before
 * the comparison).
 */

export type Rating = 'satisfied' | 'basic' | 'dissatisfied';

export type RatingCounts = { satisfied: number; basic: number; dissatisfied: number };

export const RATING_LABEL: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' };

export function validVotes(c: RatingCounts): number {
  return c.satisfied + c.basic + c.dissatisfied;
}

/**
 * The published rule (domain README §4): 满意 when satisfied votes are more than half of the valid votes;
 * else 基本满意 when satisfied + basically satisfied are more than half; else 不满意. Exactly half is not
 * more than half. No votes → null (no rating).
 */
export function overallRating(c: RatingCounts): Rating | null {
  const n = validVotes(c);
  if (n === 0) return null;
  if (2 * c.satisfied > n) return 'satisfied';
  if (2 * (c.satisfied + c.basic) > n) return 'basic';
  return 'dissatisfied';
}

/** The approval share (satisfied + basically satisfied) of the valid votes, as a fraction; null without votes. */
export function approvalShare(c: RatingCounts): number | null {
  const n = validVotes(c);
  return n === 0 ? null : (c.satisfied + c.basic) / n;
}

export type Band = { label: string; minPercent: number };

/** 称职 ≥ 80 %, 基本称职 50–80 %, 不称职 < 50 % (a town may configure its own bands). */
export const DEFAULT_DUTY_REPORT_BANDS: readonly Band[] = [
  { label: '称职', minPercent: 80 },
  { label: '基本称职', minPercent: 50 },
  { label: '不称职', minPercent: 0 },
];

/** Bands must start at 0, have distinct bounds within 0–100 and distinct labels. */
export function bandsProblem(bands: readonly Band[]): string | null {
  if (bands.length === 0) return '至少需要一个档次';
  const mins = bands.map((b) => b.minPercent);
  if (mins.some((m) => !Number.isFinite(m) || m < 0 || m > 100)) return '档次下限须在 0–100 之间';
  if (new Set(mins).size !== mins.length) return '档次下限不能重复';
  if (!mins.includes(0)) return '须有一个下限为 0 的档次';
  if (new Set(bands.map((b) => b.label.trim())).size !== bands.length || bands.some((b) => b.label.trim() === '')) return '档次名称不能为空或重复';
  return null;
}

/**
 * The band of an approval count: the highest band whose lower bound the share reaches. Compared in
 * integers (approve × 100 ≥ min × valid) so that 80 % exactly is 称职 however the division would round.
 */
export function bandOf(bands: readonly Band[], c: RatingCounts): Band | null {
  const n = validVotes(c);
  if (n === 0) return null;
  const approve = c.satisfied + c.basic;
  const sorted = [...bands].sort((a, b) => b.minPercent - a.minPercent);
  return sorted.find((b) => approve * 100 >= b.minPercent * n) ?? null;
}

/**
 * Offices ranked by approval share, then by satisfied share, then by name; offices without votes last.
 * Equal shares share a rank (1, 2, 2, 4), as a published list would show them.
 */
export function rankByApproval<T extends { name: string; counts: RatingCounts }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const key = (r: T) => {
    const n = validVotes(r.counts);
    return n === 0 ? null : { a: (r.counts.satisfied + r.counts.basic) / n, s: r.counts.satisfied / n };
  };
  const coll = new Intl.Collator('zh-CN');
  const sorted = [...rows].sort((x, y) => {
    const kx = key(x);
    const ky = key(y);
    if (!kx || !ky) return kx ? -1 : ky ? 1 : coll.compare(x.name, y.name);
    return ky.a - kx.a || ky.s - kx.s || coll.compare(x.name, y.name);
  });
  let rank = 0;
  let prev: { a: number; s: number } | null = null;
  return sorted.map((r, i) => {
    const k = key(r);
    if (!k) return { ...r, rank: null };
    if (!prev || prev.a !== k.a || prev.s !== k.s) rank = i + 1;
    prev = k;
    return { ...r, rank };
  });
}

// ---- Peer and voter review scores (design §5) ----

/** What each rating is worth on a 100-point scale; a town may configure its own. */
export type ScalePoints = { satisfied: number; basic: number; dissatisfied: number };
export const DEFAULT_SCALE_POINTS: ScalePoints = { satisfied: 100, basic: 60, dissatisfied: 0 };

/** Points must lie within 0–100 and not rise as the rating falls (满意 ≥ 基本满意 ≥ 不满意). */
export function scalePointsProblem(p: ScalePoints): string | null {
  const all = [p.satisfied, p.basic, p.dissatisfied];
  if (all.some((x) => !Number.isFinite(x) || x < 0 || x > 100)) return '分值须在 0–100 之间';
  if (p.satisfied < p.basic || p.basic < p.dissatisfied) return '满意的分值不能低于基本满意，基本满意不能低于不满意';
  return null;
}

/** A deputy's review score: the average of the ballots' points, two decimals; null without votes. */
export function reviewScore(c: RatingCounts, p: ScalePoints = DEFAULT_SCALE_POINTS): number | null {
  const n = validVotes(c);
  if (n === 0) return null;
  const sum = c.satisfied * p.satisfied + c.basic * p.basic + c.dissatisfied * p.dissatisfied;
  return Math.round((sum / n) * 100) / 100;
}

// ---- One-time codes (design §2) ----

/** No 0/O, 1/I/L: a code read aloud or copied from a slip is not mistyped. */
export const POLL_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const POLL_CODE_LENGTH = 8;

/** A fresh code; `pick(n)` must be a uniform crypto-random integer in [0, n) (node:crypto randomInt). */
export function newPollCode(pick: (n: number) => number): string {
  let s = '';
  for (let i = 0; i < POLL_CODE_LENGTH; i++) s += POLL_CODE_ALPHABET[pick(POLL_CODE_ALPHABET.length)];
  return s;
}

/** What the voter typed, as stored before hashing: upper case, spaces and dashes dropped; null when it cannot be a code. */
export function normalizePollCode(s: string): string | null {
  const c = s.toUpperCase().replace(/[\s-]/g, '');
  if (c.length !== POLL_CODE_LENGTH) return null;
  for (const ch of c) if (!POLL_CODE_ALPHABET.includes(ch)) return null;
  return c;
}

/** Groups of four for a printed slip: ABCD-EFGH. */
export function formatPollCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

// ---- The questionnaire ----

export type Choice = { key: string; label: string };
export type Questionnaire = { dimensions: Choice[]; scale: Choice[] };

export const OVERALL = 'overall';

/** The optional dimensions of an appraisal (民主评议); the overall question is always asked. */
export const DEFAULT_DIMENSIONS: readonly Choice[] = [
  { key: 'policy', label: '政策法规' },
  { key: 'duty', label: '工作职责' },
  { key: 'service', label: '为民服务' },
  { key: 'style', label: '工作作风' },
  { key: 'integrity', label: '勤政廉洁' },
];

export const RATING_SCALE: readonly Choice[] = [
  { key: 'satisfied', label: '满意' },
  { key: 'basic', label: '基本满意' },
  { key: 'dissatisfied', label: '不满意' },
];

/** The questions of a poll: overall first, then the chosen dimensions. */
export function questionsOf(q: Questionnaire): Choice[] {
  return [{ key: OVERALL, label: '总体评价' }, ...q.dimensions];
}

export type BallotAnswer = { subjectId: string; question: string; answer: string };

/**
 * Why a ballot cannot be counted, or null. Each subject must have its overall answer; dimensions may be
 * left out (an abstention on that line); a (subject, question) is answered at most once.
 */
export function ballotProblem(q: Questionnaire, subjectIds: readonly string[], answers: readonly BallotAnswer[]): string | null {
  if (answers.length === 0) return '请填写评议意见';
  const questions = new Set(questionsOf(q).map((x) => x.key));
  const scale = new Set(q.scale.map((x) => x.key));
  const subjects = new Set(subjectIds);
  const seen = new Set<string>();
  for (const a of answers) {
    if (!subjects.has(a.subjectId)) return '评议对象不在本次投票中';
    if (!questions.has(a.question)) return '评议项目不在本次问卷中';
    if (!scale.has(a.answer)) return '评价选项无效';
    const k = `${a.subjectId}\u0000${a.question}`;
    if (seen.has(k)) return '同一项目只能选择一次';
    seen.add(k);
  }
  for (const s of subjectIds) if (!seen.has(`${s}\u0000${OVERALL}`)) return '每个评议对象都须选择总体评价';
  return null;
}

/** Counters → rating counts of one subject and question. */
export function countsOf(
  rows: readonly { subjectId: string; question: string; answer: string; count: number }[],
  subjectId: string,
  question: string,
): RatingCounts {
  const c: RatingCounts = { satisfied: 0, basic: 0, dissatisfied: 0 };
  for (const r of rows) {
    if (r.subjectId !== subjectId || r.question !== question) continue;
    if (r.answer === 'satisfied' || r.answer === 'basic' || r.answer === 'dissatisfied') c[r.answer] += Number(r.count);
  }
  return c;
}

// ---- Failed attempts per client (casting) ----

/**
 * Only failed casts count against a client: a whole hearing room may vote from one address (one Wi-Fi),
 * but guessing codes fails almost always. Kept in memory — a stored row per attempt would be a record of
 * when ballots were cast.
 */
export const CAST_FAILURE_LIMIT = { max: 10, windowMinutes: 10 } as const;

/** Seconds to wait when `failures` (times in ms, any order) have reached the limit within the window; 0 otherwise. */
export function castWait(failures: readonly number[], now: number, limit: { max: number; windowMinutes: number } = CAST_FAILURE_LIMIT): number {
  const windowMs = limit.windowMinutes * 60_000;
  const recent = failures.filter((t) => t > now - windowMs).sort((a, b) => a - b);
  if (recent.length < limit.max) return 0;
  return Math.max(1, Math.ceil((recent[recent.length - limit.max] + windowMs - now) / 1000));
}

export type PaperCount = { subjectId: string; question: string; answer: string; count: number };

/**
 * Why a batch of paper ballots does not add up, or null. Every paper ballot answers the overall question for
 * every subject, so per subject the overall counts sum to exactly the ballots entered; a dimension may be
 * left blank on paper, so its counts sum to at most that.
 */
export function paperProblem(q: Questionnaire, subjectIds: readonly string[], ballots: number, rows: readonly PaperCount[]): string | null {
  if (!Number.isInteger(ballots) || ballots < 1) return '纸质票数至少为 1';
  const questions = new Set(questionsOf(q).map((x) => x.key));
  const scale = new Set(q.scale.map((x) => x.key));
  const subjects = new Set(subjectIds);
  const sums = new Map<string, number>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (!subjects.has(r.subjectId)) return '评议对象不在本次投票中';
    if (!questions.has(r.question)) return '评议项目不在本次问卷中';
    if (!scale.has(r.answer)) return '评价选项无效';
    if (!Number.isInteger(r.count) || r.count < 0) return '票数须为非负整数';
    const k = `${r.subjectId}\u0000${r.question}`;
    const ka = `${k}\u0000${r.answer}`;
    if (seen.has(ka)) return '同一选项只能填写一次';
    seen.add(ka);
    sums.set(k, (sums.get(k) ?? 0) + r.count);
  }
  for (const s of subjectIds) {
    if ((sums.get(`${s}\u0000${OVERALL}`) ?? 0) !== ballots) return '每个评议对象的总体评价票数之和须等于纸质票数';
  }
  for (const [k, n] of sums) if (n > ballots) return `${k.endsWith(OVERALL) ? '总体评价' : '分项'}票数之和不能超过纸质票数`;
  return null;
}
