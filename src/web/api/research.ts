import { download, http, type Page, type PageQuery } from './client.ts';

export const RESEARCH_STATUSES = ['open', 'claimed', 'submitted', 'graded', 'withdrawn'] as const;
export type ResearchStatus = (typeof RESEARCH_STATUSES)[number];
export const RESEARCH_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type ResearchGrade = (typeof RESEARCH_GRADES)[number];
export const CLAIMANT_TYPES = ['station', 'group'] as const;
export type ClaimantType = (typeof CLAIMANT_TYPES)[number];
export const MEMBER_ROLES = ['lead', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export type Claimant = { type: ClaimantType; id: string; code: string; name: string };
export type Person = { id: string; name: string };
export type FileMeta = { id: string; name: string; kind: string; mime: string; size: number; uploadedAt: string };

export type TopicSummary = {
  id: string;
  code: string;
  year: number;
  title: string;
  dueDate: string;
  status: ResearchStatus;
  claimant: Claimant | null;
  claimedAt: string | null;
  submittedAt: string | null;
  grade: ResearchGrade | null;
  overdue: boolean;
  submittedLate: boolean;
  memberCount: number;
  leadName: string | null;
  version: number;
};

export type TopicMember = { deputyId: string; code: string; name: string; role: MemberRole };

export type TopicDetail = TopicSummary & {
  description: string;
  claimedBy: Person | null;
  report: FileMeta | null;
  reportSummary: string;
  submittedBy: Person | null;
  returnNote: string;
  gradeComment: string;
  gradedAt: string | null;
  gradedBy: Person | null;
  members: TopicMember[];
  activities: { id: string; code: string; title: string; startAt: string; status: string }[];
  createdAt: string;
  can: {
    edit: boolean;
    claim: boolean;
    release: boolean;
    setMembers: boolean;
    submit: boolean;
    return: boolean;
    grade: boolean;
    withdraw: boolean;
    reopen: boolean;
    setActivities: boolean;
  };
};

export type MineItem = TopicSummary & { myRole: MemberRole };

export type TopicFilters = {
  year?: number;
  status?: ResearchStatus;
  grade?: ResearchGrade;
  claimantType?: ClaimantType;
  claimantId?: string;
  overdue?: 'true' | 'false';
  q?: string;
};

export type TopicInput = { year: number; title: string; description?: string; dueDate: string };

export type GradeCounts = Record<ResearchGrade, number>;
export type ResearchStats = {
  year: number;
  published: number;
  open: number;
  claimed: number;
  submitted: number;
  graded: number;
  overdue: number;
  withdrawn: number;
  byGrade: GradeCounts;
  byClaimant: (Claimant & { claimed: number; submitted: number; graded: number; overdue: number; byGrade: GradeCounts })[];
};

export type SuggestedMembers = { claimant: Claimant; deputies: { deputyId: string; code: string; name: string; groupRole: string | null }[] };

const base = '/research-topics';

export const researchApi = {
  list: (q: TopicFilters & PageQuery) => http.get<Page<TopicSummary>>(base, q),
  mine: (q: { year?: number } & PageQuery) => http.get<Page<MineItem>>(`${base}/mine`, q),
  stats: (year: number) => http.get<ResearchStats>(`${base}/stats`, { year }),
  get: (id: string) => http.get<TopicDetail>(`${base}/${id}`),
  create: (body: TopicInput) => http.post<TopicDetail>(base, body),
  update: (id: string, body: Partial<TopicInput> & { version: number }) => http.patch<TopicDetail>(`${base}/${id}`, body),
  claim: (id: string, claimantType: ClaimantType, claimantId: string, version: number) =>
    http.post<TopicDetail>(`${base}/${id}/claim`, { claimantType, claimantId, version }),
  release: (id: string, version: number) => http.post<TopicDetail>(`${base}/${id}/release`, { version }),
  setMembers: (id: string, members: { deputyId: string; role: MemberRole }[], version: number) => http.put<TopicDetail>(`${base}/${id}/members`, { members, version }),
  suggested: (id: string) => http.get<SuggestedMembers>(`${base}/${id}/suggested-members`),
  /** Upload first (a document: PDF or Office), then submit the report with the file's id. */
  uploadReport: (file: File) => http.upload<FileMeta>('POST', '/files?use=document', file),
  submit: (id: string, reportFileId: string, reportSummary: string, version: number) =>
    http.post<TopicDetail>(`${base}/${id}/report`, { reportFileId, reportSummary, version }),
  returnReport: (id: string, returnNote: string, version: number) => http.post<TopicDetail>(`${base}/${id}/return`, { returnNote, version }),
  grade: (id: string, grade: ResearchGrade, gradeComment: string, version: number) => http.post<TopicDetail>(`${base}/${id}/grade`, { grade, gradeComment, version }),
  withdraw: (id: string, version: number) => http.post<TopicDetail>(`${base}/${id}/withdraw`, { version }),
  reopen: (id: string, version: number) => http.post<TopicDetail>(`${base}/${id}/reopen`, { version }),
  downloadReport: (id: string, name: string) => download(`${base}/${id}/report`, undefined, name),
};
