import { z } from 'zod';
import type { OrganiserType } from '../../../db/schema.ts';
import { ORGANISER_TYPES } from '../../activities/activities.schemas.ts';
import type { IssueList } from '../workbook.check.ts';
import { Key, Text } from '../workbook.schemas.ts';
import type { KeyKind, KeyMaps } from '../workbook.types.ts';

/* Field types and helpers shared by the activity-series and activities sections. */

/** A moment exactly as the activity tables store it: UTC with milliseconds, which sorts as text. */
export const UtcTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, '时间应为 UTC 格式，如 2026-06-06T01:00:00.000Z')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, '不是有效时间')
  .meta({ description: 'UTC 时间，毫秒精度，如 2026-06-06T01:00:00.000Z（北京时间 09:00）' });

export const OrganiserFields = {
  organiserType: z.enum(ORGANISER_TYPES).meta({ description: 'town 本镇 / station 联络站 / group 代表小组' }),
  organiser: Key.nullable().meta({ description: '组织方的联络站或代表小组编码；本镇组织时为 null' }),
};

export const Speakers = z.array(Text(50)).max(20, '最多 20 位').meta({ description: '主讲人，按原顺序' });

/** A town organises without a code; a station or group needs one. */
export function organiserShapeIssue(r: { organiserType: OrganiserType; organiser: string | null }): string | null {
  if (r.organiserType === 'town') return r.organiser === null ? null : '组织方为本镇时 organiser 应为 null';
  return r.organiser === null ? '请填写组织方的联络站或代表小组编码' : null;
}

const ORGANISER_KIND: Record<OrganiserType, KeyKind | null> = { town: null, station: 'station', group: 'group' };

export function checkOrganiser(
  out: IssueList,
  known: (kind: KeyKind, key: string) => boolean,
  r: { organiserType: OrganiserType; organiser: string | null },
  path: string,
): void {
  const kind = ORGANISER_KIND[r.organiserType];
  if (kind) out.ref(known, kind, r.organiser, path);
}

/** The station and group columns for an organiser. */
export function organiserIds(
  keys: KeyMaps,
  r: { organiserType: OrganiserType; organiser: string | null },
): { stationId: string | null; groupId: string | null } {
  return {
    stationId: r.organiserType === 'station' ? keys.idOrNull('station', r.organiser) : null,
    groupId: r.organiserType === 'group' ? keys.idOrNull('group', r.organiser) : null,
  };
}

/** Speakers are kept as JSON text; anything unreadable is no speakers, as the activities module reads it. */
export function speakersOf(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
