import type { Role } from '../../db/schema.ts';
import type { MatterRouting } from '../../db/tables/receptions.ts';
import type { FieldIssue } from '../../http/errors.ts';

/*
 * Receptions (接待) at a liaison station, pure: where a visitor's matter went, who may see a visitor's
 * phone, how a matters list sent on PUT lines up with the stored one, and the checks that need no
 * database. A reception is a record of what happened, not a process: it has no states, only the
 * routing of each matter.
 */

export const ROUTINGS = ['on_spot', 'village', 'suggestion', 'county_deputy', 'not_accepted'] as const satisfies readonly MatterRouting[];

export const ROUTING_LABEL: Record<MatterRouting, string> = {
  on_spot: '当场答复',
  village: '转村(居)委会办理',
  suggestion: '转为代表建议',
  county_deputy: '转县人大代表',
  not_accepted: '不予受理',
};

/** The categories when the town has not set its own (GET /suggestion-settings); the same list as the contract's. */
export const DEFAULT_CATEGORIES = ['交通', '卫生', '城建', '民政', '国土', '教育', '环保', '农业农村', '安全生产', '社会保障', '其他'] as const;

/** Most matters one reception may carry: a busy reception day has a dozen; a hundred is a typing error. */
export const MAX_MATTERS = 100;

const ADMIN_ROLES: readonly Role[] = ['county_admin', 'town_admin'];
export const isAdmin = (p: { role: Role }) => ADMIN_ROLES.includes(p.role);

type Caller = { role: Role; stationId: string | null };

/** Who may record and edit a station's receptions: the town's admins, and the station's own liaison. */
export function canWriteStation(p: Caller, stationId: string): boolean {
  return isAdmin(p) || (p.role === 'liaison' && p.stationId !== null && p.stationId === stationId);
}

/**
 * Who reads a visitor's phone in full: the people who may have to call the visitor back — the town's
 * admins and the station's liaison. Deputies on duty see it masked (138****5678).
 */
export const canSeeVisitorPhone = canWriteStation;

export type RoutingCounts = Record<MatterRouting, number>;

export function emptyRoutingCounts(): RoutingCounts {
  return { on_spot: 0, village: 0, suggestion: 0, county_deputy: 0, not_accepted: 0 };
}

/** HH:MM, 00:00–23:59. */
export const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Why the reception's date or times cannot be stored, as field issues (empty when they can). */
export function timesProblems(r: { date: string; startTime?: string | null; endTime?: string | null }, today: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  // A reception is recorded after it was held; a future date is a typing error.
  if (r.date > today) out.push({ field: 'body.date', message: `接待日期不能晚于今天（${today}）` });
  if (r.startTime && r.endTime && r.endTime <= r.startTime) out.push({ field: 'body.endTime', message: '结束时间应晚于开始时间' });
  return out;
}

export type MatterCheck = { routing: MatterRouting; routingNote?: string | null };

