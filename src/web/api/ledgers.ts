import { download, http } from './client.ts';

/* The ledgers (docs/api-contract-reports.md, "Ledgers"): the areas with their row counts, and one .xlsx each. */

export type LedgerArea = 'activities' | 'receptions' | 'suggestions' | 'findings' | 'appraisals' | 'points';
export type LedgerItem = {
  area: LedgerArea;
  label: string;
  rows: number;
  sheets: { name: string; rows: number }[];
  available: boolean;
  note: string | null;
};

export const ledgersApi = {
  list: (from: string, to: string) => http.get<LedgerItem[]>('/ledgers', { from, to }),
  download: (area: LedgerArea, from: string, to: string) => download(`/ledgers/${area}.xlsx`, { from, to }, `ledger-${area}.xlsx`),
};
