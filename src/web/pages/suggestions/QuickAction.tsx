import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { type Suggestion, suggestionsApi } from '../../api/suggestions.ts';
import { useT } from '../../i18n/index.tsx';
import { ActionModal } from './ActionModal.tsx';
import { actionLabel } from './suggestionLabels.ts';
import { detailKey } from './useSuggestionAction.ts';

/**
 * One action straight from a list card (the office's quick reply, the deputy's rating): the detail is
 * loaded first, since the dialog needs its version and the server's word that the action is allowed
 * now; when it is not, the detail page opens instead.
 */
export function QuickAction({ id, action, label, primary }: { id: string; action: string; label?: string; primary?: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const [s, setS] = useState<Suggestion | null>(null);

  async function open() {
    setLoading(true);
    try {
      const fresh = await qc.fetchQuery({ queryKey: detailKey(id), queryFn: () => suggestionsApi.get(id), staleTime: 0 });
      if (fresh.actions.includes(action)) setS(fresh);
      else navigate(`/suggestions/${id}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      <Button type={primary ? 'primary' : 'default'} loading={loading} onClick={() => void open()}>
        {label ?? actionLabel(t, action)}
      </Button>
      {s && <ActionModal suggestion={s} action={action} onClose={() => setS(null)} />}
    </>
  );
}
