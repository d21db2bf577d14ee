import { CloseOutlined } from '@ant-design/icons';
import { Button, Input, Typography } from 'antd';
import { useId, useState } from 'react';
import type { Deputy } from '../../api/deputies.ts';
import { DeputyPicker } from '../../components/DeputyPicker.tsx';
import { useT } from '../../i18n/index.tsx';

/** A deputy in the list; `from` names the station a newly added deputy comes from. */
export type ListedDeputy = { id: string; name: string; code: string; from?: string | null };

type Props = {
  id?: string;
  value?: ListedDeputy[];
  onChange?: (ds: ListedDeputy[]) => void;
  /** The station being edited: deputies already elsewhere are marked as moving here. */
  stationId: string;
};

const FILTER_FROM = 12;

/**
 * The deputies of a station: add by searching the roster, remove from the list. A long list (a town's
 * only station may hold every deputy) can be narrowed to find the one to remove.
 */
export function DeputyListEditor({ id, value, onChange, stationId }: Props) {
  const t = useT();
  const uid = useId();
  const list = value ?? [];
  const [filter, setFilter] = useState('');
  const set = (ds: ListedDeputy[]) => onChange?.(ds);
  const f = filter.trim();
  const shown = f ? list.filter((d) => d.name.includes(f) || d.code.toLowerCase().includes(f.toLowerCase())) : list;
  const elsewhere = (d: Deputy) => (d.stationId && d.stationId !== stationId ? d.stationName : null);

  return (
    <div>
      <label htmlFor={`${uid}-add`} style={{ display: 'block', marginBottom: 4 }}>
        {t('station.addDeputy')}
      </label>
      <DeputyPicker
        id={`${uid}-add`}
        value={null}
        excludeIds={list.map((d) => d.id)}
        note={(d) => (elsewhere(d) ? t('station.atStation', { name: elsewhere(d) ?? '' }) : null)}
        onChange={(_, d) => {
          if (d) set([...list, { id: d.id, name: d.name, code: d.code, from: elsewhere(d) }]);
        }}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', margin: '12px 0 8px' }}>
        <Typography.Text aria-live="polite">{t('station.deputyTotal', { count: list.length })}</Typography.Text>
        {list.length > FILTER_FROM && (
          <Input.Search
            aria-label={t('station.filterDeputies')}
            placeholder={t('station.filterDeputies')}
            allowClear
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            style={{ maxWidth: 220 }}
          />
        )}
      </div>
      <ul
        id={id}
        aria-label={t('station.deputies')}
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 8,
          border: '1px solid #d9d9d9',
          borderRadius: 6,
          maxHeight: 300,
          overflowY: 'auto',
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
          gap: 4,
        }}
      >
        {shown.map((d) => (
          <li key={d.id} style={{ display: 'flex', alignItems: 'center', gap: 2, minWidth: 0 }}>
            <span style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
              {d.name}
              <Typography.Text type="secondary">（{d.code}）</Typography.Text>
              {d.from && (
                <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>
                  {t('station.movesFrom', { name: d.from })}
                </Typography.Text>
              )}
            </span>
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              aria-label={t('station.removeDeputy', { name: d.name })}
              onClick={() => set(list.filter((x) => x.id !== d.id))}
            />
          </li>
        ))}
        {shown.length === 0 && (
          <li>
            <Typography.Text type="secondary">{list.length ? t('common.empty') : t('station.noDeputies')}</Typography.Text>
          </li>
        )}
      </ul>
    </div>
  );
}
