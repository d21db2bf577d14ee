import type { DocumentRecord } from '../workbook/sections/documents.section.ts';
import type { PresidiumMeetingRecord } from '../workbook/sections/presidium-meetings.section.ts';
import type { ResearchTopicRecord } from '../workbook/sections/research-topics.section.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import type { TownYear } from './demo.calendar.types.ts';
import { buildDocuments } from './demo.documents.ts';
import { buildMeetings } from './demo.meetings.ts';
import type { Rng } from './demo.random.ts';
import { recordsCtx } from './demo.records.context.ts';
import type { TownRecordsPlan } from './demo.records.types.ts';
import { buildResearch } from './demo.research.ts';

export type DemoRecords = {
  presidiumMeetings: PresidiumMeetingRecord[];
  documents: DocumentRecord[];
  researchTopics: ResearchTopicRecord[];
};

/**
 * The town's presidium meetings, documents and research topics, made after its activities (which
 * they link to by code). `rng` is the town's own generator for these records, so adding them changed
 * neither the people nor the activities; every draw is made before `asOf` is looked at.
 */
export function buildRecords(doc: WorkbookDocument, year: TownYear, plan: TownRecordsPlan, rng: Rng, asOf: Date): DemoRecords {
  const cx = recordsCtx(doc, year, asOf);
  return { presidiumMeetings: buildMeetings(cx, plan, rng), documents: buildDocuments(cx, plan, rng), researchTopics: buildResearch(cx, plan, rng) };
}
