/*
 * A fact is one figure of a town for a period, computed from the records, with the ids of the records it
 * counts ("<kind>:<id>"), so every number in a report can be followed back. Shared by the server (which
 * computes facts) and the web (which shows them as links). Keys are documented in docs/report-facts.md.
 */

export type FactValue = number | string | string[] | null;

export type Fact = { value: FactValue; ids: string[]; label: string };

export type Facts = Record<string, Fact>;

/** The record kinds a fact id can name, and where each opens in the web app. */
export const RECORD_KINDS = [
  'deputy',
  'station',
  'activity',
  'reception',
  'opinion',
  'suggestion',
  'session',
  'motion',
  'election',
  'research',
  'finding',
  'notice',
  'appraisal',
  'duty_report',
  'review',
  'points_scheme',
  'presidium_meeting',
  'document',
  'achievement',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The web path of a record; null for a kind without a page of its own. */
export function recordHref(ref: string): string | null {
  const i = ref.indexOf(':');
  if (i <= 0) return null;
  const kind = ref.slice(0, i) as RecordKind;
  const id = encodeURIComponent(ref.slice(i + 1));
  switch (kind) {
    case 'deputy':
      return `/deputies/${id}`;
    case 'station':
      return `/stations/${id}`;
    case 'activity':
      return `/activities/${id}`;
    case 'reception':
      return `/receptions/${id}`;
    case 'opinion':
      return null; // a reception matter or a portal submission: the records list links its reception or inbox entry
    case 'suggestion':
      return `/suggestions/${id}`;
    case 'session':
      return `/sessions/${id}`;
    case 'motion':
    case 'election':
      return null; // shown on their session's page; the records list names the session
    case 'research':
      return `/research/${id}`;
    case 'finding':
      return `/findings/${id}`;
    case 'notice':
      return `/findings/notices/${id}`;
    case 'appraisal':
      return `/appraisals/${id}`;
    case 'duty_report':
      return `/duty-reports/${id}`;
    case 'review':
      return `/reviews/${id}`;
    case 'points_scheme':
      return '/points';
    case 'presidium_meeting':
      return `/presidium-meetings/${id}`;
    case 'document':
      return `/documents/${id}`;
    case 'achievement':
      return `/achievements/${id}`;
    default:
      return null;
  }
}

/** A fact counts as "nothing happened" when it is 0, empty, or missing — such areas are left out of a draft. */
export function isEmptyFact(f: Fact | undefined): boolean {
  if (!f) return true;
  const v = f.value;
  if (v === null || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/** A count fact from record ids (the usual case: the value is how many records there are). */
export function countFact(label: string, ids: readonly string[]): Fact {
  return { value: ids.length, ids: [...ids], label };
}
