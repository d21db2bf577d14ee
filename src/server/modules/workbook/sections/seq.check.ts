import { type IssueList, finalState } from '../workbook.check.ts';

/**
 * Records numbered within a group (a finding's re-inspections, an appraisal's issues, a deputy's adjustments
 * in a month) carry no key of their own: their seq is their place in the group, which the export derives from
 * the order they were made. So the group as it will be after the import must be numbered 1..n without gaps,
 * or an export would renumber what was imported.
 */
export function checkSeqs<R extends { seq: number }>(
  out: IssueList,
  section: string,
  data: readonly R[],
  existing: readonly { record: R }[],
  keyOf: (r: R) => string,
  groupOf: (r: R) => string,
): void {
  const groups = new Map<string, { seq: number; index: number | null }[]>();
  for (const { record, index } of finalState(data, existing, keyOf)) {
    const g = groupOf(record);
    groups.set(g, [...(groups.get(g) ?? []), { seq: record.seq, index }]);
  }
  for (const list of groups.values()) {
    const n = list.length;
    for (const x of list) if (x.index !== null && x.seq > n) out.add(`${section}[${x.index}].seq`, `序号应从 1 起连续编排（本组共 ${n} 条）`);
  }
}
