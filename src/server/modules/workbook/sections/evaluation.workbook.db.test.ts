import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../../test/db.ts';
import { type Database, openDatabase } from '../../../db/kysely.ts';
import { migrateToLatest } from '../../../db/migrate.ts';
import { buildDemoCounty } from '../../demo/demo.generator.ts';
import type { WorkbookDocument } from '../workbook.document.ts';
import { exportWorkbook, serializeWorkbook } from '../workbook.export.ts';
import { CLI_ACTOR, WorkbookError, importWorkbook, readWorkbookText } from '../workbook.import.ts';

/*
 * The oversight and evaluation sections (findings, notices, re-inspections, appraisals and their issues,
 * duty reports, reviews, the points scheme, adjustments, presidium ratings, published months) on the demo
 * town, which carries all of them. Runs on SQLite and, with TEST_DB=postgres, on PostgreSQL; the round
 * trip crosses engines in the PostgreSQL run.
 */

const AS_OF = new Date('2026-12-07T02:00:00Z');
const demo = (): WorkbookDocument => structuredClone(buildDemoCounty(undefined, AS_OF).documents[0]);

const OURS = [
  'findings',
  'rectificationNotices',
  'reinspections',
  'appraisals',
  'appraisalIssues',
  'dutyReports',
  'deputyReviews',
  'pointsSchemes',
  'pointsAdjustments',
  'presidiumRatings',
  'pointsSnapshots',
] as const;

async function sqliteMemory(): Promise<Database> {
  const d = openDatabase(':memory:');
  await migrateToLatest(d.db);
  return d;
}

async function issuesOf(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookError);
  return (err as WorkbookError).issues;
}

let a: Database;
beforeAll(async () => {
  a = await freshDatabase();
});
afterAll(async () => {
  await a.close();
});

