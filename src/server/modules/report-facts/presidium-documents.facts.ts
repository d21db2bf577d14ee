import type { AreaFacts } from './area.ts';
import { count, distinct, labelOf, listFact, ref, utcBounds } from './facts.helpers.ts';

/**
 * Presidium meetings held in the period (by their date) and their agenda topics in meeting order, and the
 * documents (study material, notices) sent to deputies in the period (by the time they were sent).
 */
export const presidiumDocumentsFacts: AreaFacts = async (db, townId, range) => {
  const { fromIso, toIso } = utcBounds(range);
  const [meetings, topics, documents] = await Promise.all([
    db
      .selectFrom('presidiumMeeting')
      .select('id')
      .where('townId', '=', townId)
      .where('status', '=', 'held')
      .where('date', '>=', range.from)
      .where('date', '<=', range.to)
      .orderBy('date')
      .orderBy('number')
      .execute(),
    db
      .selectFrom('presidiumAgendaItem as a')
      .innerJoin('presidiumMeeting as m', 'm.id', 'a.meetingId')
      .select(['a.meetingId', 'a.title'])
      .where('a.townId', '=', townId)
      .where('m.townId', '=', townId)
      .where('m.status', '=', 'held')
      .where('m.date', '>=', range.from)
      .where('m.date', '<=', range.to)
      .orderBy('m.date')
      .orderBy('m.number')
      .orderBy('a.sortOrder')
      .execute(),
    db
      .selectFrom('document')
      .select('id')
      .where('townId', '=', townId)
      .where('status', '=', 'sent')
      .where('sentAt', '>=', fromIso)
      .where('sentAt', '<', toIso)
      .execute(),
  ]);
  return {
    'presidium.meetings': count(
      'presidium.meetings',
      meetings.map((m) => ref('presidium_meeting', m.id)),
    ),
    'presidium.topics': listFact(
      labelOf('presidium.topics'),
      distinct(topics.map((t) => t.title)),
      topics.map((t) => ref('presidium_meeting', t.meetingId)),
    ),
    'documents.sent': count(
      'documents.sent',
      documents.map((d) => ref('document', d.id)),
    ),
  };
};
