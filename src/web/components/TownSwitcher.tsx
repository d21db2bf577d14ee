import { useQueryClient } from '@tanstack/react-query';
import { App, Select } from 'antd';
import { useId, useState } from 'react';
import { authApi } from '../api/auth.ts';
import { ME_KEY, useMe } from '../hooks/useMe.ts';
import { useT } from '../i18n/index.tsx';

/** A county administrator works in one town at a time; switching refetches everything for the new town. */
export function TownSwitcher({ block = false }: { block?: boolean }) {
  const me = useMe();
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const labelId = useId();

  async function change(townId: string) {
    setBusy(true);
    try {
      await authApi.switchTown(townId);
      await qc.invalidateQueries({ queryKey: ME_KEY });
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      message.success(t('header.switchedTown', { name: me.towns.find((x) => x.id === townId)?.name ?? '' }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <span id={labelId} className="visually-hidden">
        {t('header.switchTown')}
      </span>
      <Select
        aria-labelledby={labelId}
        value={me.town?.id}
        placeholder={t('header.switchTown')}
        loading={busy}
        disabled={busy}
        onChange={change}
        showSearch={{ optionFilterProp: 'label' }}
        options={me.towns.map((x) => ({ value: x.id, label: x.name }))}
        style={{ width: block ? '100%' : 160 }}
      />
    </>
  );
}
