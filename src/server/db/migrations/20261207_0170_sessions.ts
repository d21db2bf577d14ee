import type { Kysely } from 'kysely';

/*
 * Congress sessions (人代会): the session of a term (第十八届人民代表大会第二次会议), its presidium and
 * secretary-general, the roll (a snapshot of the deputies in office when the roll is taken — the count
 * "all deputies" that quorum, passing and election thresholds are measured against), agenda items with
 * their documents, motions (议案) with sponsors, votes on items (per round, from the count or per deputy),
 * and elections (posts and seats, nominations with their signers, candidates, rounds with the ballot
 * figures and the tally per candidate and write-in).
 *
 * The table is congress_session because `session` holds the login sessions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('congress_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('code', 'text', (c) => c.notNull()) // S001…, unique in the town, never reused
    .addColumn('term_id', 'text', (c) => c.notNull().references('term.id'))
    .addColumn('number', 'integer', (c) => c.notNull()) // 第N次会议 of the term
    .addColumn('kind', 'text', (c) => c.notNull()) // ordinary | extraordinary
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('preparing')) // preparing | open | closed
    .addColumn('secretary_general_id', 'text', (c) => c.references('deputy.id')) // 秘书长
    .addColumn('roll_taken_at', 'text') // when the roll snapshot was made; null = not yet
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('congress_session_town_code_uq', ['town_id', 'code'])
    .addUniqueConstraint('congress_session_term_number_uq', ['town_id', 'term_id', 'number'])
    .execute();
  await db.schema.createIndex('congress_session_town_date_idx').on('congress_session').columns(['town_id', 'start_date']).execute();

  // The presidium elected at the preparatory meeting for this session (大会主席团), with its executive chairs.
  await db.schema
    .createTable('session_presidium')
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_session.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('executive', 'integer', (c) => c.notNull().defaultTo(0)) // 常务主席 / 执行主席
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_presidium_pk', ['session_id', 'deputy_id'])
    .execute();

  // The roll: one row per deputy in office at the session, made when the roll is taken.
  await db.schema
    .createTable('session_attendee')
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_session.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('expected')) // expected | present | late | on_leave | absent
    .addColumn('leave_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('arrived_at', 'text') // UTC ISO, for present/late
    .addColumn('marked_by', 'text')
    .addColumn('marked_at', 'text')
    .addPrimaryKeyConstraint('session_attendee_pk', ['session_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('session_attendee_town_deputy_idx').on('session_attendee').columns(['town_id', 'deputy_id']).execute();

  await db.schema
    .createTable('session_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_session.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // order on the agenda, from 1
    // work_report | written_report | motion | election | decision | other
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('presenter', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending')) // pending | reviewed | passed | failed
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_item_town_session_idx').on('session_item').columns(['town_id', 'session_id', 'seq']).execute();

  await db.schema
    .createTable('session_item_file')
    .addColumn('item_id', 'text', (c) => c.notNull().references('session_item.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('stored_file.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('session_item_file_pk', ['item_id', 'file_id'])
    .execute();

  await db.schema
    .createTable('motion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_session.id'))
    .addColumn('number', 'integer', (c) => c.notNull()) // 第N号 within the session, never reused
    .addColumn('proposer_type', 'text', (c) => c.notNull()) // deputies | presidium | government
    .addColumn('subject', 'text', (c) => c.notNull()) // 案由
    .addColumn('grounds', 'text', (c) => c.notNull().defaultTo('')) // 案据
    .addColumn('solution', 'text', (c) => c.notNull().defaultTo('')) // 方案
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    // submitted | on_agenda | to_suggestion | not_accepted | withdrawn | passed | failed
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('submitted'))
    .addColumn('decision_reason', 'text', (c) => c.notNull().defaultTo('')) // why not accepted / withdrawn
    .addColumn('decided_at', 'text')
    .addColumn('item_id', 'text', (c) => c.references('session_item.id').onDelete('set null')) // when on the agenda
    .addColumn('suggestion_id', 'text', (c) => c.references('suggestion.id')) // when handled as a suggestion
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('motion_session_number_uq', ['session_id', 'number'])
    .execute();
  await db.schema.createIndex('motion_town_session_idx').on('motion').columns(['town_id', 'session_id']).execute();

  await db.schema
    .createTable('motion_sponsor')
    .addColumn('motion_id', 'text', (c) => c.notNull().references('motion.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | co
    .addPrimaryKeyConstraint('motion_sponsor_pk', ['motion_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('motion_sponsor_town_deputy_idx').on('motion_sponsor').columns(['town_id', 'deputy_id']).execute();

  // A vote (表决) on an agenda item; a tie is voted again as round + 1.
  await db.schema
    .createTable('session_vote')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_session.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('session_item.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // count | per_deputy
    .addColumn('for_count', 'integer', (c) => c.notNull())
    .addColumn('against_count', 'integer', (c) => c.notNull())
    .addColumn('abstain_count', 'integer', (c) => c.notNull())
    .addColumn('not_voting_count', 'integer', (c) => c.notNull())
    .addColumn('all_deputies', 'integer', (c) => c.notNull()) // the roll size at the vote
    .addColumn('present_count', 'integer', (c) => c.notNull()) // present + late at the vote
    .addColumn('result', 'text', (c) => c.notNull()) // passed | failed | tie
    .addColumn('announcement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('session_vote_item_round_uq', ['item_id', 'round'])
    .execute();
  await db.schema.createIndex('session_vote_town_session_idx').on('session_vote').columns(['town_id', 'session_id']).execute();

  await db.schema
    .createTable('session_vote_ballot')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('session_vote.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('choice', 'text', (c) => c.notNull()) // for | against | abstain | not_voting
    .addPrimaryKeyConstraint('session_vote_ballot_pk', ['vote_id', 'deputy_id'])
    .execute();

  await db.schema
    .createTable('election')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_session.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('session_item.id').onDelete('cascade'))
    // chair | vice_chair | town_head | deputy_head | presidium_member | other
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('post_name', 'text', (c) => c.notNull()) // 镇人民代表大会主席, 镇长 …
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('nominating')) // nominating | voting | done
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('election_town_session_idx').on('election').columns(['town_id', 'session_id']).execute();

  await db.schema
    .createTable('election_candidate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.references('deputy.id')) // a town head need not be a deputy
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text') // male | female
    .addColumn('birth_date', 'text')
    .addColumn('party', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo('')) // 现任职务
    .addColumn('sort_order', 'integer', (c) => c.notNull()) // the ballot lists by 姓氏笔画; staff keep the order
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('election_candidate_name_uq', ['election_id', 'name'])
    .execute();

  await db.schema
    .createTable('election_nomination')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('nominator', 'text', (c) => c.notNull()) // presidium | deputies
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('election_nomination_candidate')
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('election_nomination.id').onDelete('cascade'))
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('election_candidate.id').onDelete('cascade'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('election_nomination_candidate_pk', ['nomination_id', 'candidate_id'])
    .execute();
  await db.schema
    .createTable('election_nomination_signer')
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('election_nomination.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addPrimaryKeyConstraint('election_nomination_signer_pk', ['nomination_id', 'deputy_id'])
    .execute();

  await db.schema
    .createTable('election_round')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull()) // seats to fill in this round
    .addColumn('ballots_issued', 'integer', (c) => c.notNull())
    .addColumn('ballots_returned', 'integer', (c) => c.notNull())
    .addColumn('ballots_valid', 'integer', (c) => c.notNull())
    .addColumn('ballots_invalid', 'integer', (c) => c.notNull())
    .addColumn('all_deputies', 'integer', (c) => c.notNull())
    .addColumn('present_count', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull()) // filled | partly | none | void
    .addColumn('announcement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('election_round_uq', ['election_id', 'round'])
    .execute();
  await db.schema
    .createTable('election_tally')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('town.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('election_round.id').onDelete('cascade'))
    .addColumn('candidate_id', 'text', (c) => c.references('election_candidate.id')) // null for a write-in
    .addColumn('write_in_name', 'text') // 另选他人
    .addColumn('for_votes', 'integer', (c) => c.notNull())
    .addColumn('against_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('abstain_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('elected', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('election_tally_round_idx').on('election_tally').columns(['town_id', 'round_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'election_tally',
    'election_round',
    'election_nomination_signer',
    'election_nomination_candidate',
    'election_nomination',
    'election_candidate',
    'election',
    'session_vote_ballot',
    'session_vote',
    'motion_sponsor',
    'motion',
    'session_item_file',
    'session_item',
    'session_attendee',
    'session_presidium',
    'congress_session',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
