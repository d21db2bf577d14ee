import { type MetricValue, type SchemeItem, scoreRecords } from '../points/points.rules.ts';
import type { DutyReportRecord } from '../workbook/sections/evaluation.workbook.ts';
import type { PointsAdjustmentRecord, PointsSchemeRecord, PointsSnapshotRecord, PresidiumRatingRecord } from '../workbook/sections/points.workbook.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { finishedMonths } from './demo.oversight.ts';
import type { Rng } from './demo.random.ts';
import { chinaDay } from './demo.records.context.ts';

/*
 * The demo town's points scheme of 2026 (履职积分): the default items of docs/api-contract-points.md, active,
 * a few adjustments with reasons, presidium ratings, and every finished month published (月晒).
 *
 * There is no points service to publish with yet, so the snapshots are computed here, over the demo's own
 * records in the document, with points.rules.ts scoreRecords: each metric counts the records of one deputy
 * in the month as the contract defines them, and every point keeps its records as "<kind>:<code>".
 * Metrics the demo has no records for count nothing.
 */

type Doc = WorkbookDocument;
const YEAR = 2026;

/** The default items (docs/api-contract-points.md, "Default items"). */
export const DEFAULT_ITEMS: SchemeItem[] = [
  { key: 'training', label: '参加培训', metric: 'activity_attended:training', points: 2, cap: 20 },
  { key: 'inspection', label: '参加视察、检查', metric: 'activity_attended:inspection', points: 3, cap: 15 },
  { key: 'research', label: '参加调研', metric: 'activity_attended:research', points: 3, cap: 15 },
  { key: 'meeting', label: '参加会议', metric: 'activity_attended:meeting', points: 1, cap: 10 },
  { key: 'fixed_day', label: '参加固定活动日', metric: 'activity_attended:fixed_day', points: 2, cap: 24 },
  { key: 'visit', label: '走访选民', metric: 'activity_attended:visit', points: 1, cap: 12 },
  { key: 'absent', label: '无故缺席活动', metric: 'activity_absent', points: -2, cap: 20 },
  { key: 'session', label: '出席人代会', metric: 'session_attended', points: 5, cap: null },
  { key: 'session_absent', label: '缺席人代会', metric: 'session_absent', points: -10, cap: null },
  { key: 'suggestion_lead', label: '领衔提出建议', metric: 'suggestion_lead', points: 3, cap: 15 },
  { key: 'suggestion_co', label: '附议建议', metric: 'suggestion_co', points: 1, cap: 5 },
  { key: 'grade_a', label: '建议质量评为 A', metric: 'suggestion_grade:A', points: 2, cap: null },
  { key: 'reception', label: '联络站接待选民', metric: 'reception_on_duty', points: 2, cap: 24 },
  { key: 'research_lead', label: '牵头调研课题', metric: 'research_lead', points: 5, cap: null },
  { key: 'research_excellent', label: '调研成果评为优秀', metric: 'research_grade:excellent', points: 3, cap: null },
  { key: 'duty_report', label: '向选民述职', metric: 'duty_report_held', points: 10, cap: null },
  { key: 'document_read', label: '阅读文件', metric: 'document_read', points: 0.5, cap: 5 },
  { key: 'motion', label: '提出议案', metric: 'motion_sponsored', points: 3, cap: null },
];

type Metrics = Map<string, Map<string, string[]>>; // deputy -> metric -> record refs

