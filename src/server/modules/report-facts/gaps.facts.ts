import type { Fact, Facts } from '../../../shared/report/facts.ts';
import { labelOf } from './facts.helpers.ts';

/*
 * Shortcomings (存在的不足), derived from the other areas' facts after they have run, so the figures are
 * the very ones the report quotes elsewhere. A gap has a value only when things are not as they should be;
 * otherwise it is empty and the template's "存在的不足" picks its general sentence.
 */

export const ON_TIME_FLOOR = 0.9;
export const ATTENDANCE_FLOOR = 0.85;

const empty = (key: string): Fact => ({ value: null, ids: [], label: labelOf(key) });
const numberOf = (f: Fact | undefined) => (typeof f?.value === 'number' ? f.value : null);

export function gapFacts(facts: Facts): Facts {
  const onTime = numberOf(facts['suggestions.onTimeRate']);
  const attendance = numberOf(facts['activities.attendanceRate']);
  const replied = new Set(facts['suggestions.replied']?.ids ?? []);
  const unreplied = (facts['suggestions.assigned']?.ids ?? []).filter((id) => !replied.has(id));
  const open = numberOf(facts['findings.open']);
  return {
    'gaps.onTimeRate':
      onTime !== null && onTime < ON_TIME_FLOOR
        ? { value: onTime, ids: facts['suggestions.onTimeRate']?.ids ?? [], label: labelOf('gaps.onTimeRate') }
        : empty('gaps.onTimeRate'),
    'gaps.suggestionsUnreplied':
      unreplied.length > 0 ? { value: unreplied.length, ids: unreplied, label: labelOf('gaps.suggestionsUnreplied') } : empty('gaps.suggestionsUnreplied'),
    'gaps.attendanceRate':
      attendance !== null && attendance < ATTENDANCE_FLOOR
        ? { value: attendance, ids: facts['activities.attendanceRate']?.ids ?? [], label: labelOf('gaps.attendanceRate') }
        : empty('gaps.attendanceRate'),
    'gaps.findingsOpen':
      open !== null && open > 0 ? { value: open, ids: facts['findings.open']?.ids ?? [], label: labelOf('gaps.findingsOpen') } : empty('gaps.findingsOpen'),
  };
}
