import type { AppraisalIssueRecord, AppraisalRecord } from '../appraisals/appraisals.workbook.ts';
import type { FindingRecord, NoticeRecord, ReinspectionRecord } from '../findings/findings.workbook.ts';
import { type Band, DEFAULT_DUTY_REPORT_BANDS, DEFAULT_SCALE_POINTS, RATING_SCALE } from '../polls/polls.rules.ts';
import { type DeputyReviewRecord, type DutyReportRecord, dutyReportOutcome } from '../workbook/sections/evaluation.workbook.ts';
import type { PollRecord } from '../workbook/sections/poll.fields.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { chinaDay } from './demo.records.context.ts';
import { Rng } from './demo.random.ts';

/*
 * The demo town's oversight and evaluation of 2026 (issue 6): findings at inspections with rectification
 * notices and re-inspections, the democratic appraisal of five offices with its counts and issue list and
 * a second-round draft, duty reports of six deputies, the station's monthly peer reviews and one quarter's
 * voter review. Everything is placed on days of the year and kept only when that day has come (`today`,
 * the China date of the seeding moment), so the same moment always gives the same records.
 *
 * Polls are results only, as the workbook carries them: counts per subject, question and answer, and how
 * many codes were issued and used. Every count is made so that each subject's overall answers add up to
 * the ballots (codes used + paper), as a real poll's do.
 */

type Doc = WorkbookDocument;
const YEAR = 2026;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** A moment on a China day (hh:mm China time) as the workbook stores it. */
const at = (day: string, hhmm: string) => new Date(Date.parse(`${day}T${hhmm}:00+08:00`)).toISOString();
const SCALE = RATING_SCALE.map((s) => ({ key: s.key, label: s.label }));

/** Overall counts for `n` ballots at an approval and a satisfied share (both 0–1), adding up to n. */
function split(n: number, approval: number, satisfied: number): { satisfied: number; basic: number; dissatisfied: number } {
  const s = Math.min(n, Math.round(n * satisfied));
  const a = Math.max(s, Math.min(n, Math.round(n * approval)));
  return { satisfied: s, basic: a - s, dissatisfied: n - a };
}

function countRows(subject: string, question: string, c: { satisfied: number; basic: number; dissatisfied: number }): PollRecord['counts'] {
  return (['satisfied', 'basic', 'dissatisfied'] as const).filter((k) => c[k] > 0).map((k) => ({ subject, question, answer: k, count: c[k] }));
}

// ---------------------------------------------------------------- findings

type Findings = { findings: FindingRecord[]; rectificationNotices: NoticeRecord[]; reinspections: ReinspectionRecord[] };

