import type { DeputyRecord } from '../workbook/sections/deputies.section.ts';
import type { ElectionRecord, ItemRecord, MotionRecord, RollRecord, SessionRecord, VoteRecord } from '../sessions/sessions.workbook.ts';
import { NOMINATION_MIN_SIGNERS, type TallyLine, chineseNumber, majorityNeeded, quorum, tallyRound, voteResult } from '../sessions/sessions.rules.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import type { Rng } from './demo.random.ts';

/*
 * The congress sessions (人代会) of a demo town: the annual session of the current term, held and closed
 * early in the demo year, and next year's session in preparation with a draft agenda.
 *
 * The closed session has the session presidium (the town presidium, chair and vice chairs executive)
 * and a secretary-general from it; the roll of every town deputy in office on the first day (most
 * present, a few on leave with reasons, one late, one absent without leave); the reports reviewed; the
 * budget resolution and a motion voted and passed; a motion handled as a suggestion (built unlinked:
 * demo.suggestions.ts, run after this, makes its item and links it); one not accepted with a reason;
 * the by-election of the town head (uncontested) and of a deputy town head (competitive, a candidate
 * nominated by ten deputies). Every figure comes from the roll, and every result from the rules
 * (voteResult, tallyRound): nothing is written down by hand.
 */

type Dates = { start: string; end: string; next: string; nextEnd: string };
const DATES: Record<string, Dates> = {
  DEMO01: { start: '2026-01-20', end: '2026-01-21', next: '2027-01-14', nextEnd: '2027-01-15' },
  DEMO02: { start: '2026-01-22', end: '2026-01-23', next: '2027-01-19', nextEnd: '2027-01-20' },
};
const DEFAULT_DATES: Dates = { start: '2026-01-20', end: '2026-01-21', next: '2027-01-14', nextEnd: '2027-01-15' };

const LEAVE_REASONS = ['因病住院治疗', '在外地参加县里组织的培训', '家中直系亲属病危需照料', '因公出差在外省'];
/** People who are not deputies: candidates for deputy town head, and a write-in name. */
const OUTSIDERS: Record<string, [string, string, string]> = { DEMO01: ['陈晓东', '罗建平', '何振宇'], DEMO02: ['刘文斌', '杨志强', '吴家明'] };

/** A moment in China time as the tables store it (UTC, milliseconds). */
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

