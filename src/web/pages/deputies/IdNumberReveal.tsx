import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { type Deputy, deputiesApi } from '../../api/deputies.ts';
import { useT } from '../../i18n/index.tsx';

/** The masked ID number; an admin may reveal it (the server audits each reveal), and hide it again. */
export function IdNumberReveal({ deputy, canReveal }: { deputy: Deputy; canReveal: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!deputy.idNumber) return <>—</>;

  async function reveal() {
    setBusy(true);
    try {
      setFull((await deputiesApi.revealIdNumber(deputy.id)).idNumber);
      void qc.invalidateQueries({ queryKey: ['audit'] });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      <span style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }} aria-live="polite">
        {full ?? deputy.idNumber}
      </span>
      {canReveal &&
        (full ? (
          <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setFull(null)}>
            {t('common.close')}
          </Button>
        ) : (
          <Tooltip title={t('deputy.revealIdHint')}>
            <Button size="small" type="link" icon={<EyeOutlined />} loading={busy} onClick={reveal}>
              {t('deputy.revealId')}
            </Button>
          </Tooltip>
        ))}
    </span>
  );
}