function buildFindings(doc: Doc, today: string): Findings {
  const out: Findings = { findings: [], rectificationNotices: [], reinspections: [] };
  const inspection = new Set((doc.activityKinds ?? []).filter((k) => k.countsAs === 'inspection').map((k) => k.code));
  const held = (doc.activities ?? []).filter((a) => a.status === 'held' && inspection.has(a.kind)).slice(0, 3);
  const units = new Map((doc.units ?? []).map((u) => [u.code, u.name]));
  const village = (doc.villages ?? [])[0]?.code ?? null;
  const prefix = `${doc.town.name.slice(0, 1)}人整〔${YEAR}〕`;
  let n = 0;
  let notices = 0;
  const present = (code: string) =>
    (doc.activities ?? [])
      .find((a) => a.code === code)
      ?.invitations.filter((i) => i.attendance === 'present' || i.attendance === 'late')
      .map((i) => i.deputy) ?? [];

  const finding = (activity: string, day: string, f: Omit<FindingRecord, 'code' | 'activity' | 'foundOn' | 'status' | 'closedOn' | 'closeReason'>) => {
    const r: FindingRecord = { code: `F${String(++n).padStart(5, '0')}`, activity, foundOn: day, ...f, status: 'open', closedOn: null, closeReason: '' };
    out.findings.push(r);
    return r;
  };
  const notice = (rs: FindingRecord[], issuedOn: string, days: number, addressee: string, content: string) => {
    if (issuedOn > today) return null;
    const r: NoticeRecord = {
      number: `${prefix}${++notices}号`,
      issuedOn,
      deadline: addDays(issuedOn, days),
      addressee,
      content,
      findings: rs.map((x) => x.code).sort(),
    };
    out.rectificationNotices.push(r);
    for (const x of rs) x.status = 'rectifying';
    return r;
  };

  held.forEach((a, i) => {
    const day = chinaDay(Date.parse(a.startAt));
    const team = present(a.code).slice(0, 3);
    if (i === 0) {
      // Re-inspected and closed: a unit's hazard under a notice, fixed by the deadline.
      const f1 = finding(a.code, day, {
        description: '部分经营场所消防通道被杂物堵塞，灭火器过期未更换。',
        place: '集镇主街',
        responsibleType: 'unit',
        responsible: units.has('U02') ? 'U02' : null,
        responsibleName: '',
        severity: 'general',
      });
      const f2 = finding(a.code, day, {
        description: '村道急弯处缺少警示标志。',
        place: '村道 3 公里处',
        responsibleType: 'village',
        responsible: village,
        responsibleName: '',
        severity: 'minor',
      });
      // Fixed on the spot: closed from open with the reason.
      f2.status = 'closed';
      f2.closedOn = day;
      f2.closeReason = '现场整改到位，已补设警示标志。';
      const n1 = notice([f1], addDays(day, 3), 30, units.get('U02') ?? '安监站', '请于期限内清理消防通道、更换过期灭火器，并书面报告整改情况。');
      const re = addDays(day, 31);
      if (n1 && re <= today) {
        out.reinspections.push({
          finding: f1.code,
          seq: 1,
          notice: n1.number,
          date: re,
          result: 'fixed',
          notes: '消防通道已清理，灭火器已全部更换。',
          deputies: [...team].sort(),
          recordedAt: at(re, '16:00'),
        });
        f1.status = 'reinspected';
        if (addDays(re, 1) <= today) {
          f1.status = 'closed';
          f1.closedOn = addDays(re, 1);
          f1.closeReason = '复查已整改，予以销号。';
        }
      }
    } else if (i === 1) {
      // Overdue: a notice with a short deadline, no re-inspection yet (overdue is derived from the deadline).
      const f3 = finding(a.code, day, {
        description: '地质灾害隐患点监测设施损坏，未及时修复。',
        place: '后山滑坡隐患点',
        responsibleType: 'unit',
        responsible: units.has('U05') ? 'U05' : null,
        responsibleName: '',
        severity: 'major',
      });
      notice([f3], addDays(day, 2), 20, units.get('U05') ?? '自然资源所', '请于期限内修复监测设施，落实专人巡查。');
      finding(a.code, day, {
        description: '沿街商户油烟直排，周边群众反映强烈。',
        place: '集镇农贸市场',
        responsibleType: 'enterprise',
        responsible: null,
        responsibleName: '农贸市场经营管理有限公司',
        severity: 'general',
      });
    } else {
      // Re-inspected and found not fixed: still rectifying under its notice.
      const f5 = finding(a.code, day, {
        description: '垃圾中转站渗滤液外溢，未设置收集池。',
        place: '垃圾中转站',
        responsibleType: 'other',
        responsible: null,
        responsibleName: '镇环卫所',
        severity: 'general',
      });
      const n3 = notice([f5], addDays(day, 3), 30, '镇环卫所', '请于期限内建设渗滤液收集池，杜绝外溢。');
      const re = addDays(day, 28);
      if (n3 && re <= today)
        out.reinspections.push({
          finding: f5.code,
          seq: 1,
          notice: n3.number,
          date: re,
          result: 'not_fixed',
          notes: '收集池正在施工，尚未完工。',
          deputies: [...team].sort(),
          recordedAt: at(re, '15:30'),
        });
    }
  });
  return out;
}

// ---------------------------------------------------------------- appraisal