/** Every metric of every deputy in one month, from the document's records (one pass over each kind). */
function monthMetrics(doc: Doc, month: string, dutyReports: readonly DutyReportRecord[]): Metrics {
  const m: Metrics = new Map();
  const add = (deputy: string, metric: string, ref: string) => {
    let d = m.get(deputy);
    if (!d) m.set(deputy, (d = new Map()));
    d.set(metric, [...(d.get(metric) ?? []), ref]);
  };
  const inMonth = (day: string | null | undefined) => !!day && day.slice(0, 7) === month;
  const dayOf = (utc: string | null) => (utc ? chinaDay(Date.parse(utc)) : null);
  const countsAs = new Map((doc.activityKinds ?? []).map((k) => [k.code, k.countsAs]));
  for (const a of doc.activities ?? []) {
    if (a.status !== 'held' || !inMonth(dayOf(a.startAt))) continue;
    for (const i of a.invitations) {
      if (i.attendance === 'present' || i.attendance === 'late') add(i.deputy, `activity_attended:${countsAs.get(a.kind)}`, `activity:${a.code}`);
      else if (i.attendance === 'absent') add(i.deputy, 'activity_absent', `activity:${a.code}`);
      else if (i.attendance === 'on_leave') add(i.deputy, 'activity_leave', `activity:${a.code}`);
    }
  }
  const sessionDay = new Map((doc.sessions ?? []).map((s) => [s.code, s.startDate]));
  for (const r of doc.sessionRoll ?? []) {
    if (!inMonth(sessionDay.get(r.session))) continue;
    const metric =
      r.status === 'present' || r.status === 'late'
        ? 'session_attended'
        : r.status === 'absent'
          ? 'session_absent'
          : r.status === 'on_leave'
            ? 'session_leave'
            : null;
    if (metric) add(r.deputy, metric, `session:${r.session}`);
  }
  for (const s of doc.suggestions ?? []) {
    const lead = s.sponsors.find((x) => x.role === 'lead')?.deputy;
    if (s.state !== 'withdrawn' && inMonth(dayOf(s.submittedAt)))
      for (const x of s.sponsors) add(x.deputy, x.role === 'lead' ? 'suggestion_lead' : 'suggestion_co', `suggestion:${s.code}`);
    // Graded with the unit's reply: the reply day is the grading day.
    if (lead && s.grade && inMonth(s.repliedOn)) add(lead, `suggestion_grade:${s.grade}`, `suggestion:${s.code}`);
  }
  for (const r of doc.receptions ?? []) if (inMonth(r.date)) for (const d of r.deputies) add(d, 'reception_on_duty', `reception:${r.code}`);
  for (const t of doc.researchTopics ?? []) {
    for (const x of t.members) {
      if (x.role === 'lead' && inMonth(dayOf(t.submittedAt))) add(x.deputy, 'research_lead', `research:${t.code}`);
      if (x.role === 'member' && inMonth(dayOf(t.submittedAt))) add(x.deputy, 'research_member', `research:${t.code}`);
      if (t.grade && inMonth(dayOf(t.gradedAt))) add(x.deputy, `research_grade:${t.grade}`, `research:${t.code}`);
    }
  }
  for (const r of dutyReports) if (r.status === 'closed' && inMonth(r.heldOn)) add(r.deputy, 'duty_report_held', `duty_report:${r.code}`);
  for (const d of doc.documents ?? []) for (const r of d.recipients) if (inMonth(dayOf(r.firstReadAt))) add(r.deputy, 'document_read', `document:${d.code}`);
  for (const mo of doc.motions ?? [])
    if (inMonth(sessionDay.get(mo.session))) for (const x of mo.sponsors) add(x.deputy, 'motion_sponsored', `motion:${mo.session}/${mo.number}`);
  return m;
}

const utcAt = (day: string, hhmm: string) => new Date(Date.parse(`${day}T${hhmm}:00+08:00`)).toISOString();

export type Points = {
  pointsSchemes: PointsSchemeRecord[];
  pointsAdjustments: PointsAdjustmentRecord[];
  presidiumRatings: PresidiumRatingRecord[];
  pointsSnapshots: PointsSnapshotRecord[];
};

