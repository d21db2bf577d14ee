/** What a review's period is: a month for peer review, a quarter for voter review. */
export const PERIOD_PATTERN = { peer_review: /^\d{4}-(0[1-9]|1[0-2])$/, voter_review: /^\d{4}-Q[1-4]$/ } as const;

/** The current month or quarter, as the form's first suggestion. */
export function currentPeriod(kind: 'peer_review' | 'voter_review', now = new Date()): string {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  return kind === 'peer_review' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.ceil(m / 3)}`;
}