describe('oversight and evaluation in the workbook', () => {
  it('the demo town carries every section, with records in each', () => {
    const doc = demo();
    for (const k of OURS) expect((doc[k] ?? []).length, k).toBeGreaterThan(0);
    expect(doc.findings?.some((f) => f.status === 'closed')).toBe(true);
    expect(doc.reinspections?.some((r) => r.result === 'fixed')).toBe(true);
    expect(new Set(doc.dutyReports?.map((r) => r.result))).toEqual(new Set(['称职', '基本称职', '不称职']));
    expect(doc.appraisals?.map((x) => x.status)).toEqual(['closed', 'draft']);
  });

  it('round trip: import into an empty database -> export gives the document back, byte for byte, across engines', async () => {
    const doc = demo();
    const text = serializeWorkbook(doc);
    const first = await importWorkbook(a.db, readWorkbookText(text), CLI_ACTOR);
    for (const k of OURS) expect(first.sections[k].created, k).toBe(doc[k]?.length);
    const out = serializeWorkbook(await exportWorkbook(a.db, { townCode: doc.town.code }));
    expect(out).toBe(text);
    // Results only: nothing of a code leaves the database.
    expect(out).not.toMatch(/codeHash|code_hash|issuedTo|"id"|createdAt|"version"/);

    const other = await sqliteMemory();
    try {
      await importWorkbook(other.db, readWorkbookText(out), CLI_ACTOR);
      expect(serializeWorkbook(await exportWorkbook(other.db, { townCode: doc.town.code }))).toBe(out);
    } finally {
      await other.close();
    }
  });

  it('a second import changes nothing', async () => {
    const again = await importWorkbook(a.db, demo(), CLI_ACTOR);
    for (const k of OURS) expect(again.sections[k], k).toEqual({ created: 0, updated: 0, unchanged: demo()[k]?.length });
  });

  it('polls travel as counts and code tallies: placeholder codes, none issued to anyone, every counter present', async () => {
    const doc = demo();
    const p = doc.appraisals?.[0].poll;
    if (!p) throw new Error('demo appraisal has no poll');
    const codes = await a.db
      .selectFrom('pollCode as c')
      .innerJoin('appraisal as x', 'x.pollId', 'c.pollId')
      .select(['c.used', 'c.issuedTo'])
      .where('x.code', '=', 'P001')
      .execute();
    expect(codes.length).toBe(p.codesIssued);
    expect(codes.filter((c) => c.used === 1).length).toBe(p.codesUsed);
    expect(codes.every((c) => c.issuedTo === null)).toBe(true);
    const counters = await a.db
      .selectFrom('pollCount as c')
      .innerJoin('appraisal as x', 'x.pollId', 'c.pollId')
      .select('c.count')
      .where('x.code', '=', 'P001')
      .execute();
    expect(counters.length).toBe(p.subjects.length * (1 + p.dimensions.length) * p.scale.length);
  });

  it('a published month keeps every item of the scheme in the database, the zero ones too', async () => {
    const row = await a.db.selectFrom('pointsSnapshotRow').select('breakdown').limit(1).executeTakeFirstOrThrow();
    const b = JSON.parse(row.breakdown) as { lines: { key: string; recordIds: string[] }[] };
    expect(b.lines.length).toBe(demo().pointsSchemes?.[0].items.length);
    for (const l of b.lines) for (const r of l.recordIds) expect(r).toMatch(/^[a-z_]+:[0-9A-Z]{26}$/);
  });

  describe('bad rows are reported with their path, and nothing is written', () => {
    const cases: [string, (d: WorkbookDocument) => void, string][] = [
      ['a finding on an activity that exists nowhere', (d) => (d.findings![0].activity = 'A99999'), 'findings[0].activity'],
      [
        'a finding of a unit without its code',
        (d) => Object.assign(d.findings![0], { responsibleType: 'unit', responsible: null, responsibleName: '' }),
        'findings[0].responsible',
      ],
      ['a closed finding without its day', (d) => Object.assign(d.findings!.find((f) => f.status === 'closed')!, { closedOn: null }), 'closedOn'],
      ['a notice naming a finding that exists nowhere', (d) => (d.rectificationNotices![0].findings = ['F99999']), 'rectificationNotices[0].findings[0]'],
      ['a notice due before it is issued', (d) => (d.rectificationNotices![0].deadline = '2000-01-01'), 'rectificationNotices[0].deadline'],
      [
        'a fixed re-inspection of a finding still open',
        (d) => {
          const r = d.reinspections!.find((x) => x.result === 'fixed')!;
          d.findings!.find((f) => f.code === r.finding)!.status = 'rectifying';
          Object.assign(d.findings!.find((f) => f.code === r.finding)!, { closedOn: null });
        },
        '.result',
      ],
      ['a re-inspection by a deputy that exists nowhere', (d) => (d.reinspections![0].deputies = ['D999']), 'reinspections[0].deputies[0]'],
      ['appraisal counts that do not add up to the ballots', (d) => (d.appraisals![0].poll!.counts[0].count += 1), 'appraisals[0].poll.counts'],
      ['an appraisal count for an office not rated', (d) => (d.appraisals![0].poll!.counts[0].subject = 'U13'), 'appraisals[0].poll.counts[0].subject'],
      ['more codes used than issued', (d) => (d.appraisals![0].poll!.codesUsed = 999), 'appraisals[0].poll.codesUsed'],
      ['an issue numbered with a gap', (d) => (d.appraisalIssues![3].seq = 9), 'appraisalIssues[3].seq'],
      [
        'a second re-inspection dated before the first',
        (d) => d.reinspections!.push({ ...d.reinspections![0], seq: 2, date: '2000-01-01' }),
        'reinspections[2].seq',
      ],
      ['an issue of an office not appraised', (d) => (d.appraisalIssues![0].unit = 'U13'), 'appraisalIssues[0].unit'],
      ['duty-report bands without a 0 band', (d) => (d.dutyReports![0].bands = [{ label: '称职', minPercent: 80 }]), 'dutyReports[0].bands'],
      [
        'a duty-report result the counts do not give',
        (d) => (d.dutyReports![0].result = d.dutyReports![0].result === '称职' ? '不称职' : '称职'),
        'dutyReports[0].result',
      ],
      ['a duty-report approval the counts do not give', (d) => (d.dutyReports![0].approval = 0.1), 'dutyReports[0].approval'],
      ['a peer review for a quarter', (d) => (d.deputyReviews![0].period = '2026-Q1'), 'deputyReviews[0].period'],
      ['scale points that rise as the rating falls', (d) => (d.deputyReviews![0].scalePoints.basic = 100.5), 'deputyReviews[0].scalePoints'],
      ['weights that do not add up to 100', (d) => (d.pointsSchemes![0].weights.peer = 11), 'pointsSchemes[0].weights'],
      ['a scheme item counting an unknown metric', (d) => (d.pointsSchemes![0].items[0].metric = 'likes'), 'pointsSchemes[0].items[0].metric'],
      ['an adjustment of a deputy that exists nowhere', (d) => (d.pointsAdjustments![0].deputy = 'D999'), 'pointsAdjustments[0].deputy'],
      ['an adjustment outside its scheme year', (d) => (d.pointsAdjustments![0].month = '2025-12'), 'pointsAdjustments[0].month'],
      ['a presidium rating above 100', (d) => (d.presidiumRatings![0].score = 101), 'presidiumRatings[0].score'],
      ['a published row whose total is not its breakdown', (d) => (d.pointsSnapshots![0].rows[0].total += 1), 'pointsSnapshots[0].rows[0].total'],
      [
        'a published line naming a record that exists nowhere',
        (d) => {
          const row = d.pointsSnapshots![0].rows.find((r) => r.breakdown.lines.length)!;
          row.breakdown.lines[0].recordIds = ['activity:A99999', ...row.breakdown.lines[0].recordIds.slice(1)];
        },
        '.recordIds[0]',
      ],
    ];
    for (const [name, change, field] of cases) {
      it(name, async () => {
        const fresh = await sqliteMemory();
        try {
          const doc = demo();
          change(doc);
          const issues = await issuesOf(importWorkbook(fresh.db, doc, CLI_ACTOR));
          expect(issues.map((i) => i.field).join('\n')).toContain(field);
          expect(issues.every((i) => i.message.length > 0)).toBe(true);
          expect(await fresh.db.selectFrom('finding').select('id').execute()).toEqual([]);
        } finally {
          await fresh.close();
        }
      });
    }
  });
});