export function buildPoints(doc: Doc, dutyReports: readonly DutyReportRecord[], rng: Rng, asOf: Date): Points {
  const today = chinaDay(asOf.getTime());
  const admin = (doc.users ?? []).find((u) => u.role === 'town_admin')?.username ?? null;
  const serving = (doc.deputies ?? []).filter((d) => d.status === 'serving').map((d) => d.code);
  const scheme: PointsSchemeRecord = {
    year: YEAR,
    name: `${YEAR}年度代表履职积分方案`,
    items: DEFAULT_ITEMS.map((i) => ({ ...i })),
    // Full marks at what a diligent deputy's records reach in a year (the demo's top tenth has about 50 points),
    // so the yearly grades spread the way a real town's do rather than most deputies failing.
    fullMarks: 50,
    weights: { records: 60, peer: 10, voter: 10, presidium: 20 },
    bands: [
      { label: '优秀', min: 90 },
      { label: '良好', min: 80 },
      { label: '合格', min: 60 },
      { label: '不合格', min: 0 },
    ],
    commendTop: 10,
    status: 'active',
  };
  // A month is published on the 3rd of the next month; one that has ended but is not yet published stays live.
  const publishDay = (month: string) => {
    const [y, m] = month.split('-').map(Number);
    return m === 12 ? `${y + 1}-01-03` : `${y}-${String(m + 1).padStart(2, '0')}-03`;
  };
  const published = finishedMonths(today).filter((m) => publishDay(m) <= today);

  // A few adjustments with their reasons, entered on the 25th of months that have come.
  const reasons: [number, string][] = [
    [3, '带头参与森林防火应急处置，主席团研究给予加分'],
    [2, '积极协调解决村道修复问题，群众来信表扬'],
    [-2, '未按要求报送履职登记材料'],
    [1, '代表小组活动中作专题发言'],
  ];
  const pointsAdjustments: PointsAdjustmentRecord[] = reasons.flatMap(([points, reason], i) => {
    const month = `${YEAR}-${String(2 + i * 2).padStart(2, '0')}`;
    const entered = `${month}-25`;
    if (entered > today || !serving.length) return [];
    return [{ year: YEAR, deputy: serving[(i * 17 + 5) % serving.length], month, seq: 1, points, reason, enteredAt: utcAt(entered, '15:00') }];
  });

  const presidiumRatings: PresidiumRatingRecord[] = published.length ? serving.map((deputy) => ({ year: YEAR, deputy, score: rng.int(70, 98) })) : [];

  const pointsSnapshots = published.map((month): PointsSnapshotRecord => {
    const metrics = monthMetrics(doc, month, dutyReports);
    const rows = serving.map((deputy) => {
      const mine = metrics.get(deputy) ?? new Map<string, string[]>();
      const values: Record<string, MetricValue> = {};
      for (const [k, refs] of mine) values[k] = { count: refs.length, recordIds: [...refs].sort() };
      const adjustments = pointsAdjustments
        .filter((a) => a.deputy === deputy && a.month === month)
        .map((a) => ({ id: `${a.year}/${a.deputy}/${a.month}/${a.seq}`, points: a.points, reason: a.reason }));
      const s = scoreRecords(scheme.items, values, adjustments);
      // The workbook form: lines that counted nothing are left out, adjustments named by their key.
      const breakdown = {
        lines: s.lines.filter((l) => l.count !== 0 || l.points !== 0).map((l) => ({ ...l, recordIds: [...l.recordIds] })),
        adjustments: s.adjustments.map((a) => ({ adjustment: a.id, points: a.points, reason: a.reason })),
        itemsTotal: s.itemsTotal,
        adjustmentsTotal: s.adjustmentsTotal,
        total: s.total,
      };
      return { deputy, total: s.total, breakdown };
    });
    return { year: YEAR, month, revision: 1, publishedAt: utcAt(publishDay(month), '10:00'), publishedBy: admin, rows };
  });

  return { pointsSchemes: [scheme], pointsAdjustments, presidiumRatings, pointsSnapshots };
}
