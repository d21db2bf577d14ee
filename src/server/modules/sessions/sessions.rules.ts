import type { ElectionPost, MotionStatus, ProposerType, RollStatus, RoundOutcome, VoteResult } from '../../db/tables/sessions.ts';

/*
 * The legal numbers of a town congress session, pure (地方组织法 2022 Art.14, 22, 25; 代表法 Art.62;
 * 选举法). "All deputies" (全体代表) is always the size of the session's roll — the deputies in office —
 * never the number present. Every threshold is "more than" a fraction, so it is computed in integers:
 * the smallest n with n > total × p/q is floor(total × p / q) + 1.
 */

/** Present for quorum: more than two-thirds of all deputies (79 → 53, 80 → 54, 81 → 55). */
export function quorumNeeded(allDeputies: number): number {
  return Math.floor((allDeputies * 2) / 3) + 1;
}

/** More than half of all deputies: to pass a resolution or to be elected (79 → 40, 80 → 41). */
export function majorityNeeded(allDeputies: number): number {
  return Math.floor(allDeputies / 2) + 1;
}

/** Who counts as present: present and late arrivals who have come. */
export const COUNTS_PRESENT: readonly RollStatus[] = ['present', 'late'];

export type RollCounts = { all: number; present: number; late: number; onLeave: number; absent: number; expected: number };

export function rollCounts(statuses: readonly RollStatus[]): RollCounts {
  const c: RollCounts = { all: statuses.length, present: 0, late: 0, onLeave: 0, absent: 0, expected: 0 };
  for (const s of statuses) {
    if (s === 'present') c.present++;
    else if (s === 'late') c.late++;
    else if (s === 'on_leave') c.onLeave++;
    else if (s === 'absent') c.absent++;
    else c.expected++;
  }
  return c;
}

export type Quorum = { all: number; present: number; needed: number; reached: boolean; short: number };

/** The live count against all deputies; an empty roll never has a quorum. */
export function quorum(all: number, present: number): Quorum {
  const needed = quorumNeeded(all);
  return { all, present, needed, reached: all > 0 && present >= needed, short: Math.max(0, needed - present) };
}

// ---------------------------------------------------------------- votes on items

export type VoteCounts = { for: number; against: number; abstain: number; notVoting: number };

export type VoteCheck = { ok: true } | { ok: false; field: keyof VoteCounts | 'total'; message: string };

/** The counts must be whole numbers and add up to the deputies present (those not voting included). */
export function checkVoteCounts(c: VoteCounts, present: number): VoteCheck {
  for (const k of ['for', 'against', 'abstain', 'notVoting'] as const) {
    if (!Number.isInteger(c[k]) || c[k] < 0) return { ok: false, field: k, message: '须为不小于 0 的整数' };
  }
  const sum = c.for + c.against + c.abstain + c.notVoting;
  if (sum !== present) return { ok: false, field: 'total', message: `赞成、反对、弃权、未按表决器之和（${sum}）应等于出席代表数（${present}）` };
  return { ok: true };
}

/**
 * Passed when "for" is more than half of ALL deputies. Otherwise a tie (for = against) is voted again;
 * anything else fails. (A "for" above half of all cannot tie: against is then below half.)
 */
export function voteResult(c: Pick<VoteCounts, 'for' | 'against'>, allDeputies: number): VoteResult {
  if (c.for >= majorityNeeded(allDeputies)) return 'passed';
  if (c.for === c.against) return 'tie';
  return 'failed';
}

// ---------------------------------------------------------------- motions

/** A motion by deputies needs 5 or more of them jointly (Art.22); the presidium and the government need none. */
export const MOTION_MIN_SPONSORS = 5;

export function motionSponsorsOk(proposer: ProposerType, sponsorCount: number): boolean {
  return proposer !== 'deputies' || sponsorCount >= MOTION_MIN_SPONSORS;
}

export type MotionAction = 'put_on_agenda' | 'to_suggestion' | 'not_accept' | 'withdraw' | 'record_result';

const MOTION_FROM: Record<MotionAction, readonly MotionStatus[]> = {
  // The presidium decides on a submitted motion.
  put_on_agenda: ['submitted'],
  to_suggestion: ['submitted'],
  not_accept: ['submitted'],
  // Withdrawal is allowed until the vote (组织法): not after a result, nor after another decision ended it.
  withdraw: ['submitted', 'on_agenda'],
  record_result: ['on_agenda'],
};