function buildAppraisals(doc: Doc, rng: Rng, today: string): { appraisals: AppraisalRecord[]; appraisalIssues: AppraisalIssueRecord[] } {
  const hearing = `${YEAR}-06-24`;
  const units = (doc.units ?? []).filter((u) => ['U01', 'U02', 'U04', 'U05', 'U07'].includes(u.code));
  if (today <= addDays(hearing, 2) || units.length < 4) return { appraisals: [], appraisalIssues: [] };
  const dims = ['duty', 'service', 'style'];
  const dimLabel: Record<string, string> = { duty: '工作职责', service: '为民服务', style: '工作作风' };
  // Approval and satisfied shares per office: most satisfied, one basically satisfied, one not.
  const target: Record<string, [number, number]> = { U01: [0.95, 0.7], U02: [0.9, 0.62], U04: [0.62, 0.3], U05: [0.86, 0.55], U07: [0.45, 0.2] };
  const paper = 6;
  const used = 58;
  const ballots = used + paper;
  const counts: PollRecord['counts'] = [];
  for (const u of units) {
    const [a, s] = target[u.code];
    counts.push(...countRows(u.code, 'overall', split(ballots, a, s)));
    for (const d of dims) {
      const m = ballots - rng.int(0, 3); // a dimension may be left blank
      counts.push(...countRows(u.code, d, split(m, Math.min(1, a + (rng.next() - 0.5) * 0.1), Math.max(0, s + (rng.next() - 0.5) * 0.1))));
    }
  }
  const first: AppraisalRecord = {
    code: 'P001',
    title: `${YEAR}年度镇属站所民主评议`,
    year: YEAR,
    hearingDate: hearing,
    hearingNotes: '五个站所负责人分别报告履职情况，代表就安全生产、地灾防治、办事效率等提出询问 12 个，站所负责人当场作答。',
    dimensions: [...dims].sort(),
    previous: null,
    status: 'closed',
    units: units.map((u) => u.code).sort(),
    poll: {
      title: `${YEAR}年度镇属站所民主评议`,
      status: 'closed',
      subjects: units.map((u) => ({ key: u.code, name: u.name })),
      dimensions: dims.map((d) => ({ key: d, label: dimLabel[d] })),
      scale: SCALE,
      paperBallots: paper,
      codesIssued: 70,
      codesUsed: used,
      opensAt: at(hearing, '10:30'),
      closesAt: at(hearing, '11:30'),
      counts,
    },
  };
  const weak = units.filter((u) => u.code === 'U04' || u.code === 'U07').map((u) => u.code);
  const issue = (seq: number, unit: string, description: string, deadline: string): AppraisalIssueRecord => {
    const done = seq === 1 && addDays(deadline, -10) <= today;
    return {
      appraisal: 'P001',
      seq,
      unit,
      description,
      deadline,
      status: done ? 'done' : 'open',
      doneOn: done ? addDays(deadline, -10) : null,
      notes: done ? '已整改，群众反映良好。' : '',
    };
  };
  const appraisalIssues = [
    issue(1, weak[0], '办事流程不公开，群众多次往返。', `${YEAR}-09-30`),
    issue(2, weak[0], '农技服务下村次数少，代表反映服务不到位。', `${YEAR}-10-31`),
    issue(3, weak[weak.length - 1], '窗口服务态度生硬，群众满意度低。', `${YEAR}-09-30`),
    issue(4, weak[weak.length - 1], '群众反映问题回复不及时。', `${YEAR}-11-30`),
  ];
  // The second vote on the offices not rated satisfied, prepared after their rectification.
  const second: AppraisalRecord = {
    code: 'P002',
    title: `${YEAR}年度民主评议（整改后再评议）`,
    year: YEAR,
    hearingDate: null,
    hearingNotes: '',
    dimensions: [...dims].sort(),
    previous: 'P001',
    status: 'draft',
    units: [...weak].sort(),
    poll: null,
  };
  return { appraisals: [first, second], appraisalIssues };
}

// ---------------------------------------------------------------- duty reports and reviews

/** The serving town deputies of the town's first station: the subjects of its reviews. */
function stationDeputies(doc: Doc): { station: string; deputies: { code: string; name: string }[] } | null {
  const station = (doc.stations ?? [])[0]?.code;
  if (!station) return null;
  const deputies = (doc.deputies ?? [])
    .filter((d) => d.station === station && d.status === 'serving' && d.isTownLevel)
    .map((d) => ({ code: d.code, name: d.name }));
  return { station, deputies };
}

function buildDutyReports(doc: Doc, rng: Rng, today: string): DutyReportRecord[] {
  const st = stationDeputies(doc);
  if (!st) return [];
  const chair = (doc.presidium ?? []).find((p) => p.position === 'chair')?.deputy;
  const reporters = st.deputies
    .filter((d) => d.code !== chair)
    .filter((_, i) => i % 7 === 3)
    .slice(0, 6);
  const bands: Band[] = DEFAULT_DUTY_REPORT_BANDS.map((b) => ({ ...b }));
  // Results across the bands: 称职 three times, 基本称职 twice, 不称职 once.
  const approvals = [0.95, 0.88, 0.82, 0.72, 0.56, 0.4];
  const out: DutyReportRecord[] = [];
  reporters.forEach((d, i) => {
    const heldOn = `${YEAR}-${String(3 + i).padStart(2, '0')}-2${i % 3}`;
    if (heldOn > today) return;
    const n = rng.int(25, 42);
    const paper = rng.int(0, 4);
    const poll: PollRecord = {
      title: `${d.name}代表向选民述职测评`,
      status: 'closed',
      subjects: [{ key: d.code, name: d.name }],
      dimensions: [],
      scale: SCALE,
      paperBallots: paper,
      codesIssued: n - paper + rng.int(0, 5),
      codesUsed: n - paper,
      opensAt: at(heldOn, '10:00'),
      closesAt: at(heldOn, '11:00'),
      counts: countRows(d.code, 'overall', split(n, approvals[i], approvals[i] - 0.25)),
    };
    const outcome = dutyReportOutcome(bands, poll, d.code);
    out.push({
      code: `SZ${String(i + 1).padStart(5, '0')}`,
      deputy: d.code,
      year: YEAR,
      heldOn,
      place: '代表联络站会议室',
      station: st.station,
      voterReps: n,
      summary: '报告了一年来参加闭会期间活动、提出建议和联系选民的情况，对选民关心的问题作了回应。',
      bands,
      status: 'closed',
      result: outcome.result,
      approval: outcome.approval,
      notes: '',
      poll,
    });
  });
  return out;
}

