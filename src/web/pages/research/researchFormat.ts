import type { Claimant } from '../../api/research.ts';

/** A stored UTC time as China wall-clock text (UTC+8 all year). */
export function chinaTime(utc: string | null): string {
  if (!utc) return '—';
  return new Date(Date.parse(utc) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** "S01 桥东联络站" */
export function claimantText(c: Claimant | null): string {
  return c ? `${c.name}（${c.code}）` : '—';
}

/** Claimant filter values carry the type: "station:<id>" or "group:<id>". */
export function parseClaimantValue(v: string | undefined): { claimantType?: 'station' | 'group'; claimantId?: string } {
  if (!v) return {};
  const [type, id] = v.split(':');
  return type === 'station' || type === 'group' ? { claimantType: type, claimantId: id } : {};
}

/** The years a list may show: from two years back to next year (topics are published ahead). */
export function yearOptions(current: number): number[] {
  return [current + 1, current, current - 1, current - 2];
}