const MOTION_TO: Record<Exclude<MotionAction, 'record_result'>, MotionStatus> = {
  put_on_agenda: 'on_agenda',
  to_suggestion: 'to_suggestion',
  not_accept: 'not_accepted',
  withdraw: 'withdrawn',
};

/** The next status, or null when the action is not allowed from `from`. `record_result` takes the vote's result. */
export function motionTransition(from: MotionStatus, action: MotionAction, result?: 'passed' | 'failed'): MotionStatus | null {
  if (!MOTION_FROM[action].includes(from)) return null;
  if (action === 'record_result') return result ?? null;
  return MOTION_TO[action];
}

/** The actions a motion in `status` still allows (for the page's buttons). */
export function motionActions(status: MotionStatus): MotionAction[] {
  return (Object.keys(MOTION_FROM) as MotionAction[]).filter((a) => a !== 'record_result' && MOTION_FROM[a].includes(status));
}

// ---------------------------------------------------------------- elections

export type NominationRule = { mode: 'competitive' | 'uncontested' | 'irregular'; warnings: string[] };

const POST_LABEL: Record<ElectionPost, string> = {
  chair: '人大主席',
  vice_chair: '人大副主席',
  town_head: '镇长',
  deputy_head: '副镇长',
  presidium_member: '主席团成员',
  other: '该职务',
};

/**
 * The competitive / uncontested rules for a post, as warnings (the presidium decides; the system says
 * what the law expects). Chair and town head: one more candidate than seats (差额), or uncontested (等额)
 * when only one is nominated. Vice posts: 1–3 more candidates than seats. Other posts: no statutory rule.
 */
export function nominationRule(post: ElectionPost, seats: number, candidates: number): NominationRule {
  const label = POST_LABEL[post];
  const extra = candidates - seats;
  const warnings: string[] = [];
  if (candidates < seats) warnings.push(`候选人（${candidates} 名）少于应选名额（${seats} 名）`);
  if (post === 'chair' || post === 'town_head') {
    if (seats === 1 && candidates === 1) return { mode: 'uncontested', warnings };
    if (extra === 1) return { mode: 'competitive', warnings };
    if (candidates >= seats) warnings.push(`${label}的选举应差额一人（候选人 ${seats + 1} 名），或只提名一人时等额选举；现有候选人 ${candidates} 名`);
    return { mode: 'irregular', warnings };
  }
  if (post === 'vice_chair' || post === 'deputy_head') {
    if (extra >= 1 && extra <= 3) return { mode: 'competitive', warnings };
    if (candidates >= seats) warnings.push(`${label}的候选人应比应选名额多 1 至 3 人（应为 ${seats + 1}–${seats + 3} 名）；现有候选人 ${candidates} 名`);
    return { mode: 'irregular', warnings };
  }
  return { mode: extra > 0 ? 'competitive' : extra === 0 ? 'uncontested' : 'irregular', warnings };
}

/**
 * No nominator — the presidium, or any deputy joining nominations — may name more candidates than
 * seats (选举法). Given each nomination's signers (empty for the presidium) and candidate ids, the
 * nominators over the limit with their count.
 */
export function overNominators(
  seats: number,
  nominations: readonly { nominator: 'presidium' | 'deputies'; signers: readonly string[]; candidateIds: readonly string[] }[],
): { nominator: string; count: number }[] {
  const named = new Map<string, Set<string>>();
  for (const n of nominations) {
    const keys = n.nominator === 'presidium' ? ['presidium'] : n.signers;
    for (const k of keys) {
      const s = named.get(k) ?? new Set<string>();
      for (const c of n.candidateIds) s.add(c);
      named.set(k, s);
    }
  }
  return [...named].filter(([, s]) => s.size > seats).map(([nominator, s]) => ({ nominator, count: s.size }));
}

/** A joint nomination by deputies needs 10 or more of them, in writing. */
export const NOMINATION_MIN_SIGNERS = 10;

export type BallotFigures = { issued: number; returned: number; valid: number; invalid: number };

export type TallyLine = { key: string; for: number; against: number; abstain: number };

