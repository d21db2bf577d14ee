import {
  ACTIONS,
  type Due,
  type Grade,
  type Holiday,
  type Reply,
  SOURCE_TYPES,
  type SourceType,
  type SuggestionItem,
  type SuggestionState,
} from '../../api/suggestions.ts';
import type { Tone } from '../../components/Pill.tsx';

/*
 * Pure helpers of the suggestion pages: tones, due-date wording, the prefill a reception or portal
 * page hands over in the address, the order of action buttons, settings edits. No React, no I/O.
 */

export const STATE_TONE: Record<SuggestionState, Tone> = {
  draft: 'dim',
  submitted: 'info',
  not_accepted: 'dim',
  registered: 'info',
  assigned: 'warn',
  handling: 'warn',
  replied: 'info',
  rehandling: 'bad',
  following: 'brown',
  closed: 'good',
  withdrawn: 'dim',
  merged: 'dim',
};

/** Today's date in China (UTC+8 all year), as the server counts days. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A stored UTC time as China wall-clock text. */
export function chinaTime(utc: string | null | undefined): string {
  if (!utc) return '—';
  const ms = Date.parse(utc);
  if (Number.isNaN(ms)) return utc;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** `date` plus `n` calendar months; the 31st becomes the month's last day (as the server counts the due date). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** `date` plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export type DueLook = { key: 'overdue' | 'today' | 'soon' | 'left'; days: number; tone: Tone };

/**
 * How a due badge reads: overdue in red with the days late, due today or soon in amber, otherwise the
 * days left in a quiet tone. Null when no office holds the item (no `due`).
 */
export function dueLook(due: Due | null | undefined): DueLook | null {
  if (!due) return null;
  if (due.overdue || due.daysLeft < 0) return { key: 'overdue', days: Math.abs(due.daysLeft), tone: 'bad' };
  if (due.daysLeft === 0) return { key: 'today', days: 0, tone: 'warn' };
  if (due.dueSoon) return { key: 'soon', days: due.daysLeft, tone: 'warn' };
  return { key: 'left', days: due.daysLeft, tone: 'info' };
}

/** Event types and actions arrive as `request-return` or `request_return`; labels are keyed by the latter. */
export function eventKey(type: string): string {
  return type.replace(/-/g, '_');
}

/**
 * The buttons of the detail page in a steady order (编辑 first, then the lifecycle order), limited to
 * what the server listed: unknown names are kept at the end so nothing the server allows is hidden.
 */
export function orderActions(actions: readonly string[]): string[] {
  const known = ACTIONS.filter((a) => actions.includes(a));
  const rest = actions.filter((a) => a !== 'edit' && !(ACTIONS as readonly string[]).includes(a));
  return [...(actions.includes('edit') ? ['edit'] : []), ...known, ...rest];
}

/** Actions that need nothing but a confirmation (their body is only the version). */
export const CONFIRM_ONLY: readonly string[] = ['submit', 'start'];

/** Actions that end or refuse something: shown as danger buttons. */
export const DANGER_ACTIONS: readonly string[] = ['not-accept', 'withdraw'];

/** The main step of each state, shown as the primary button. */
export function primaryAction(actions: readonly string[]): string | null {
  for (const a of ['submit', 'register', 'decide-return', 'decide-extension', 'assign', 'reply', 'rate', 'start', 'close']) if (actions.includes(a)) return a;
  return null;
}

export type Prefill = {
  sourceType?: SourceType;
  sourceId?: string;
  title?: string;
  content?: string;
  category?: string;
  villageId?: string;
  /** The congress session (with sourceType=session), from the session page's 建议 tab. */
  sessionId?: string;
};

/**
 * The form's prefill from the address: `?sourceType=reception&sourceId=<matterId>&title=…&content=…&category=…&villageId=…`
 * (the reception and portal pages link here to turn a matter into a suggestion). Unknown source types
 * and a source id without its type are dropped; a title is cut to the length the form takes.
 */
export function parsePrefill(sp: URLSearchParams, titleMax = 200): Prefill {
  const out: Prefill = {};
  const type = sp.get('sourceType');
  if (type && (SOURCE_TYPES as readonly string[]).includes(type)) {
    out.sourceType = type as SourceType;
    const id = sp.get('sourceId')?.trim();
    if (id) out.sourceId = id;
  }
  const title = sp.get('title')?.trim();
  if (title) out.title = title.slice(0, titleMax);
  const content = sp.get('content')?.trim();
  if (content) out.content = content;
  const category = sp.get('category')?.trim();
  if (category) out.category = category;
  const villageId = sp.get('villageId')?.trim();
  if (villageId) out.villageId = villageId;
  const sessionId = sp.get('sessionId')?.trim();
  if (sessionId) out.sessionId = sessionId;
  return out;
}

/** A title from a matter's words when the page gave none: the first sentence, at most `max` characters. */
export function titleFromContent(content: string, max = 40): string {
  const first =
    content
      .trim()
      .split(/[。！？!?\n]/)[0]
      ?.trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** The latest reply (the highest round, then the latest date), or null. */
export function latestReply(replies: readonly Reply[]): Reply | null {
  let best: Reply | null = null;
  for (const r of replies) if (!best || r.round > best.round || (r.round === best.round && r.repliedOn >= best.repliedOn)) best = r;
  return best;
}

/** "A 已解决或基本解决" from the town's grades; an unknown code stays as it is. */
export function gradeText(code: string | null | undefined, grades: readonly Grade[] | undefined, label?: string): string {
  if (!code) return '—';
  const l = label ?? grades?.find((g) => g.code === code)?.label;
  return l ? `${code} ${l}` : code;
}

/** Bytes as 12 KB / 1.5 MB. */
export function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** An office's items sorted for its work list: soonest due first, items without a due date last, then by code. */
export function byDue<T extends Pick<SuggestionItem, 'dueDate' | 'code'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.dueDate !== b.dueDate) {
      if (!a.dueDate) return 1;
      if (!b.dueDate) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    return a.code.localeCompare(b.code);
  });
}

