import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../http/principal.ts';
import { todayInChina } from '../../lib/time.ts';
import { findingTotalsFor } from '../findings/findings.service.ts';
import { OVERALL, countsOf, overallRating } from '../polls/polls.rules.ts';
import type { AreaFacts } from './area.ts';
import { count, labelOf, listFact, ref } from './facts.helpers.ts';

/**
 * The findings' period totals are computed by the findings area itself (findingTotalsFor: found, notices,
 * fixed on time or late, still open at the end), so the report and the 问题整改 page never disagree. That
 * use case reads the town from a caller; a report is the town office's own reading of its records.
 */
function officeCtx(db: Kysely<DB>, townId: string): Ctx {
  return {
    db,
    principal: {
      userId: '',
      username: 'report-facts',
      displayName: '工作总结',
      role: 'town_admin',
      countyId: '',
      townId,
      deputyId: null,
      unitId: null,
      stationId: null,
      sessionId: '',
      csrfToken: '',
      mustChangePassword: false,
    },
    requestId: 'report-facts',
    ip: '',
  };
}

/**
 * Supervision (监督): findings and notices, and the democratic appraisals (民主评议) whose hearing was held
 * in the period (a hearing date in it, not after today). An office is 满意 by the published rule
 * (polls.rules overallRating on the overall question) once its appraisal's voting is closed; the issue list
 * is the appraisals' own. Four queries whatever the number of records.
 */
export const oversightFacts: AreaFacts = async (db, townId, range, now) => {
  const last = [range.to, todayInChina(now)].sort()[0];
  const held = db.selectFrom('appraisal').select('id').where('townId', '=', townId).where('hearingDate', '>=', range.from).where('hearingDate', '<=', last);
  const [totals, appraisals, units, votes, issues] = await Promise.all([
    findingTotalsFor(officeCtx(db, townId), range.from, range.to),
    held.orderBy('hearingDate').orderBy('code').execute(),
    db
      .selectFrom('appraisalUnit as au')
      .innerJoin('appraisal as a', 'a.id', 'au.appraisalId')
      .innerJoin('handlingUnit as u', 'u.id', 'au.unitId')
      .select(['a.id as appraisalId', 'a.pollId', 'a.status', 'u.id as unitId', 'u.name'])
      .where('au.townId', '=', townId)
      .where('au.appraisalId', 'in', held)
      .orderBy('a.hearingDate')
      .orderBy('a.code')
      .orderBy('u.code')
      .execute(),
    db
      .selectFrom('pollCount as c')
      .innerJoin('appraisal as a', 'a.pollId', 'c.pollId')
      .select(['c.pollId', 'c.subjectId', 'c.question', 'c.answer', 'c.count'])
      .where('c.townId', '=', townId)
      .where('c.question', '=', OVERALL)
      .where('a.id', 'in', held)
      .where('a.status', '=', 'closed')
      .execute(),
    db.selectFrom('appraisalIssue').select(['appraisalId', 'status']).where('townId', '=', townId).where('appraisalId', 'in', held).execute(),
  ]);

  const appraisalIds = appraisals.map((a) => ref('appraisal', a.id));
  const satisfied = units.filter((u) => {
    if (u.status !== 'closed' || !u.pollId) return false;
    const rows = votes.filter((v) => v.pollId === u.pollId).map((v) => ({ ...v, count: Number(v.count) }));
    return overallRating(countsOf(rows, u.unitId, OVERALL)) === 'satisfied';
  });
  const done = issues.filter((i) => i.status === 'done');
  function appraisalRefs(list: readonly { appraisalId: string }[]) {
    return [...new Set(list.map((x) => ref('appraisal', x.appraisalId)))];
  }
  return {
    'findings.found': count(
      'findings.found',
      totals.found.map((id) => ref('finding', id)),
    ),
    'findings.notices': count(
      'findings.notices',
      totals.noticesIssued.map((id) => ref('notice', id)),
    ),
    'findings.fixedOnTime': count(
      'findings.fixedOnTime',
      totals.fixedOnTime.map((id) => ref('finding', id)),
    ),
    'findings.fixedLate': count(
      'findings.fixedLate',
      totals.fixedLate.map((id) => ref('finding', id)),
    ),
    'findings.open': count(
      'findings.open',
      totals.stillOpen.map((id) => ref('finding', id)),
    ),
    'appraisals.held': count('appraisals.held', appraisalIds),
    'appraisals.units': listFact(
      labelOf('appraisals.units'),
      units.map((u) => u.name),
      appraisalRefs(units),
    ),
    // Offices and issues have no page of their own: the ids are their appraisals, the value counts them.
    'appraisals.satisfied': { value: satisfied.length, ids: appraisalRefs(satisfied), label: labelOf('appraisals.satisfied') },
    'appraisals.issues': { value: issues.length, ids: appraisalRefs(issues), label: labelOf('appraisals.issues') },
    'appraisals.issuesDone': { value: done.length, ids: appraisalRefs(done), label: labelOf('appraisals.issuesDone') },
  };
};
