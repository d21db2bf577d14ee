import { dueState } from '../suggestions/deadlines.rules.ts';
import type { NotificationRow } from './notify.ts';

/*
 * Who is reminded of what, pure. Each day an office's handlers get one reminder per item of theirs that
 * is overdue or due soon (within the town's dueSoonDays), and each town administrator one summary of the
 * town's late and soon-due items — a line per item would bury the bell. Keys carry the China date: a
 * second run the same day (the button, a restart, another server process) adds nothing.
 */

export type OpenItem = { id: string; townId: string; code: string; title: string; dueDate: string; leadUnitId: string | null };

export type ReminderKind = 'suggestion_overdue' | 'suggestion_due_soon';
export const DIGEST_KIND = 'supervision_digest';

/** What an item is today: overdue after its due day, due soon within `soonDays`, otherwise nothing. */
export function reminderKind(dueDate: string, today: string, soonDays: number): { kind: ReminderKind; daysLeft: number } | null {
  const d = dueState(dueDate, today, soonDays);
  if (d.overdue) return { kind: 'suggestion_overdue', daysLeft: d.daysLeft };
  if (d.dueSoon) return { kind: 'suggestion_due_soon', daysLeft: d.daysLeft };
  return null;
}

export function itemDedupeKey(itemId: string, today: string): string {
  return `remind:${itemId}:${today}`;
}

export function digestDedupeKey(townId: string, today: string): string {
  return `remind-digest:${townId}:${today}`;
}

function itemTitle(code: string, kind: ReminderKind, daysLeft: number, dueDate: string): string {
  if (kind === 'suggestion_overdue') return `建议 ${code} 已逾期 ${-daysLeft} 天（答复期限 ${dueDate}）`;
  if (daysLeft === 0) return `建议 ${code} 今天到期，请及时答复`;
  return `建议 ${code} 将于 ${daysLeft} 天后到期（${dueDate}）`;
}

const DIGEST_LIST = 10;

export type Recipients = {
  /** Active handler accounts of each office. */
  handlersByUnit: ReadonlyMap<string, readonly string[]>;
  /** Active town_admin accounts of each town. */
  adminsByTown: ReadonlyMap<string, readonly string[]>;
  /** The town's due-soon window (suggestion settings), 14 days when absent. */
  soonDaysByTown: ReadonlyMap<string, number>;
};

/** The notifications of one day's run over the open items (assigned, handling or re-handling). */
export function planReminders(items: readonly OpenItem[], today: string, who: Recipients): NotificationRow[] {
  const out: NotificationRow[] = [];
  const perTown = new Map<string, { overdue: string[]; soon: string[] }>();
  const sorted = [...items].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.code.localeCompare(b.code));
  for (const it of sorted) {
    const k = reminderKind(it.dueDate, today, who.soonDaysByTown.get(it.townId) ?? 14);
    if (!k) continue;
    const town = perTown.get(it.townId) ?? { overdue: [], soon: [] };
    (k.kind === 'suggestion_overdue' ? town.overdue : town.soon).push(it.code);
    perTown.set(it.townId, town);
    const handlers = it.leadUnitId ? (who.handlersByUnit.get(it.leadUnitId) ?? []) : [];
    for (const userId of handlers) {
      out.push({
        townId: it.townId,
        userId,
        kind: k.kind,
        title: itemTitle(it.code, k.kind, k.daysLeft, it.dueDate),
        body: it.title,
        link: `/suggestions/${it.id}`,
        entity: 'suggestion',
        entityId: it.id,
        dedupeKey: itemDedupeKey(it.id, today),
      });
    }
  }
  for (const [townId, t] of perTown) {
    const parts = [t.overdue.length ? `${t.overdue.length} 件已逾期` : '', t.soon.length ? `${t.soon.length} 件即将到期` : ''].filter(Boolean);
    const list = (codes: string[]) => codes.slice(0, DIGEST_LIST).join('、') + (codes.length > DIGEST_LIST ? ` 等 ${codes.length} 件` : '');
    const body = [t.overdue.length ? `已逾期：${list(t.overdue)}` : '', t.soon.length ? `即将到期：${list(t.soon)}` : ''].filter(Boolean).join('；');
    for (const userId of who.adminsByTown.get(townId) ?? []) {
      out.push({
        townId,
        userId,
        kind: DIGEST_KIND,
        title: `督办提醒：${parts.join('，')}`,
        body,
        link: '/supervision',
        dedupeKey: digestDedupeKey(townId, today),
      });
    }
  }
  return out;
}
