import type { MatterRouting } from '../../db/tables/receptions.ts';
import type { RatingValue, SuggestionKind, SuggestionSource } from '../../db/tables/suggestions.ts';
import { maskName, maskPhone } from '../../lib/mask.ts';
import { cellText } from '../../lib/sheet-text.ts';
import { ROUTING_LABEL } from '../receptions/receptions.rules.ts';
import { type SuggestionState, stateLabel } from '../suggestions/suggestion.machine.ts';
import { chinaDateOf } from './search.rules.ts';

/*
 * The two ledgers (台账) as rows of plain cells, pure. Every cell is a string or a number; the writer
 * (ledger.xlsx.ts) passes each text through sheetText, so text that looks like a formula (=HYPERLINK(…),
 * +cmd, @SUM) is written quoted, as text, in a column formatted as text (@).
 */

export type Cell = string | number;
export type Column<K extends string> = { key: K; header: string; width: number };

// Cell text (XML-safe, cut to what a cell holds) lives with the formula quoting in lib/sheet-text.ts.
export { MAX_CELL_CHARS, cellText } from '../../lib/sheet-text.ts';
export const KIND_LABEL: Record<SuggestionKind, string> = { suggestion: '建议', criticism: '批评', opinion: '意见' };
export const SOURCE_LABEL: Record<SuggestionSource, string> = {
  deputy: '代表提出',
  reception: '接待群众',
  visit: '走访选民',
  portal: '网上留言',
  session: '代表大会',
  inspection: '视察调研',
};
export const RATING_LABEL: Record<RatingValue, string> = { satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' };

// ---------------------------------------------------------------------------------------------------
// Suggestions

export const SUGGESTION_COLUMNS = [
  { key: 'code', header: '编号', width: 11 },
  { key: 'kind', header: '类别', width: 6 },
  { key: 'title', header: '案由', width: 36 },
  { key: 'sponsors', header: '领衔及附议代表', width: 22 },
  { key: 'source', header: '来源', width: 10 },
  { key: 'category', header: '分类', width: 10 },
  { key: 'village', header: '村（社区）', width: 12 },
  { key: 'state', header: '办理状态', width: 10 },
  { key: 'leadUnit', header: '主办单位', width: 16 },
  { key: 'coUnits', header: '协办单位', width: 20 },
  { key: 'assignedOn', header: '交办日期', width: 12 },
  { key: 'dueDate', header: '答复期限', width: 12 },
  { key: 'repliedOn', header: '答复日期', width: 12 },
  { key: 'grade', header: '答复类别', width: 22 },
  { key: 'rating', header: '代表满意度', width: 11 },
  { key: 'closedOn', header: '办结日期', width: 12 },
] as const satisfies readonly Column<string>[];
export type SuggestionColumn = (typeof SUGGESTION_COLUMNS)[number]['key'];

export type LedgerSuggestion = {
  code: string;
  kind: SuggestionKind;
  title: string;
  sourceType: SuggestionSource;
  category: string;
  villageName: string | null;
  state: SuggestionState;
  assignedOn: string | null;
  dueDate: string | null;
  repliedOn: string | null;
  grade: string | null;
  rating: RatingValue | null;
  closedAt: string | null;
};
export type Named = { name: string; role: 'lead' | 'co' };

/** Lead first, marked; then the others in the given order: "李明华（领衔）、张秀英". */
export function namesOf(people: readonly Named[], leadMark = '（领衔）'): string {
  const lead = people.filter((p) => p.role === 'lead');
  const co = people.filter((p) => p.role !== 'lead');
  return [...lead.map((p) => `${p.name}${leadMark}`), ...co.map((p) => p.name)].join('、');
}

export function suggestionLedgerRow(
  s: LedgerSuggestion,
  sponsors: readonly Named[],
  units: readonly Named[],
  gradeText: (code: string | null) => string,
): Record<SuggestionColumn, Cell> {
  return {
    code: cellText(s.code),
    kind: KIND_LABEL[s.kind] ?? s.kind,
    title: cellText(s.title),
    sponsors: cellText(namesOf(sponsors)),
    source: SOURCE_LABEL[s.sourceType] ?? s.sourceType,
    category: cellText(s.category),
    village: cellText(s.villageName),
    state: stateLabel(s.state) ?? s.state,
    leadUnit: cellText(
      units
        .filter((u) => u.role === 'lead')
        .map((u) => u.name)
        .join('、'),
    ),
    coUnits: cellText(
      units
        .filter((u) => u.role !== 'lead')
        .map((u) => u.name)
        .join('、'),
    ),
    assignedOn: s.assignedOn ?? '',
    dueDate: s.dueDate ?? '',
    repliedOn: s.repliedOn ?? '',
    grade: s.grade ? cellText(`${s.grade} ${gradeText(s.grade)}`.trim()) : '',
    rating: s.rating ? RATING_LABEL[s.rating] : '',
    closedOn: s.closedAt ? chinaDateOf(s.closedAt) : '',
  };
}

// ---------------------------------------------------------------------------------------------------
// Receptions

export const RECEPTION_COLUMNS = [
  { key: 'date', header: '接待日期', width: 12 },
  { key: 'code', header: '编号', width: 9 },
  { key: 'station', header: '联络站', width: 18 },
  { key: 'deputies', header: '接待代表', width: 20 },
  { key: 'seq', header: '序号', width: 6 },
  { key: 'visitor', header: '来访人及电话', width: 20 },
  { key: 'visitors', header: '人数', width: 6 },
  { key: 'village', header: '村（社区）', width: 12 },
  { key: 'category', header: '类别', width: 10 },
  { key: 'content', header: '反映事项', width: 44 },
  { key: 'routing', header: '处理方式', width: 16 },
  { key: 'note', header: '办理情况及说明', width: 30 },
] as const satisfies readonly Column<string>[];
export type ReceptionColumn = (typeof RECEPTION_COLUMNS)[number]['key'];

export type LedgerReception = { date: string; code: string; stationName: string; startTime: string | null; endTime: string | null };
export type LedgerMatter = {
  seq: number;
  visitorName: string;
  visitorPhone: string | null;
  visitorCount: number;
  villageName: string | null;
  category: string;
  content: string;
  routing: MatterRouting;
  routingNote: string;
};

/** The visitor as the ledger shows them: in full to those who may see it, else masked (李*华 138****5678). */
export function visitorText(m: Pick<LedgerMatter, 'visitorName' | 'visitorPhone'>, full: boolean): string {
  const name = m.visitorName.trim();
  const phone = m.visitorPhone?.trim() ?? '';
  return [full ? name : name && maskName(name), full ? phone : phone && maskPhone(phone)].filter(Boolean).join(' ');
}

/**
 * The rows of one reception: one per matter; a reception where nobody came still gets a row, so the
 * ledger shows every reception day held.
 */
export function receptionLedgerRows(
  r: LedgerReception,
  deputyNames: readonly string[],
  matters: readonly LedgerMatter[],
  fullVisitor: boolean,
): Record<ReceptionColumn, Cell>[] {
  const time = r.startTime ? ` ${r.startTime}${r.endTime ? `–${r.endTime}` : ''}` : '';
  const head = { date: `${r.date}${time}`, code: cellText(r.code), station: cellText(r.stationName), deputies: cellText(deputyNames.join('、')) };
  if (matters.length === 0)
    return [{ ...head, seq: '', visitor: '', visitors: 0, village: '', category: '', content: '（无来访群众）', routing: '', note: '' }];
  return [...matters]
    .sort((a, b) => a.seq - b.seq)
    .map((m) => ({
      ...head,
      seq: m.seq,
      visitor: cellText(visitorText(m, fullVisitor)),
      visitors: m.visitorCount,
      village: cellText(m.villageName),
      category: cellText(m.category),
      content: cellText(m.content),
      routing: ROUTING_LABEL[m.routing] ?? m.routing,
      note: cellText(m.routingNote),
    }));
}

/** Columns whose numbers stay numbers (counts); everything else is a text column. */
export const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['seq', 'visitors']);
