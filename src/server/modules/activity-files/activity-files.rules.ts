import type { ActivityFileRole } from '../../db/tables/activity-files.ts';
import { DOCUMENT_KINDS, type FileKind, IMAGE_KINDS } from '../files/files.rules.ts';

/*
 * What may be linked to an activity, and how much of it. Pure: the service counts what is there and
 * asks these rules before it writes.
 */

export type { ActivityFileRole };

export const ACTIVITY_FILE_ROLES = ['photo', 'attachment'] as const satisfies readonly ActivityFileRole[];

/** Photos are pictures the page shows; attachments are papers to download (minutes, slides, sheets). */
export const KINDS_BY_ROLE: Record<ActivityFileRole, readonly FileKind[]> = { photo: IMAGE_KINDS, attachment: DOCUMENT_KINDS };

/**
 * At most this many per activity. Thirty photos are more than any write-up of one township activity
 * uses, and each may be 10 MB: the cap keeps one activity's page and backup from growing without end.
 */
export const MAX_PER_ROLE: Record<ActivityFileRole, number> = { photo: 30, attachment: 20 };

export const ROLE_LABEL: Record<ActivityFileRole, string> = { photo: '照片', attachment: '附件' };

export const MAX_CAPTION = 200;

/**
 * Why `adding` more files of `role` do not fit next to the `existing` ones, or null when they do.
 * The message says how many may still be added, so the user knows what to drop.
 */
export function roomProblem(role: ActivityFileRole, existing: number, adding: number): string | null {
  const max = MAX_PER_ROLE[role];
  if (existing + adding <= max) return null;
  const left = Math.max(0, max - existing);
  const unit = role === 'photo' ? '张' : '个';
  return left === 0
    ? `每个活动最多 ${max} ${unit}${ROLE_LABEL[role]}，已满`
    : `每个活动最多 ${max} ${unit}${ROLE_LABEL[role]}，已有 ${existing} ${unit}，本次最多再添加 ${left} ${unit}`;
}

/** Sort positions for files appended after the current last one (gaps are fine; order is what counts). */
export function appendedOrders(currentMax: number | null, n: number): number[] {
  const start = currentMax === null ? 0 : currentMax + 1;
  return Array.from({ length: n }, (_, i) => start + i);
}

/**
 * Why `requested` is not a new order of `current` (the file ids of one role, as stored), or null.
 * A new order names every file exactly once: a list made before someone else added or removed a file
 * is refused rather than half applied.
 */
export function orderProblem(current: readonly string[], requested: readonly string[]): string | null {
  if (new Set(requested).size !== requested.length) return '排序中有重复的文件';
  const have = new Set(current);
  if (requested.length !== current.length || requested.some((id) => !have.has(id))) return '文件列表已变化，请刷新后再排序';
  return null;
}