export function buildSessions(
  doc: WorkbookDocument,
  rng: Rng,
): Pick<WorkbookDocument, 'sessions' | 'sessionRoll' | 'sessionItems' | 'motions' | 'sessionVotes' | 'elections'> {
  const town = doc.town.name;
  const dates = DATES[doc.town.code] ?? DEFAULT_DATES;
  const [outsider, writeIn, third] = OUTSIDERS[doc.town.code] ?? ['陈晓东', '罗建平', '何振宇'];
  const terms = doc.terms ?? [];
  const term = terms[terms.length - 1];
  // The first session of a term is held when it starts; one session a year after that.
  const number = Number(dates.start.slice(0, 4)) - Number(term.startDate.slice(0, 4)) + 1;
  const deputies = doc.deputies ?? [];
  const byCode = new Map(deputies.map((d) => [d.code, d]));
  const nameOf = (code: string) => byCode.get(code)?.name ?? code;

  // The roll: every town deputy of the term in office on the first day.
  const inOffice = deputies
    .filter((d) => d.term === term.number && d.isTownLevel && (d.status === 'serving' || (d.statusDate !== null && d.statusDate > dates.start)))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const presidium = (doc.presidium ?? []).filter((p) => p.term === term.number && p.endDate === null).sort((a, b) => a.sortOrder - b.sortOrder);
  const secretaryGeneral = presidium.find((p) => p.position === 'vice_chair') ?? presidium[0];
  const chair = presidium.find((p) => p.position === 'chair');
  const head = inOffice.find((d) => d.title.endsWith('镇长') && !d.title.includes('副镇长'));
  const viceHead = inOffice.find((d) => d.title === '副镇长');
  const finance = viceHead ?? inOffice.find((d) => d.workplace.endsWith('人民政府') && d !== head);

  const busy = new Set<string>([...presidium.map((p) => p.deputy), head?.code, viceHead?.code].filter((c): c is string => !!c));
  const spare = rng.shuffle(inOffice.filter((d) => !busy.has(d.code)));
  const leaveCount = inOffice.length >= 60 ? 3 : 2;
  const onLeave = spare.slice(0, leaveCount);
  const late = spare[leaveCount];
  const absent = spare[leaveCount + 1];
  const code = 'S001';
  const roll: RollRecord[] = inOffice.map((d) => {
    const leave = onLeave.indexOf(d);
    if (leave >= 0)
      return {
        session: code,
        deputy: d.code,
        status: 'on_leave',
        leaveReason: LEAVE_REASONS[leave % LEAVE_REASONS.length],
        arrivedAt: null,
        markedAt: at(dates.start, '08:00'),
      };
    if (d === late)
      return { session: code, deputy: d.code, status: 'late', leaveReason: '', arrivedAt: at(dates.start, '10:20'), markedAt: at(dates.start, '10:20') };
    if (d === absent) return { session: code, deputy: d.code, status: 'absent', leaveReason: '', arrivedAt: null, markedAt: at(dates.end, '17:00') };
    const t = at(dates.start, `08:${String(rng.int(5, 55)).padStart(2, '0')}`);
    return { session: code, deputy: d.code, status: 'present', leaveReason: '', arrivedAt: t, markedAt: t };
  });
  const present = roll.filter((r) => r.status === 'present' || r.status === 'late').map((r) => r.deputy);
  const all = roll.length;
  const q = quorum(all, present.length);
  if (!q.reached) throw new Error(`demo: ${town} session has no quorum (${present.length}/${all})`);

  const sessionName = `${town}第${chineseNumber(term.number)}届人民代表大会第${chineseNumber(number)}次会议`;
  const sessions: SessionRecord[] = [
    {
      code,
      term: term.number,
      number,
      kind: 'ordinary',
      startDate: dates.start,
      endDate: dates.end,
      place: `${town}人民政府大会议室`,
      status: 'closed',
      secretaryGeneral: secretaryGeneral?.deputy ?? null,
      presidium: presidium.map((p) => ({ deputy: p.deputy, executive: p.position !== 'member' })),
      rollTakenAt: at(dates.start, '07:30'),
      openedAt: at(dates.start, '09:00'),
      closedAt: at(dates.end, '17:00'),
      notes: `${sessionName}，会期两天。`,
    },
    {
      code: 'S002',
      term: term.number,
      number: number + 1,
      kind: 'ordinary',
      startDate: dates.next,
      endDate: dates.nextEnd,
      place: `${town}人民政府大会议室`,
      status: 'preparing',
      secretaryGeneral: null,
      presidium: [],
      rollTakenAt: null,
      openedAt: null,
      closedAt: null,
      notes: '会议筹备中：议程草案待主席团会议审议，大会主席团和秘书长在预备会议上选举产生。',
    },
  ];

  const year = Number(dates.start.slice(0, 4));
  const items: ItemRecord[] = [];
  const item = (session: string, kind: ItemRecord['kind'], title: string, presenter: string, status: ItemRecord['status'], notes = '') => {
    const seq = items.filter((i) => i.session === session).length + 1;
    items.push({ session, seq, kind, title, presenter, status, notes });
    return seq;
  };
  item(code, 'work_report', `${town}人民政府工作报告`, head ? `镇长 ${head.name}` : '镇人民政府', 'reviewed');
  item(code, 'work_report', `${town}人大主席团工作报告`, chair ? `人大主席 ${nameOf(chair.deputy)}` : '镇人大主席团', 'reviewed');
  item(
    code,
    'written_report',
    `关于${year - 1}年财政预算执行情况和${year}年财政预算的报告`,
    finance ? finance.name : '镇财政所',
    'reviewed',
    '书面报告，会前印发全体代表。',
  );

  // Votes: counts from those present, the result from the rules.
  const votes: VoteRecord[] = [];
  const announce = (title: string, c: { for: number; against: number; abstain: number; notVoting: number }, result: string) =>
    `本次会议应到代表${all}名，实到${present.length}名。表决结果：赞成${c.for}票，反对${c.against}票，弃权${c.abstain}票，未按表决器${c.notVoting}人。` +
    (result === 'passed'
      ? `赞成票超过全体代表的半数，《${title}》通过。`
      : result === 'tie'
        ? '赞成票与反对票相等，须再次表决。'
        : `赞成票未超过全体代表的半数，《${title}》未通过。`);
  const vote = (seq: number, title: string, when: string, perDeputy: boolean): VoteRecord['result'] => {
    const voters = rng.shuffle(present);
    const against = rng.int(0, 2);
    const abstain = rng.int(1, 3);
    const notVoting = perDeputy ? 0 : rng.int(0, 1);
    const c = { for: present.length - against - abstain - notVoting, against, abstain, notVoting };
    const result = voteResult(c, all);
    const ballots: VoteRecord['ballots'] = perDeputy
      ? voters.map((d, i) => ({ deputy: d, choice: i < against ? 'against' : i < against + abstain ? 'abstain' : 'for' }))
      : [];
    votes.push({
      session: code,
      item: seq,
      round: 1,
      method: perDeputy ? 'per_deputy' : 'count',
      ...c,
      allDeputies: all,
      present: present.length,
      result,
      announcement: announce(title, c, result),
      recordedAt: when,
      ballots: [...ballots].sort((a, b) => (a.deputy < b.deputy ? -1 : 1)),
    });
    return result;
  };
  const itemStatus = (r: VoteRecord['result']): ItemRecord['status'] => (r === 'passed' ? 'passed' : r === 'failed' ? 'failed' : 'pending');

  const budgetTitle = `关于${year}年财政预算的决议`;
  const budgetSeq = item(code, 'decision', `${town}人民代表大会${budgetTitle}`, '大会主席团', 'pending');
  items[budgetSeq - 1].status = itemStatus(vote(budgetSeq, budgetTitle, at(dates.end, '15:10'), false));

  // Motions by five or more deputies present: one put on the agenda and passed, one handled as a
  // suggestion, one not accepted.
  const pool = rng.shuffle(present.filter((c) => !busy.has(c)));
  const sponsorsOf = (from: number, n: number): MotionRecord['sponsors'] =>
    pool
      .slice(from, from + n)
      .map((deputy, i) => ({ deputy, role: i === 0 ? ('lead' as const) : ('co' as const) }))
      .sort((a, b) => (a.deputy < b.deputy ? -1 : 1));
  const decided = at(dates.start, '16:30');
  const motionTitle = `关于实施${town}集镇污水管网改造工程的议案`;
  const motionSeq = item(code, 'motion', motionTitle, `领衔代表 ${nameOf(pool[0])}`, 'pending', '大会主席团决定列入本次会议议程。');
  items[motionSeq - 1].status = itemStatus(vote(motionSeq, motionTitle, at(dates.end, '15:20'), true));
  const motionStatus = items[motionSeq - 1].status === 'passed' ? 'passed' : items[motionSeq - 1].status === 'failed' ? 'failed' : 'on_agenda';
  const motions: MotionRecord[] = [
    {
      session: code,
      number: 1,
      proposerType: 'deputies',
      subject: motionTitle,
      grounds: '集镇污水管网建于二十年前，管径偏小、破损渗漏，雨季污水漫溢，群众反映强烈。',
      solution: '由镇人民政府编制改造方案，争取上级专项资金，年内完成主街及两条支路管网改造。',
      submittedOn: dates.start,
      status: motionStatus,
      decisionReason: '',
      decidedAt: decided,
      item: motionSeq,
      suggestion: null,
      sponsors: sponsorsOf(0, 6),
    },
    {
      session: code,
      number: 2,
      proposerType: 'deputies',
      subject: '关于加强农村集体“三资”管理的议案',
      grounds: '部分村集体资产台账不全，资源发包程序不规范，群众对村务公开有意见。',
      solution: '建立村集体资产清查和公开制度，镇农经站定期审计。',
      submittedOn: dates.start,
      status: 'to_suggestion',
      decisionReason: '',
      decidedAt: decided,
      item: null,
      // Linked by buildSuggestions (demo.suggestions.ts) to the item it makes from this motion.
      suggestion: null,
      sponsors: sponsorsOf(6, 5),
    },
    {
      session: code,
      number: 3,
      proposerType: 'deputies',
      subject: `关于新建${town}文化广场的议案`,
      grounds: '镇区缺少群众文化活动场所。',
      solution: '在镇区新建文化广场。',
      submittedOn: dates.start,
      status: 'not_accepted',
      decisionReason: '该项目已列入镇人民政府年度民生实事并已开工建设，不再列入本次会议议程，请镇人民政府向领衔代表说明进展。',
      decidedAt: decided,
      item: null,
      suggestion: null,
      sponsors: sponsorsOf(11, 5),
    },
  ];

  // Elections: each round's figures from those present; who is elected from tallyRound.
  const elections: ElectionRecord[] = [];
  const candidateOf = (d: DeputyRecord): ElectionRecord['candidates'][number] => ({
    name: d.name,
    deputy: d.code,
    gender: d.gender,
    birthDate: d.birthDate,
    party: d.party,
    title: d.title,
    withdrawn: false,
  });
  const elect = (
    post: ElectionRecord['post'],
    postName: string,
    candidates: ElectionRecord['candidates'],
    nominations: ElectionRecord['nominations'],
    votesFor: (valid: number) => { for: number; against: number; abstain: number }[],
    when: string,
  ) => {
    const seq = item(code, 'election', `补选${town}人民政府${postName}`, '大会主席团', 'pending');
    const issued = present.length;
    const invalid = rng.int(0, 1);
    const b = { issued, returned: issued, valid: issued - invalid, invalid };
    const counts = votesFor(b.valid);
    const lines: TallyLine[] = counts.map((c, i) => ({ key: String(i), ...c }));
    // One valid ballot of an uncontested election names another person (另选他人).
    if (candidates.length === 1) lines.push({ key: 'w', for: 1, against: 0, abstain: 0 });
    const res = tallyRound(b, all, 1, lines);
    const won = lines.filter((l) => res.elected.includes(l.key)).map((l) => (l.key === 'w' ? writeIn : candidates[Number(l.key)].name));
    const tallies: ElectionRecord['rounds'][number]['tallies'] = lines.map((l) => ({
      candidate: l.key === 'w' ? null : candidates[Number(l.key)].name,
      writeIn: l.key === 'w' ? writeIn : null,
      for: l.for,
      against: l.against,
      abstain: l.abstain,
      elected: res.elected.includes(l.key),
    }));
    const figures = tallies.map((t) => `${t.candidate ?? t.writeIn}得赞成票${t.for}票`).join('，');
    elections.push({
      session: code,
      item: seq,
      post,
      postName,
      seats: 1,
      status: res.outcome === 'filled' ? 'done' : 'voting',
      candidates,
      nominations,
      rounds: [
        {
          round: 1,
          seats: 1,
          ...b,
          allDeputies: all,
          present: present.length,
          outcome: res.outcome,
          announcement:
            `本次会议应到代表${all}名，实到${present.length}名。发出选票${b.issued}张，收回${b.returned}张，有效票${b.valid}张，无效票${b.invalid}张。${figures}。` +
            (won.length ? `${won.join('、')}得票超过全体代表的半数，当选为${town}人民政府${postName}。` : '无人得票超过全体代表的半数，本轮未选出。'),
          recordedAt: when,
          tallies,
        },
      ],
    });
    items[seq - 1].status = res.outcome === 'filled' ? 'passed' : 'pending';
  };

  if (head) {
    // Uncontested: the presidium nominates the one candidate.
    elect(
      'town_head',
      '镇长',
      [candidateOf(head)],
      [{ nominator: 'presidium', submittedOn: dates.start, notes: '大会主席团提名。', signers: [], candidates: [head.name] }],
      (valid) => {
        const against = rng.int(0, 2);
        const abstain = rng.int(1, 2);
        return [{ for: valid - against - abstain - 1, against, abstain }];
      },
      at(dates.end, '10:30'),
    );
  }
  // Competitive: one candidate from the presidium, one from ten deputies jointly.
  const first: ElectionRecord['candidates'][number] = viceHead
    ? candidateOf(viceHead)
    : { name: outsider, deputy: null, gender: 'male', birthDate: '1983-05-16', party: '中共党员', title: `${town}党政综合办公室主任`, withdrawn: false };
  const second: ElectionRecord['candidates'][number] = viceHead
    ? { name: outsider, deputy: null, gender: 'male', birthDate: '1985-09-02', party: '中共党员', title: `${town}农业综合服务中心副主任`, withdrawn: false }
    : { name: third, deputy: null, gender: 'male', birthDate: '1986-03-11', party: '无党派人士', title: `${town}经济发展办公室副主任`, withdrawn: false };
  const signers = pool.slice(pool.length - NOMINATION_MIN_SIGNERS).sort();
  elect(
    'deputy_head',
    '副镇长',
    [first, second],
    [
      { nominator: 'presidium', submittedOn: dates.start, notes: '大会主席团提名。', signers: [], candidates: [first.name] },
      { nominator: 'deputies', submittedOn: dates.start, notes: `代表${signers.length}人联合提名。`, signers, candidates: [second.name] },
    ],
    (valid) => {
      const a = Math.max(majorityNeeded(all), Math.round(valid * 0.7)) + rng.int(0, 3);
      const rest = valid - a - rng.int(1, 3);
      return [
        { for: a, against: 0, abstain: 0 },
        { for: rest, against: 0, abstain: 0 },
      ];
    },
    at(dates.end, '11:00'),
  );

  // Next year's session: a draft agenda.
  item('S002', 'work_report', `${town}人民政府工作报告`, head ? `镇长 ${head.name}` : '镇人民政府', 'pending');
  item('S002', 'work_report', `${town}人大主席团工作报告`, chair ? `人大主席 ${nameOf(chair.deputy)}` : '镇人大主席团', 'pending');
  item(
    'S002',
    'written_report',
    `关于${year}年财政预算执行情况和${year + 1}年财政预算的报告`,
    finance ? finance.name : '镇财政所',
    'pending',
    '书面报告，会前印发。',
  );
  item('S002', 'decision', `${town}人民代表大会关于${year + 1}年财政预算的决议`, '大会主席团', 'pending', '草案');

  return { sessions, sessionRoll: roll, sessionItems: items, motions, sessionVotes: votes, elections };
}
