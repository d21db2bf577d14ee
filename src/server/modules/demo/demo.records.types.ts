import type { DocumentRecord } from '../workbook/sections/documents.section.ts';
import type { ResearchTopicRecord } from '../workbook/sections/research-topics.section.ts';
import type { Selector } from './demo.calendar.types.ts';

/*
 * The shape of a demo town's presidium meetings, documents and research topics (demo.records.*.ts):
 * what the town's congress did in 2026 around its activities, written as data with fixed dates.
 * demo.meetings.ts, demo.documents.ts and demo.research.ts turn it into workbook records; what of it
 * has happened is decided against the seeding moment, as for the activities.
 *
 * Moments are China time, 'YYYY-MM-DDTHH:MM'; days are 'YYYY-MM-DD'.
 */

/**
 * A person named in the text or owning a decision: '@chair' / '@vice' (the congress chair / full-time
 * vice chair), '@title:副镇长' (the deputy with that title), '@unit:U01' (the handling unit's contact),
 * '@seat:柳塘村' (the presidium member whose workplace starts with that name); anything else is literal.
 */
export type PersonRef = string;

export type AgendaPlan = { title: string; presenter: PersonRef; result: string };

/** A decision's owner: a presidium deputy ('@chair', '@vice', '@seat:…'), a unit ('@unit:U01'), or another owner by name. */
export type DecisionPlan = {
  content: string;
  owner: PersonRef;
  due: string;
  /** Progress notes [day, text], in date order; each shows once its day (afternoon) has come. */
  progress: [day: string, note: string][];
  /** Done on that day with that result; until then open or in progress (overdue after `due`). */
  done?: [day: string, result: string];
  /** Cancelled on that day for that reason. */
  cancelled?: [day: string, reason: string];
};

export type MeetingPlan = {
  /** Key of the presidium-meeting activity in the town's calendar (demo.calendar.*.ts). */
  activity: string;
  title: string;
  agenda: AgendaPlan[];
  decisions: DecisionPlan[];
  /** A closing paragraph of the minutes (held meetings only). */
  closing?: string;
};

export type DocumentPlan = {
  code: string;
  title: string;
  category: DocumentRecord['category'];
  docNumber: string;
  issueDate: string | null;
  summary: string;
  /** Key of the activity it belongs to (training, meeting), if any. */
  activity?: string;
  /** Sent at (China time). The draft exists from a week before; before that the document does not. */
  sentAt: string;
  to: Selector;
  /** Days after sending when staff pressed 提醒未读 (reminding every recipient who had not read it then). */
  reminders?: number[];
  /** Share of recipients who read it at all, before the draws vary it a little. */
  readRate?: number;
};

export type TopicPlan = {
  code: string;
  title: string;
  description: string;
  dueDate: string;
  /** Published on that day (the topic exists from then). */
  published: string;
  claim?: {
    claimant: { station: string } | { group: string };
    at: string;
    /** The lead deputy ('@vice', '@seat:…', or the group's leader when left out). */
    lead?: PersonRef;
    /** How many deputies besides the lead, drawn from the claimant's deputies. */
    others: number;
    /** Research activities (calendar keys) linked once claimed. */
    activities?: string[];
  };
  report?: { at: string; summary: string };
  grade?: { at: string; grade: NonNullable<ResearchTopicRecord['grade']>; comment: string };
};

export type TownRecordsPlan = {
  /** 第N次 of the first meeting of the demo year in the current term. */
  firstOrdinal: number;
  meetings: MeetingPlan[];
  documents: DocumentPlan[];
  topics: TopicPlan[];
  /** The demo deputy's part: the documents they never open, the topic they work on. */
  story?: { username: string; unread: string[]; topic: string };
};
