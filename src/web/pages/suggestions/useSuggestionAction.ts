import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type Suggestion, suggestionsApi } from '../../api/suggestions.ts';
import { useT } from '../../i18n/index.tsx';
import { actionLabel } from './suggestionLabels.ts';

export const detailKey = (id: string) => ['suggestions', 'one', id] as const;

/**
 * Run one lifecycle action: the busy flag, the success message, the fresh detail and lists after it.
 * A 409 (the state moved on, or a stale version) reloads the detail so the buttons match the server
 * again; the error is handed back for the dialog to show beside its fields.
 */
export function useSuggestionAction() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function run(s: Suggestion, action: string, body: Record<string, unknown>): Promise<{ ok: true; value: Suggestion } | { ok: false; error: unknown }> {
    setBusy(true);
    try {
      const value = await suggestionsApi.act(s.id, action, { ...body, version: s.version });
      qc.setQueryData(detailKey(s.id), value);
      message.success(t('suggestion.actionDone', { action: actionLabel(t, action) }));
      void qc.invalidateQueries({ queryKey: ['suggestions'] });
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) void qc.invalidateQueries({ queryKey: detailKey(s.id) });
      return { ok: false, error };
    } finally {
      setBusy(false);
    }
  }
  return { run, busy };
}