/** A matter that was not accepted must say why (the reason is what the visitor is told). */
export function mattersProblems(matters: readonly MatterCheck[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  matters.forEach((m, i) => {
    if (m.routing === 'not_accepted' && !m.routingNote?.trim()) out.push({ field: `body.matters[${i}].routingNote`, message: '不予受理的事项须填写理由' });
  });
  return out;
}

/** A stored matter, as far as lining up a new list with it needs. */
export type StoredMatter = { id: string; seq: number; routing: MatterRouting; suggestionId: string | null; suggestionCode?: string | null };

export type MatterPlan = {
  /** For each matter of the input, the id it keeps (a stored one) or null for a new matter. */
  ids: (string | null)[];
  /** Stored matters not in the input: deleted. */
  removed: string[];
  issues: FieldIssue[];
};

/**
 * Line up the matters sent on PUT (the whole list) with the stored ones. A matter that names the id of
 * one of this reception's matters keeps that id (so a suggestion made from it still points at it);
 * without an id it is new. A matter already turned into a suggestion cannot be left out and stays
 * routed to 'suggestion': its suggestion refers to it.
 */
export function planMatters(stored: readonly StoredMatter[], input: readonly { id?: string | null; routing: MatterRouting }[]): MatterPlan {
  const byId = new Map(stored.map((m) => [m.id, m]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const ids = input.map((m, i) => {
    if (!m.id) return null;
    const s = byId.get(m.id);
    if (!s) {
      issues.push({ field: `body.matters[${i}].id`, message: '该事项不属于此接待记录' });
      return null;
    }
    if (seen.has(m.id)) {
      issues.push({ field: `body.matters[${i}].id`, message: '同一事项出现了两次' });
      return null;
    }
    seen.add(m.id);
    if (s.suggestionId && m.routing !== 'suggestion') {
      issues.push({ field: `body.matters[${i}].routing`, message: `该事项已转为建议${s.suggestionCode ? ` ${s.suggestionCode}` : ''}，去向不能更改` });
    }
    return m.id;
  });
  const removed = stored.filter((s) => !seen.has(s.id));
  for (const s of removed) {
    if (s.suggestionId)
      issues.push({ field: 'body.matters', message: `第 ${s.seq} 项事项已转为建议${s.suggestionCode ? ` ${s.suggestionCode}` : ''}，不能删除` });
  }
  return { ids, removed: removed.map((s) => s.id), issues };
}

/**
 * A server field path with array indexes in brackets, as the rest of the module names them:
 * ('body', '/matters/2/content') -> 'body.matters[2].content'.
 */
export function bracketPath(where: string, instancePath: string): string {
  let out = where;
  for (const seg of instancePath.split('/').filter(Boolean)) out += /^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`;
  return out;
}

/** How the audit log and the ledger show one matter on a line: 1. 张** 138****5678 交通：路灯不亮 → 转为代表建议. */
export function matterLine(
  m: {
    seq: number;
    visitorName: string;
    visitorPhone: string | null;
    visitorCount: number;
    village: string | null;
    category: string;
    content: string;
    routing: MatterRouting;
    routingNote: string;
  },
  maskPhone: (p: string | null) => string | null,
): string {
  const who = [m.visitorName, maskPhone(m.visitorPhone), m.visitorCount > 1 ? `${m.visitorCount}人` : '', m.village ?? ''].filter(Boolean).join(' ');
  const note = m.routingNote ? `（${m.routingNote}）` : '';
  return `${m.seq}. ${who ? `${who} ` : ''}${m.category}：${m.content} → ${ROUTING_LABEL[m.routing]}${note}`;
}

/** The month of a date: '2026-03-09' -> '2026-03'. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Every month from `from` to `to` (dates), both included, so a chart has no gaps. At most 60. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = monthOf(to);
  while (out.length < 60) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The words this module's messages use for its fields (the global labels are shared and some differ: category 文件类别). */
const LABEL: Record<string, string> = {
  stationId: '联络站',
  date: '接待日期',
  startTime: '开始时间',
  endTime: '结束时间',
  place: '接待地点',
  activityId: '关联活动',
  deputyIds: '值班代表',
  notes: '备注',
  matters: '接待事项',
  version: '版本号',
  id: '事项编号',
  visitorName: '来访人姓名',
  visitorPhone: '来访人电话',
  visitorCount: '来访人数',
  villageId: '村(社区)',
  category: '类别',
  content: '反映内容',
  routing: '去向',
  routingNote: '去向说明',
  from: '开始日期',
  to: '结束日期',
  q: '搜索词',
};

/** One issue in words: '接待事项第 3 项的反映内容：必填', '值班代表：至少选择一名值班代表'. */
export function issueMessage(issue: FieldIssue): string {
  const m = /matters\[(\d+)\](?:\.(\w+))?/.exec(issue.field);
  if (m) return `接待事项第 ${Number(m[1]) + 1} 项${m[2] ? `的${LABEL[m[2]] ?? m[2]}` : ''}：${issue.message}`;
  const last = (issue.field.split('.').pop() ?? issue.field).replace(/\[\d+\]$/, '');
  return `${LABEL[last] ?? last}：${issue.message}`;
}
