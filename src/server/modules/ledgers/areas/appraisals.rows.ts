import { type Choice, DEFAULT_DIMENSIONS, OVERALL, approvalShare, countsOf, overallRating, rankByApproval, validVotes } from '../../polls/polls.rules.ts';

/*
 * The result lines of one appraisal, pure — the same rule as appraisals.service.ts appraisalResults: the
 * poll's questionnaire gives the questions (without a poll, the appraisal's chosen dimensions), every office
 * gets the overall line and one per dimension, ranked by approval share (rankByApproval).
 */

export type AppraisalHead = { id: string; code: string; title: string; dimensions: string; questionnaire: string | null };
export type CountRow = { subjectId: string; question: string; answer: string; count: number };
export type ResultLine = {
  appraisalCode: string;
  appraisalTitle: string;
  rank: number | null;
  unit: string;
  question: string;
  satisfied: number;
  basic: number;
  dissatisfied: number;
  valid: number;
  rating: string | null;
  approval: number | null;
};

/** The dimensions an appraisal asks about, overall first. */
export function questionsOfAppraisal(a: Pick<AppraisalHead, 'dimensions' | 'questionnaire'>): Choice[] {
  const dims: Choice[] = a.questionnaire
    ? ((JSON.parse(a.questionnaire) as { dimensions?: Choice[] }).dimensions ?? [])
    : DEFAULT_DIMENSIONS.filter((d) => (JSON.parse(a.dimensions) as string[]).includes(d.key));
  return [{ key: OVERALL, label: '总体评价' }, ...dims];
}

export function resultLines(a: AppraisalHead, units: readonly { id: string; name: string }[], counts: readonly CountRow[]): ResultLine[] {
  const questions = questionsOfAppraisal(a);
  const ranked = rankByApproval(units.map((u) => ({ unitId: u.id, name: u.name, counts: countsOf(counts, u.id, OVERALL) })));
  return ranked.flatMap((u) =>
    questions.map((q) => {
      const c = countsOf(counts, u.unitId, q.key);
      const share = approvalShare(c);
      return {
        appraisalCode: a.code,
        appraisalTitle: a.title,
        rank: u.rank,
        unit: u.name,
        question: q.label,
        satisfied: c.satisfied,
        basic: c.basic,
        dissatisfied: c.dissatisfied,
        valid: validVotes(c),
        rating: overallRating(c),
        approval: share === null ? null : Math.round(share * 10000) / 10000,
      };
    }),
  );
}
