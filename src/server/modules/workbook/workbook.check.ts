import type { FieldIssue } from '../../http/errors.ts';
import type { KeyKind } from './workbook.types.ts';

/** What a reference points to, for the message: 联络站 “S09” 不存在. */
const KIND_NOUN: Record<KeyKind, string> = {
  village: '村（社区）',
  term: '届次',
  constituency: '选区',
  station: '联络站',
  unit: '承办单位',
  deputy: '代表',
  group: '代表小组',
  presidium: '主席团成员',
  user: '账号',
  activity_kind: '活动类型',
  activity_series: '活动系列',
  activity: '活动',
  presidium_meeting: '主席团会议',
  research_topic: '调研课题',
  document: '文件',
  reception: '接待记录',
  suggestion_settings: '建议办理设置',
  holiday: '节假日',
  suggestion: '建议',
  session: '人代会会议',
  session_roll: '应到代表',
  session_item: '会议议程',
  motion: '议案',
  session_vote: '表决',
  election: '选举',
  finding: '问题（隐患）',
  rectification_notice: '整改通知书',
  reinspection: '复查',
  appraisal: '民主评议',
  appraisal_issue: '评议问题',
  duty_report: '代表述职',
  deputy_review: '代表评议',
  points_scheme: '积分方案',
  points_adjustment: '积分调整',
  presidium_rating: '主席团评价',
  points_snapshot: '积分月度公布',
  achievement: '成效',
  portal_submission: '群众意见',
};

/** Collects reference and uniqueness problems with the JSON path of each. */
export class IssueList {
  readonly issues: FieldIssue[] = [];

  add(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  /** A reference must name a record in the document or already in the database. */
  ref(known: (kind: KeyKind, key: string) => boolean, kind: KeyKind, key: string | null, field: string, display: string = key ?? ''): void {
    if (key === null || known(kind, key)) return;
    this.add(field, `${KIND_NOUN[kind]} “${display}” 不存在（工作簿和数据库中都没有）`);
  }

  /** Each entry of a key list once: the link tables have the pair as primary key. */
  uniqueList(list: readonly string[], field: string): void {
    const seen = new Set<string>();
    list.forEach((k, i) => {
      if (seen.has(k)) this.add(`${field}[${i}]`, `“${k}” 重复出现`);
      seen.add(k);
    });
  }
}

export type ValueHolder = { key: string; value: string | null; label: string };

/**
 * A value that must be unique (an ID number, a unit's name, a phone number), checked against the
 * town as it will be after the import. Moving a value from one record to another in the same
 * import is refused: the rows are written one after another and the unique index would trip
 * half-way, so the user is told to do it in two imports.
 */
export function checkUniqueValue<R>(
  out: IssueList,
  opts: {
    section: string;
    field: string;
    noun: string;
    data: readonly R[];
    keyOf(r: R): string;
    valueOf(r: R): string | null;
    existing: readonly ValueHolder[];
  },
): void {
  const docIndex = new Map(opts.data.map((r, i) => [opts.keyOf(r), i]));
  const dbHolder = new Map<string, ValueHolder>();
  for (const e of opts.existing) if (e.value) dbHolder.set(e.value, e);
  const seen = new Map<string, number>();
  opts.data.forEach((r, i) => {
    const v = opts.valueOf(r);
    if (!v) return;
    const path = `${opts.section}[${i}].${opts.field}`;
    const h = dbHolder.get(v);
    if (h && h.key !== opts.keyOf(r)) {
      const k = docIndex.get(h.key);
      if (k === undefined) out.add(path, `${opts.noun}已被数据库中的${h.label}使用`);
      else if (opts.valueOf(opts.data[k]) === v) out.add(path, `${opts.noun}与 ${opts.section}[${k}] 重复`);
      else out.add(path, `${opts.noun}目前属于${h.label}，不能在同一次导入中转给另一条记录，请分两次导入`);
      return;
    }
    const j = seen.get(v);
    if (j !== undefined) out.add(path, `${opts.noun}与 ${opts.section}[${j}] 重复`);
    else seen.set(v, i);
  });
}

/** A section as it will be after the import: the document's records (with their index), and the database's others. */
export function finalState<R>(inDoc: readonly R[], existing: readonly { record: R }[], keyOf: (r: R) => string): { record: R; index: number | null }[] {
  const keys = new Set(inDoc.map(keyOf));
  return [
    ...inDoc.map((record, index) => ({ record, index })),
    ...existing.filter((e) => !keys.has(keyOf(e.record))).map((e) => ({ record: e.record, index: null })),
  ];
}

/**
 * Items that may belong to one record only (a village to one station; within a term, a village to
 * one constituency, a deputy to one presidium member's 包联), checked on the final state.
 */
export function checkExclusive<R>(
  out: IssueList,
  opts: {
    section: string;
    field: string;
    rule: string;
    records: readonly { record: R; index: number | null }[];
    itemsOf(r: R): readonly string[];
    scopeOf?(r: R): string;
    labelOf(r: R): string;
    describe?(item: string): string;
  },
): void {
  const holder = new Map<string, string>();
  const scope = (r: R) => opts.scopeOf?.(r) ?? '';
  // The database's records keep what they hold; a document record that claims it is the problem.
  for (const { record, index } of opts.records) {
    if (index === null) for (const item of opts.itemsOf(record)) holder.set(`${scope(record)}\u0000${item}`, `数据库中的${opts.labelOf(record)}`);
  }
  for (const { record, index } of opts.records) {
    if (index === null) continue;
    opts.itemsOf(record).forEach((item, j) => {
      const k = `${scope(record)}\u0000${item}`;
      const h = holder.get(k);
      const what = opts.describe ? opts.describe(item) : `“${item}”`;
      if (h) out.add(`${opts.section}[${index}].${opts.field}[${j}]`, `${what} 已属于${h}（${opts.rule}）`);
      else holder.set(k, `${opts.section}[${index}]（${opts.labelOf(record)}）`);
    });
  }
}
