import { http } from './client.ts';

export type ImportRowError = { row: number; column: string; field: string; message: string };

export type ImportJob = {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  fileName: string;
  totalRows: number;
  processedRows: number;
  result: { created: number; updated: number; errors: ImportRowError[] } | null;
};

export const importsApi = {
  get: (jobId: string) => http.get<ImportJob>(`/imports/${jobId}`),
};
