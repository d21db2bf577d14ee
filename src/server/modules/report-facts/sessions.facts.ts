import type { Fact } from '../../../shared/report/facts.ts';
import { rate } from '../search/stats.rules.ts';
import { NOT_RAISED } from '../sessions/session-stats.repo.ts';
import { COUNTS_PRESENT, sessionName } from '../sessions/sessions.rules.ts';
import type { AreaFacts } from './area.ts';
import { count, labelOf, listFact, ref } from './facts.helpers.ts';

/** Motion states that mean the motion was put on the agenda (and maybe voted on since). */
const ON_AGENDA = new Set(['on_agenda', 'passed', 'failed']);

/**
 * Congress sessions opened in the period (start date in it, opened or closed — a session still being
 * prepared has not been held), with what happened at them: the roll (attended = present or late, of all on
 * the roll: the sessions' statistics rule), the agenda's reports and written reviews, the items passed by
 * vote, the deputies' motions and their fate, everyone elected, and the suggestions raised at them. One
 * query per table, each over the same sub-select of sessions.
 */
export const sessionsFacts: AreaFacts = async (db, townId, range) => {
  const opened = db
    .selectFrom('congressSession')
    .select('id')
    .where('townId', '=', townId)
    .where('status', 'in', ['open', 'closed'])
    .where('startDate', '>=', range.from)
    .where('startDate', '<=', range.to);
  const [sessions, roll, items, motions, elected, suggestions] = await Promise.all([
    db
      .selectFrom('congressSession as s')
      .innerJoin('term', 'term.id', 's.termId')
      .innerJoin('town', 'town.id', 's.townId')
      .select(['s.id', 's.startDate', 's.number', 'term.number as termNumber', 'town.name as townName'])
      .where('s.id', 'in', opened)
      .orderBy('s.startDate')
      .orderBy('s.code')
      .execute(),
    db
      .selectFrom('sessionAttendee')
      .select(['sessionId', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('townId', '=', townId)
      .where('sessionId', 'in', opened)
      .groupBy(['sessionId', 'status'])
      .execute(),
    db
      .selectFrom('sessionItem as i')
      .innerJoin('congressSession as s', 's.id', 'i.sessionId')
      .select(['i.sessionId', 'i.kind', 'i.title', 'i.status'])
      .where('i.townId', '=', townId)
      .where('i.sessionId', 'in', opened)
      .orderBy('s.startDate')
      .orderBy('i.seq')
      .execute(),
    db
      .selectFrom('motion')
      .select(['id', 'status'])
      .where('townId', '=', townId)
      .where('proposerType', '=', 'deputies')
      .where('status', '!=', 'withdrawn')
      .where('sessionId', 'in', opened)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('electionTally as t')
      .innerJoin('electionRound as r', 'r.id', 't.roundId')
      .innerJoin('election as e', 'e.id', 'r.electionId')
      .innerJoin('sessionItem as i', 'i.id', 'e.itemId')
      .innerJoin('congressSession as s', 's.id', 'e.sessionId')
      .leftJoin('electionCandidate as c', 'c.id', 't.candidateId')
      .select(['e.id as electionId', 'e.postName', 'c.name as candidateName', 't.writeInName'])
      .where('t.townId', '=', townId)
      .where('t.elected', '=', 1)
      .where('e.sessionId', 'in', opened)
      .orderBy('s.startDate')
      .orderBy('i.seq')
      .orderBy('r.round')
      .orderBy('t.forVotes', 'desc')
      .execute(),
    db
      .selectFrom('suggestion')
      .select(['id', 'repliedOn'])
      .where('townId', '=', townId)
      .where('state', 'not in', [...NOT_RAISED])
      .where('sessionId', 'in', opened)
      .orderBy('code')
      .execute(),
  ]);

  const sessionIds = sessions.map((s) => ref('session', s.id));
  const first = sessions[0];
  const rollAll = roll.reduce((n, r) => n + Number(r.n), 0);
  const attendedRows = roll.filter((r) => COUNTS_PRESENT.includes(r.status));
  const attended = attendedRows.reduce((n, r) => n + Number(r.n), 0);
  const sessionRefsOf = (list: readonly { sessionId: string }[]) => [...new Set(list.map((x) => ref('session', x.sessionId)))];
  const titlesOf = (kind: string) => items.filter((i) => i.kind === kind);
  const passed = items.filter((i) => i.status === 'passed');
  const onAgenda = motions.filter((m) => ON_AGENDA.has(m.status));
  const fact = (key: string, value: Fact['value'], ids: readonly string[]): Fact => ({ value, ids: [...new Set(ids)], label: labelOf(key) });
  return {
    'sessions.held': count('sessions.held', sessionIds),
    'sessions.names': listFact(
      labelOf('sessions.names'),
      sessions.map((s) => sessionName(Number(s.termNumber), Number(s.number), s.townName)),
      sessionIds,
    ),
    'sessions.firstName': fact(
      'sessions.firstName',
      first ? sessionName(Number(first.termNumber), Number(first.number), first.townName) : null,
      first ? [ref('session', first.id)] : [],
    ),
    'sessions.firstDate': fact('sessions.firstDate', first ? first.startDate : null, first ? [ref('session', first.id)] : []),
    'sessions.attendanceRate': fact('sessions.attendanceRate', rate(attended, rollAll), sessionRefsOf(attendedRows)),
    'sessions.reports': listFact(
      labelOf('sessions.reports'),
      titlesOf('work_report').map((i) => i.title),
      sessionRefsOf(titlesOf('work_report')),
    ),
    'sessions.writtenReviews': listFact(
      labelOf('sessions.writtenReviews'),
      titlesOf('written_report').map((i) => i.title),
      sessionRefsOf(titlesOf('written_report')),
    ),
    // Agenda items have no page of their own: the ids are their sessions, the value counts the items.
    'sessions.itemsPassed': fact('sessions.itemsPassed', passed.length, sessionRefsOf(passed)),
    'sessions.motions': count(
      'sessions.motions',
      motions.map((m) => ref('motion', m.id)),
    ),
    'sessions.motionsOnAgenda': count(
      'sessions.motionsOnAgenda',
      onAgenda.map((m) => ref('motion', m.id)),
    ),
    'sessions.motionsToSuggestions': count(
      'sessions.motionsToSuggestions',
      motions.filter((m) => m.status === 'to_suggestion').map((m) => ref('motion', m.id)),
    ),
    'sessions.elected': listFact(
      labelOf('sessions.elected'),
      elected.map((e) => `${e.candidateName ?? e.writeInName ?? ''}（${e.postName}）`),
      elected.map((e) => ref('election', e.electionId)),
    ),
    'sessions.suggestions': count(
      'sessions.suggestions',
      suggestions.map((s) => ref('suggestion', s.id)),
    ),
    'sessions.suggestionsReplied': count(
      'sessions.suggestionsReplied',
      suggestions.filter((s) => s.repliedOn !== null).map((s) => ref('suggestion', s.id)),
    ),
  };
};
