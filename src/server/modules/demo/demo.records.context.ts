import { occurrenceTimes } from '../activities/activities.rules.ts';
import type { ActivityRecord } from '../workbook/sections/activities.section.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { type Roster, rosterOf } from './demo.activities.ts';
import type { TownYear } from './demo.calendar.types.ts';
import type { PersonRef } from './demo.records.types.ts';

/*
 * What the builders of a town's meetings, documents and research topics share: the town as the
 * generator made it (deputies, presidium, units, accounts, activities), China-time helpers, and the
 * seeding moment, which only ever decides what has happened yet.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 'YYYY-MM-DDTHH:MM' China time as a UTC instant (ms). */
export const chinaMs = (local: string) => Date.parse(`${local}:00+08:00`);
/** A UTC instant as the workbook stores it, to the minute. */
export const utc = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString();
/** The China calendar day of an instant. */
export const chinaDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
/** A moment of a China day at a time drawn in [from, to) hours from x in [0, 1). */
export const dayAt = (day: string, x: number, from = 9, to = 17.5) => Date.parse(`${day}T00:00:00+08:00`) + (from + x * (to - from)) * HOUR;
/**
 * People read and write in the daytime: a moment of the night moved into the morning (07:30–09:30) or
 * back into the evening (20:00–21:30) of its day, by x in [0, 1).
 */
export function daytime(ms: number, x = 0): number {
  const h = (((ms / HOUR + 8) % 24) + 24) % 24;
  return h < 7.5 ? ms + (7.5 - h + x * 2) * HOUR : h >= 22 ? ms - (h - 21.5 + x * 1.5) * HOUR : ms;
}
/** '2026-01-06' -> '2026年1月6日'. */
export const chineseDate = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

const DIGITS = '零一二三四五六七八九';
/** 1–99 in Chinese numerals: 23 -> 二十三. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

type Deputy = NonNullable<WorkbookDocument['deputies']>[number];

/** How minutes name a deputy: a village secretary by village, an entrepreneur by firm, an official by post. */
function postOf(d: Deputy): string {
  const village = /^(.+)(村委会|居委会)$/.exec(d.workplace);
  if (village) return `${village[1]}${village[2] === '居委会' ? '党委书记' : '党总支书记'}`;
  if (d.occupation === '企业负责人') return `${d.workplace.replace(/^云溪县/, '')}${d.title}`;
  return d.title;
}

export type RecordsCtx = {
  doc: WorkbookDocument;
  roster: Roster;
  now: number;
  /** The town's administrator account (username and the name it shows). */
  admin: { username: string; name: string };
  /** The liaison account of a station, or the administrator when the station has none. */
  stationUser: (station: string) => string;
  deputy: (code: string) => Deputy;
  /** The activity of a calendar entry (one-off events), by its plan key. */
  activity: (key: string) => ActivityRecord;
  /** A PersonRef as the deputy (or unit) code it names, for owners and leads. */
  ref: (p: PersonRef) => { ownerType: 'deputy' | 'unit' | 'other'; owner: string };
  /** A PersonRef as text: '镇人大主席 杨秀容', '民政办 张丽'. */
  text: (p: PersonRef) => string;
};

export function recordsCtx(doc: WorkbookDocument, year: TownYear, asOf: Date): RecordsCtx {
  const roster = rosterOf(doc);
  const deputies = new Map((doc.deputies ?? []).map((d) => [d.code, d]));
  const units = new Map((doc.units ?? []).map((u) => [u.code, u]));
  const users = doc.users ?? [];
  const adminUser = users.find((u) => u.role === 'town_admin');
  if (!adminUser) throw new Error(`${doc.town.name}: the demo needs a town administrator`);
  const startOf = new Map(year.events.map((e) => [e.key, { kind: e.kind, startAt: occurrenceTimes(e.date, e.start, e.minutes).startAt }] as const));
  const deputy = (code: string) => {
    const d = deputies.get(code);
    if (!d) throw new Error(`${doc.town.name}: no deputy ${code}`);
    return d;
  };
  const deputyOf = (p: PersonRef): Deputy | undefined => {
    if (p === '@chair') return deputies.get(roster.leaders[0]);
    if (p === '@vice') return roster.serving.find((d) => /人大.*副主席/.test(d.title));
    if (p.startsWith('@title:')) return roster.serving.find((d) => d.title === p.slice(7));
    if (p.startsWith('@seat:')) return roster.presidium.map(deputy).find((d) => d.workplace.startsWith(p.slice(6)));
    return undefined;
  };
  const ref = (p: PersonRef): ReturnType<RecordsCtx['ref']> => {
    if (p.startsWith('@unit:')) {
      if (!units.has(p.slice(6))) throw new Error(`${doc.town.name}: no unit ${p}`);
      return { ownerType: 'unit', owner: p.slice(6) };
    }
    if (!p.startsWith('@')) return { ownerType: 'other', owner: p };
    const d = deputyOf(p);
    if (!d) throw new Error(`${doc.town.name}: nobody is ${p}`);
    return { ownerType: 'deputy', owner: d.code };
  };
  return {
    doc,
    roster,
    now: asOf.getTime(),
    admin: { username: adminUser.username, name: adminUser.displayName },
    stationUser: (station) => users.find((u) => u.role === 'liaison' && u.station === station)?.username ?? adminUser.username,
    deputy,
    activity(key) {
      const at = startOf.get(key);
      const a = at && (doc.activities ?? []).find((x) => x.kind === at.kind && x.startAt === at.startAt && x.series === null);
      if (!a) throw new Error(`${doc.town.name}: no activity for ${key}`);
      return a;
    },
    ref,
    text(p) {
      if (p.startsWith('@unit:')) {
        const u = units.get(p.slice(6));
        return u ? `${u.name} ${u.contactName}` : p;
      }
      if (!p.startsWith('@')) return p;
      const d = deputyOf(p);
      if (!d) throw new Error(`${doc.town.name}: nobody is ${p}`);
      return `${postOf(d)} ${d.name}`;
    },
  };
}