/** States an office still works on (its work list's default). */
export const OFFICE_OPEN_STATES: readonly SuggestionState[] = ['assigned', 'handling', 'rehandling'];

/** States a suggestion can be merged into (not finished, not a draft). */
export const MERGE_TARGET_STATES: readonly SuggestionState[] = ['submitted', 'registered', 'assigned', 'handling', 'replied', 'rehandling', 'following'];

// ---- settings edits -------------------------------------------------------------------------

/** The list with the item at `from` moved to `to` (both inside the list); the input is left alone. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list];
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x);
  return out;
}

/** Why a new category cannot be added, or null. */
export function categoryProblem(name: string, existing: readonly string[]): 'empty' | 'duplicate' | 'long' | null {
  const n = name.trim();
  if (!n) return 'empty';
  if (n.length > 20) return 'long';
  if (existing.includes(n)) return 'duplicate';
  return null;
}

/** Problems with the grade list by row: empty or repeated code, empty label. */
export function gradeProblems(grades: readonly Grade[]): { row: number; field: 'code' | 'label'; problem: 'empty' | 'duplicate' }[] {
  const out: { row: number; field: 'code' | 'label'; problem: 'empty' | 'duplicate' }[] = [];
  const seen = new Set<string>();
  grades.forEach((g, row) => {
    const code = g.code.trim();
    if (!code) out.push({ row, field: 'code', problem: 'empty' });
    else if (seen.has(code)) out.push({ row, field: 'code', problem: 'duplicate' });
    seen.add(code);
    if (!g.label.trim()) out.push({ row, field: 'label', problem: 'empty' });
  });
  return out;
}

/** Problems with a year's holiday list by row: a date outside the year or given twice. */
export function holidayProblems(year: number, items: readonly Holiday[]): { row: number; problem: 'year' | 'duplicate' | 'date' }[] {
  const out: { row: number; problem: 'year' | 'duplicate' | 'date' }[] = [];
  const seen = new Set<string>();
  items.forEach((h, row) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h.date)) out.push({ row, problem: 'date' });
    else if (!h.date.startsWith(`${year}-`)) out.push({ row, problem: 'year' });
    else if (seen.has(h.date)) out.push({ row, problem: 'duplicate' });
    seen.add(h.date);
  });
  return out;
}

/** A holiday list in date order, as it is saved and shown. */
export function sortHolidays(items: readonly Holiday[]): Holiday[] {
  return [...items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The years the filters offer: next year back to four years ago. */
export function yearOptions(current: number): number[] {
  return [current + 1, current, current - 1, current - 2, current - 3, current - 4];
}
