import type { MsgKey, Translate } from '../../i18n/index.tsx';
import { eventKey } from './suggestionFormat.ts';

/*
 * Labels of names the server sends (actions, event types, states). A name this page does not know yet
 * shows as it is rather than as a message key.
 */

function known(t: Translate, key: string, fallback: string): string {
  const s = t(key as MsgKey);
  return s === key ? fallback : s;
}

export const actionLabel = (t: Translate, action: string) => known(t, `suggestion.action.${action}`, action);
export const eventLabel = (t: Translate, type: string) => known(t, `suggestion.event.${eventKey(type)}`, type);
export const stateLabel = (t: Translate, state: string | null | undefined) => (state ? known(t, `suggestion.state.${state}`, state) : '');
export const ratingLabel = (t: Translate, r: string | null | undefined) => (r ? known(t, `suggestion.rating.${r}`, r) : '—');

/**
 * The few facts of an event worth a line in the history (the office and due date of an assignment,
 * the grade, the rating, the decision), from its `data` as the server writes it; other keys are left out.
 */
export function eventFacts(t: Translate, type: string, data: Record<string, unknown> | null | undefined): string[] {
  if (!data || typeof data !== 'object') return [];
  const out: string[] = [];
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
  const name = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? str((v as { name: unknown }).name) : null);
  const lead = name(data.leadUnit);
  if (lead) out.push(t('suggestion.eventData.leadUnit', { v: lead }));
  const grade = str(data.grade);
  if (grade) out.push(t('suggestion.eventData.grade', { v: [grade, str(data.gradeLabel)].filter(Boolean).join(' ') }));
  if (str(data.result)) out.push(t('suggestion.eventData.result', { v: ratingLabel(t, str(data.result)) }));
  const method = str(data.method);
  const stage = str(data.stage);
  if (method && stage) out.push(`${known(t, `suggestion.method.${method}`, method)} · ${known(t, `suggestion.stage.${stage}`, stage)}`);
  if (typeof data.approved === 'boolean') out.push(t(data.approved ? 'suggestion.eventData.approved' : 'suggestion.eventData.refused'));
  if (str(data.requestedDue)) out.push(t('suggestion.eventData.requestedDue', { v: str(data.requestedDue) ?? '' }));
  // A reply's data carries the due date it answered; only events that set a due date show it.
  if (str(data.dueDate) && eventKey(type) !== 'reply') out.push(t('suggestion.eventData.dueDate', { v: str(data.dueDate) ?? '' }));
  if (str(data.intoCode)) out.push(t('suggestion.eventData.into', { v: str(data.intoCode) ?? '' }));
  if (str(data.fromCode)) out.push(t('suggestion.eventData.from', { v: str(data.fromCode) ?? '' }));
  if (typeof data.key === 'boolean') out.push(t(data.key ? 'suggestion.eventData.keyOn' : 'suggestion.eventData.keyOff'));
  if (typeof data.published === 'boolean') out.push(t(data.published ? 'suggestion.eventData.publishOn' : 'suggestion.eventData.publishOff'));
  if (str(data.reason)) out.push(t('suggestion.eventData.reason', { v: str(data.reason) ?? '' }));
  return out;
}
