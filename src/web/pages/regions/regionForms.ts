import type { QueryClient } from '@tanstack/react-query';
import type { App, FormInstance } from 'antd';
import { applyServerErrors } from '../../api/form-errors.ts';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

/**
 * A failed save: the server's field problems (400, and 409 for a code or village already taken) go
 * next to the fields; anything else becomes a toast with the server's message.
 */
export function showSaveError(form: FormInstance, err: unknown, fields: readonly string[], message: MessageInstance): void {
  if (!applyServerErrors(form, err, fields)) message.error((err as Error).message, 6);
}

/**
 * What a regions write can change elsewhere: the lists of this page, the choosers of other pages
 * (terms and constituencies in the deputy form, villages of stations), the roster's names of them,
 * the presidium's current term and the audit log.
 */
export function refreshAfterRegionWrite(qc: QueryClient, ...keys: string[]): void {
  for (const k of new Set([...keys, 'audit'])) void qc.invalidateQueries({ queryKey: [k] });
}