function reviewPoll(title: string, subjects: { code: string; name: string }[], rng: Rng, n: number, extra: number, day: string): PollRecord {
  const counts = subjects.flatMap((d) => {
    const dis = rng.int(0, 2);
    const basic = rng.int(0, Math.floor(n * 0.3));
    return countRows(d.code, 'overall', { satisfied: n - basic - dis, basic, dissatisfied: dis });
  });
  return {
    title,
    status: 'closed',
    subjects: subjects.map((d) => ({ key: d.code, name: d.name })),
    dimensions: [],
    scale: SCALE,
    paperBallots: 0,
    codesIssued: n + extra,
    codesUsed: n,
    opensAt: at(day, '09:00'),
    closesAt: at(day, '17:00'),
    counts,
  };
}

function buildReviews(doc: Doc, rng: Rng, finished: readonly string[]): DeputyReviewRecord[] {
  const st = stationDeputies(doc);
  if (!st?.deputies.length) return [];
  // Each poll draws from a generator of its own (by period), so a later seeding that adds months redraws none.
  const base = rng.int(1, 1_000_000);
  const own = (n: number) => new Rng(base * 31 + n);
  const peer = finished.map(
    (month): DeputyReviewRecord => ({
      kind: 'peer_review',
      station: st.station,
      period: month,
      scalePoints: { ...DEFAULT_SCALE_POINTS },
      status: 'closed',
      poll: peerPoll(month, own(Number(month.slice(5)))),
    }),
  );
  function peerPoll(month: string, r: Rng) {
    return reviewPoll(`${month} 代表互评`, st?.deputies ?? [], r, r.int(20, 30), r.int(0, 4), `${month}-26`);
  }
  function voterPoll(q: number, r: Rng) {
    return reviewPoll(`${YEAR}年第${q}季度选民比评`, st?.deputies ?? [], r, r.int(60, 90), 30, `${YEAR}-${String(q * 3).padStart(2, '0')}-25`);
  }
  // One voter review: the last quarter whose three months are over.
  const quarters = [4, 3, 2, 1].filter((q) => finished.includes(`${YEAR}-${String(q * 3).padStart(2, '0')}`));
  const voter: DeputyReviewRecord[] = quarters.slice(0, 1).map((q) => ({
    kind: 'voter_review',
    station: st.station,
    period: `${YEAR}-Q${q}`,
    scalePoints: { ...DEFAULT_SCALE_POINTS },
    status: 'closed',
    poll: voterPoll(q, own(100 + q)),
  }));
  return [...peer, ...voter];
}

/** The months of the demo year that have ended by `today` (China date). */
export function finishedMonths(today: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${YEAR}-${String(m).padStart(2, '0')}`;
    const next = m === 12 ? `${YEAR + 1}-01-01` : `${YEAR}-${String(m + 1).padStart(2, '0')}-01`;
    if (next <= today) out.push(month);
  }
  return out;
}

export type Oversight = Findings & {
  appraisals: AppraisalRecord[];
  appraisalIssues: AppraisalIssueRecord[];
  dutyReports: DutyReportRecord[];
  deputyReviews: DeputyReviewRecord[];
};

/** The oversight and evaluation records of the demo town as of `asOf`; the points scheme follows (demo.points.ts). */
export function buildOversight(doc: Doc, rng: Rng, asOf: Date): Oversight {
  const today = chinaDay(asOf.getTime());
  // One generator per part, forked before any is used: how far one part has got (which depends on the
  // seeding moment) never changes the draws of another, so a later seeding only adds records.
  const [appraisals, reports, reviews] = [rng.int(1, 1_000_000), rng.int(1, 1_000_000), rng.int(1, 1_000_000)].map((seed) => new Rng(seed));
  return {
    ...buildFindings(doc, today),
    ...buildAppraisals(doc, appraisals, today),
    dutyReports: buildDutyReports(doc, reports, today),
    deputyReviews: buildReviews(doc, reviews, finishedMonths(today)),
  };
}
