import type { RollStatus } from '../../db/tables/sessions.ts';

/*
 * The sign-in sheet (签到表) of a session, pure: its columns, one row per deputy on the roll, the header
 * figures. Shared by the Excel export (roll.xlsx.ts) and the print page (src/web/pages/sessions/RollPrintPage.tsx),
 * so the paper and the spreadsheet say the same thing.
 */

export const ROLL_LABEL: Record<RollStatus, string> = { expected: '未签到', present: '出席', late: '迟到', on_leave: '请假', absent: '缺席' };

export type RollSheetKey = 'seq' | 'code' | 'name' | 'station' | 'status' | 'leaveReason' | 'arrivedAt' | 'signature';

export const ROLL_SHEET_COLUMNS: readonly { key: RollSheetKey; header: string; width: number }[] = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'code', header: '编码', width: 9 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'station', header: '联络站', width: 16 },
  { key: 'status', header: '状态', width: 8 },
  { key: 'leaveReason', header: '请假事由', width: 18 },
  { key: 'arrivedAt', header: '到会时间', width: 12 },
  { key: 'signature', header: '签名', width: 16 },
];

export type RollSheetEntry = {
  code: string;
  name: string;
  stationName: string | null;
  status: RollStatus;
  leaveReason: string;
  arrivedAt: string | null;
};

/** A UTC timestamp as China time (UTC+8, no daylight saving): `3月10日 08:05`. */
export function chinaDateTime(iso: string | null): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + 8 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

/** One line of the sheet; `seq` counts from 1. The signature cell stays empty, for the pen. */
export function rollSheetRow(e: RollSheetEntry, seq: number): Record<RollSheetKey, string | number> {
  return {
    seq,
    code: e.code,
    name: e.name,
    station: e.stationName ?? '',
    status: ROLL_LABEL[e.status],
    leaveReason: e.status === 'on_leave' ? e.leaveReason : '',
    arrivedAt: e.status === 'present' || e.status === 'late' ? chinaDateTime(e.arrivedAt) : '',
    signature: '',
  };
}

export type RollSheetCounts = { all: number; present: number; late: number; onLeave: number; absent: number; expected: number };

/** 应到 79 名　实到 53 名　请假 3 名　缺席 2 名 (未签到 n 名 while some are unmarked). Present and late are both 实到. */
export function rollSheetFigures(c: RollSheetCounts): { label: string; value: number }[] {
  const figures = [
    { label: '应到', value: c.all },
    { label: '实到', value: c.present + c.late },
    { label: '请假', value: c.onLeave },
    { label: '缺席', value: c.absent },
  ];
  if (c.expected > 0) figures.push({ label: '未签到', value: c.expected });
  return figures;
}

export function rollSheetFiguresText(c: RollSheetCounts): string {
  return rollSheetFigures(c)
    .map((f) => `${f.label} ${f.value} 名`)
    .join('　');
}

/** 2026年3月10日至11日 / 2026年3月10日 / 2026年3月31日至4月1日 (dates as YYYY-MM-DD). */
export function sessionDatesText(start: string, end: string): string {
  const [y1, m1, d1] = start.split('-').map(Number);
  const [y2, m2, d2] = end.split('-').map(Number);
  const first = `${y1}年${m1}月${d1}日`;
  if (start === end || !end) return first;
  if (y1 !== y2) return `${first}至${y2}年${m2}月${d2}日`;
  if (m1 !== m2) return `${first}至${m2}月${d2}日`;
  return `${first}至${d2}日`;
}
