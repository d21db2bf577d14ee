import type { ResearchTopicRecord } from '../workbook/sections/research-topics.section.ts';
import type { Rng } from './demo.random.ts';
import { type RecordsCtx, chinaMs, dayAt, utc } from './demo.records.context.ts';
import type { TopicPlan, TownRecordsPlan } from './demo.records.types.ts';

/*
 * The town's research topics of 2026. Each is published, claimed by a station or a group (its
 * deputies named then: a lead and some of the claimant's serving deputies, drawn beforehand), reported
 * on and graded on fixed days of the plan; the seeding moment decides how far each has got: not yet
 * published (absent), open, claimed (overdue once the due day has passed), submitted or graded.
 * Reports come without a file: the workbook does not carry report files (see research.md), and the
 * seed has no file store; the summary says what the report found.
 */

type Member = ResearchTopicRecord['members'][number];

function membersOf(cx: RecordsCtx, t: TopicPlan, rng: Rng, storyDeputy: string | undefined, storyTopic: string | undefined): Member[] {
  const claim = t.claim;
  if (!claim) return [];
  const serving = new Set(cx.roster.serving.map((d) => d.code));
  const group = 'group' in claim.claimant ? cx.doc.groups?.find((g) => 'group' in claim.claimant && g.code === claim.claimant.group) : undefined;
  const pool =
    'station' in claim.claimant
      ? cx.roster.serving.filter((d) => 'station' in claim.claimant && d.station === claim.claimant.station).map((d) => d.code)
      : (group?.members ?? []).map((m) => m.deputy).filter((c) => serving.has(c));
  const lead = claim.lead ? cx.ref(claim.lead).owner : group?.members.find((m) => m.role === 'leader')?.deputy;
  if (!lead || !serving.has(lead)) throw new Error(`${cx.doc.town.name} ${t.code}: no serving lead`);
  const others = rng.shuffle(pool.filter((c) => c !== lead)).slice(0, claim.others);
  // The demo deputy works on their topic whatever the draw.
  if (t.code === storyTopic && storyDeputy && storyDeputy !== lead && !others.includes(storyDeputy)) others[others.length - 1] = storyDeputy;
  return [{ deputy: lead, role: 'lead' as const }, ...others.map((deputy) => ({ deputy, role: 'member' as const }))].sort((a, b) =>
    a.deputy.localeCompare(b.deputy),
  );
}

export function buildResearch(cx: RecordsCtx, plan: TownRecordsPlan, rng: Rng): ResearchTopicRecord[] {
  const storyDeputy = plan.story && (cx.doc.users ?? []).find((u) => u.username === plan.story?.username)?.deputy;
  // Every draw first (the deputies of each topic), before the seeding moment is looked at.
  const members = plan.topics.map((t) => membersOf(cx, t, rng, storyDeputy ?? undefined, plan.story?.topic));
  const has = (at: string | undefined) => at !== undefined && chinaMs(at) <= cx.now;
  return plan.topics.flatMap((t, i): ResearchTopicRecord[] => {
    if (dayAt(t.published, 0, 10, 10) > cx.now) return [];
    const claimed = has(t.claim?.at);
    const submitted = claimed && has(t.report?.at);
    const graded = submitted && has(t.grade?.at);
    const claim = claimed ? t.claim : undefined;
    const claimant =
      claim &&
      ('station' in claim.claimant ? { type: 'station' as const, code: claim.claimant.station } : { type: 'group' as const, code: claim.claimant.group });
    // A station's liaison claims and reports for it; a group has no account, so the administrators act for it.
    const actor = claimant ? (claimant.type === 'station' ? cx.stationUser(claimant.code) : cx.admin.username) : null;
    return [
      {
        code: t.code,
        year: Number(t.published.slice(0, 4)),
        title: t.title,
        description: t.description,
        dueDate: t.dueDate,
        status: graded ? 'graded' : submitted ? 'submitted' : claimed ? 'claimed' : 'open',
        claimantType: claimant?.type ?? null,
        claimant: claimant?.code ?? null,
        claimedAt: claim ? utc(chinaMs(claim.at)) : null,
        claimedBy: actor,
        reportSummary: submitted && t.report ? t.report.summary : '',
        submittedAt: submitted && t.report ? utc(chinaMs(t.report.at)) : null,
        submittedBy: submitted ? actor : null,
        returnNote: '',
        grade: graded && t.grade ? t.grade.grade : null,
        gradeComment: graded && t.grade ? t.grade.comment : '',
        gradedAt: graded && t.grade ? utc(chinaMs(t.grade.at)) : null,
        gradedBy: graded ? cx.admin.username : null,
        members: claim ? members[i] : [],
        activities: claim ? (claim.activities ?? []).map((k) => cx.activity(k).code).sort() : [],
      },
    ];
  });
}
