import { Select } from 'antd';
import { useState } from 'react';
import type { Constituency } from '../../api/regions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useConstituencies, useTerms } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';
import { DataTable } from '../../components/DataTable.tsx';

export function ConstituencyTable() {
  const t = useT();
  const terms = useTerms();
  const [chosen, setChosen] = useState<string | undefined>();
  const termId = chosen ?? terms.data?.find((x) => x.current)?.id ?? terms.data?.[0]?.id;
  const q = useConstituencies(termId);
  return (
    <>
      <Select
        aria-label={t('region.terms')}
        value={termId}
        onChange={setChosen}
        options={(terms.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        style={{ width: 180, marginBottom: 12 }}
      />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable<Constituency>
          label={t('region.constituencies')}
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          dataSource={q.data}
          pagination={false}
          scroll={{ x: 640 }}
          columns={[
            { key: 'code', dataIndex: 'code', title: t('common.code'), width: 100 },
            { key: 'name', dataIndex: 'name', title: t('common.name'), width: 160 },
            { key: 'seats', dataIndex: 'seats', title: t('region.seats'), width: 80 },
            { key: 'deputyCount', dataIndex: 'deputyCount', title: t('region.deputyCount'), width: 90 },
            { key: 'villages', title: t('region.villageNames'), render: (_, c) => c.villageNames.join('、') || '—' },
          ]}
        />
      )}
    </>
  );
}