export type TallyCheck = { ok: true } | { ok: false; field: string; message: string };

/** The ballot figures and the per-candidate counts must agree with each other. */
export function checkTally(b: BallotFigures, present: number, lines: readonly TallyLine[], seats: number): TallyCheck {
  for (const k of ['issued', 'returned', 'valid', 'invalid'] as const) {
    if (!Number.isInteger(b[k]) || b[k] < 0) return { ok: false, field: k, message: '须为不小于 0 的整数' };
  }
  if (b.issued > present) return { ok: false, field: 'issued', message: `发出选票（${b.issued}）不能多于出席代表数（${present}）` };
  if (b.valid + b.invalid !== b.returned) return { ok: false, field: 'valid', message: `有效票与无效票之和应等于收回选票（${b.returned}）` };
  let forSum = 0;
  for (const [i, l] of lines.entries()) {
    for (const k of ['for', 'against', 'abstain'] as const) {
      if (!Number.isInteger(l[k]) || l[k] < 0) return { ok: false, field: `lines[${i}].${k}`, message: '须为不小于 0 的整数' };
    }
    if (l.for + l.against + l.abstain > b.valid) return { ok: false, field: `lines[${i}]`, message: `赞成、反对、弃权之和不能多于有效票（${b.valid}）` };
    forSum += l.for;
  }
  // On a valid ballot a deputy votes for at most as many people as there are seats.
  if (forSum > b.valid * seats) return { ok: false, field: 'lines', message: `赞成票总数（${forSum}）不能多于有效票 × 应选名额（${b.valid * seats}）` };
  return { ok: true };
}

export type TallyResult = {
  outcome: RoundOutcome;
  needed: number;
  elected: string[];
  /** Reached the threshold but tied at the last seat: they go to the next round. */
  tiedAtCutoff: string[];
  unfilled: number;
};

/**
 * Who is elected in a round. A round is void when more ballots came back than were issued (选举无效).
 * Otherwise a candidate (or write-in) is elected with "for" votes above half of ALL deputies; when more
 * reach that than there are seats, the most votes win; those tied for the last seat are not elected and
 * the seat goes to a further round with the rest.
 */
export function tallyRound(b: BallotFigures, allDeputies: number, seats: number, lines: readonly TallyLine[]): TallyResult {
  const needed = majorityNeeded(allDeputies);
  if (b.returned > b.issued) return { outcome: 'void', needed, elected: [], tiedAtCutoff: [], unfilled: seats };
  const over = lines.filter((l) => l.for >= needed).sort((x, y) => y.for - x.for);
  let elected: TallyLine[] = over;
  let tied: TallyLine[] = [];
  if (over.length > seats) {
    const cutoff = over[seats - 1].for;
    const above = over.filter((l) => l.for > cutoff);
    const atCutoff = over.filter((l) => l.for === cutoff);
    if (above.length + atCutoff.length === seats) elected = [...above, ...atCutoff];
    else {
      elected = above;
      tied = atCutoff;
    }
  }
  const unfilled = seats - elected.length;
  const outcome: RoundOutcome = unfilled === 0 ? 'filled' : elected.length > 0 ? 'partly' : 'none';
  return { outcome, needed, elected: elected.map((l) => l.key), tiedAtCutoff: tied.map((l) => l.key), unfilled };
}

// ---------------------------------------------------------------- absence

/** 代表法 Art.62: absent from two sessions without leave (未经批准两次不出席) ends the mandate — flag it. */
export const ABSENCE_LIMIT = 2;

export function absenceFlagged(unexcusedAbsences: number): boolean {
  return unexcusedAbsences >= ABSENCE_LIMIT;
}

// ---------------------------------------------------------------- names

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals as used in session names: 2 → 二, 10 → 十, 18 → 十八, 21 → 二十一. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** 第十八届人民代表大会第二次会议 (临时会议 when extraordinary keeps the count: sessions are numbered in one series). */
export function sessionName(termNumber: number, number: number, townName = ''): string {
  return `${townName}第${chineseNumber(termNumber)}届人民代表大会第${chineseNumber(number)}次会议`;
}

/** 十八届二次 */
export function sessionShortName(termNumber: number, number: number): string {
  return `${chineseNumber(termNumber)}届${chineseNumber(number)}次`;
}
