import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbookJsonSchemaText } from './workbook.jsonschema.ts';

describe('docs/workbook.schema.json', () => {
  it('is what the zod schema generates (run `npx tsx scripts/gen-workbook-schema.ts` after changing a section)', () => {
    const committed = fs.readFileSync(path.join(import.meta.dirname, '../../../../docs/workbook.schema.json'), 'utf8');
    expect(committed).toBe(workbookJsonSchemaText());
  });

  it('describes every section of the registry and forbids unknown properties', () => {
    const schema = JSON.parse(workbookJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['format', 'formatVersion', 'county', 'town']);
    expect(Object.keys(schema.properties)).toEqual([
      'format',
      'formatVersion',
      'county',
      'town',
      'villages',
      'terms',
      'constituencies',
      'stations',
      'units',
      'deputies',
      'groups',
      'presidium',
      'users',
      'activityKinds',
      'activitySeries',
      'activities',
      'presidiumMeetings',
      'researchTopics',
      'documents',
      'receptions',
      'suggestionSettings',
      'holidays',
      'sessions',
      'sessionRoll',
      'sessionItems',
      'suggestions',
      'motions',
      'sessionVotes',
      'elections',
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
      'achievements',
      'portalSubmissions',
    ]);
    expect(schema.properties.activities.items.required).toContain('invitations');
    expect(schema.properties.deputies.items.required).toContain('idNumber');
    expect(schema.properties.users.items.required).not.toContain('passwordHash');
    expect(schema.properties.documents.items.required).toEqual(expect.arrayContaining(['recipients', 'file', 'category']));
    expect(schema.properties.researchTopics.items.required).toEqual(expect.arrayContaining(['members', 'claimant', 'grade']));
    expect(schema.properties.receptions.items.required).toEqual(expect.arrayContaining(['station', 'deputies', 'matters']));
  });
});
