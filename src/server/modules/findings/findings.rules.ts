/*
 * A finding (隐患 / 问题) found at an inspection or check, and its rectification, pure. A finding moves
 * open → rectifying (a rectification notice with a deadline was issued) → reinspected (a re-inspection
 * found it fixed) → closed; a re-inspection that finds it not fixed keeps it rectifying (a new deadline
 * needs a new notice). A finding fixed on the spot can be closed from open with a reason. Overdue is
 * derived from the deadline of the notice in force, never stored, so it cannot go stale.
 */

export type FindingStatus = 'open' | 'rectifying' | 'reinspected' | 'closed';
export type FindingAction = 'issue_notice' | 'reinspect_fixed' | 'reinspect_not_fixed' | 'close' | 'reopen';

const NEXT: Record<FindingAction, Partial<Record<FindingStatus, FindingStatus>>> = {
  issue_notice: { open: 'rectifying', rectifying: 'rectifying' }, // re-issued after a failed re-inspection
  reinspect_fixed: { rectifying: 'reinspected' },
  reinspect_not_fixed: { rectifying: 'rectifying' },
  close: { open: 'closed', reinspected: 'closed' },
  reopen: { closed: 'open', reinspected: 'rectifying' },
};

/** The next status, or null when the action is not allowed from `from`. */
export function findingTransition(from: FindingStatus, action: FindingAction): FindingStatus | null {
  return NEXT[action][from] ?? null;
}

export function findingActions(status: FindingStatus): FindingAction[] {
  return (Object.keys(NEXT) as FindingAction[]).filter((a) => NEXT[a][status] !== undefined);
}

/**
 * Overdue: a notice is in force (its deadline given), the finding is not yet fixed, and the China date
 * `today` is after the deadline (the deadline day itself is still in time).
 */
export function isOverdue(status: FindingStatus, deadline: string | null, today: string): boolean {
  return deadline !== null && (status === 'open' || status === 'rectifying') && today > deadline;
}

/** Fixed on time: the re-inspection that found it fixed is on or before the deadline of the notice in force. */
export function fixedOnTime(fixedOn: string | null, deadline: string | null): boolean | null {
  if (fixedOn === null) return null;
  if (deadline === null) return true; // fixed without a notice (on the spot)
  return fixedOn <= deadline;
}

export type FindingFacts = {
  id: string;
  foundOn: string;
  status: FindingStatus;
  /** Deadline of the notice in force, if any. */
  deadline: string | null;
  /** Date of the re-inspection that found it fixed, or the closing date when closed without a notice. */
  fixedOn: string | null;
  /** Notices covering it, with their issue dates. */
  notices: readonly { id: string; issuedOn: string }[];
};

export type FindingTotals = {
  found: string[];
  noticesIssued: string[];
  fixedOnTime: string[];
  fixedLate: string[];
  stillOpen: string[];
  overdue: string[];
};

/**
 * Period totals with the ids each figure counts (a report figure must be traceable): findings found in
 * [from, to], notices issued in it (distinct notices), findings fixed in it on time or late, and of the
 * findings found up to `to` those still not fixed at `to` (and of those, overdue at `to` — measured against
 * the deadline in force now; a notice re-issued after `to` would move it).
 */
export function findingTotals(rows: readonly FindingFacts[], from: string, to: string): FindingTotals {
  const t: FindingTotals = { found: [], noticesIssued: [], fixedOnTime: [], fixedLate: [], stillOpen: [], overdue: [] };
  const notices = new Set<string>();
  for (const f of rows) {
    if (f.foundOn >= from && f.foundOn <= to) t.found.push(f.id);
    for (const n of f.notices) if (n.issuedOn >= from && n.issuedOn <= to) notices.add(n.id);
    if (f.fixedOn !== null && f.fixedOn >= from && f.fixedOn <= to) (fixedOnTime(f.fixedOn, f.deadline) ? t.fixedOnTime : t.fixedLate).push(f.id);
    const fixedByEnd = f.fixedOn !== null && f.fixedOn <= to;
    // Every fixed or closed finding has fixedOn, so this reads the state at `to`, not today's status.
    if (f.foundOn <= to && !fixedByEnd) {
      t.stillOpen.push(f.id);
      if (f.deadline !== null && to > f.deadline) t.overdue.push(f.id);
    }
  }
  t.noticesIssued = [...notices].sort();
  return t;
}

/** The activity kinds findings are recorded at: inspections, checks (research) and other checks. */
export const FINDING_ACTIVITY_KINDS = ['inspection', 'research', 'other'] as const;

export function findingActivityAllowed(countsAs: string): boolean {
  return (FINDING_ACTIVITY_KINDS as readonly string[]).includes(countsAs);
}

/**
 * The next notice number to suggest for `year`: the office's own numbering carried on from the latest
 * number of that year that ends 〔year〕N号 (its prefix kept, N + 1), or `整改〔year〕1号` when there is none.
 */
export function suggestNoticeNumber(numbers: readonly string[], year: number, fallbackPrefix = '整改'): string {
  const re = new RegExp(`^(.*)〔${year}〕(\\d+)号$`);
  let best: { prefix: string; n: number } | null = null;
  for (const s of numbers) {
    const m = re.exec(s.trim());
    if (!m) continue;
    const n = Number(m[2]);
    if (!best || n > best.n) best = { prefix: m[1], n };
  }
  return best ? `${best.prefix}〔${year}〕${best.n + 1}号` : `${fallbackPrefix}〔${year}〕1号`;
}
