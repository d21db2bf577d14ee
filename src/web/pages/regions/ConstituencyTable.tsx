import { PlusOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import { useState } from 'react';
import { ADMINS } from '../../api/auth.ts';
import type { Constituency } from '../../api/regions.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useConstituencies, useTerms } from '../../hooks/useLookups.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { ConstituencyFormModal } from './ConstituencyFormModal.tsx';
import { RecordCards } from './RecordCards.tsx';

// One empty list for every render, so the form's effects do not rerun while the list loads.
const NONE: Constituency[] = [];

export function ConstituencyTable() {
  const t = useT();
  const mobile = useIsMobile();
  const canEdit = useHasRole(ADMINS);
  const terms = useTerms();
  const [chosen, setChosen] = useState<string | undefined>();
  const [editing, setEditing] = useState<Constituency | 'new' | null>(null);
  const sortedTerms = [...(terms.data ?? [])].sort((a, b) => b.number - a.number);
  const termId = chosen ?? sortedTerms.find((x) => x.current)?.id ?? sortedTerms[0]?.id;
  const term = sortedTerms.find((x) => x.id === termId);
  const q = useConstituencies(termId);
  const editButton = (c: Constituency) => (
    <Button type="link" size="small" onClick={() => setEditing(c)} aria-label={`${t('common.edit')} ${c.name}`}>
      {t('common.edit')}
    </Button>
  );

  return (
    <>
      <div className="page-toolbar">
        <Select
          aria-label={t('region.terms')}
          value={termId}
          onChange={setChosen}
          loading={terms.isPending}
          options={sortedTerms.map((x) => ({ value: x.id, label: x.current ? `${x.name}（${t('region.current')}）` : x.name }))}
          style={{ width: 200 }}
        />
        <span className="grow" />
        {canEdit && term && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('region.addConstituency')}
          </Button>
        )}
      </div>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : mobile ? (
        <RecordCards
          label={t('region.constituencies')}
          loading={q.isFetching}
          items={q.data?.map((c) => ({
            key: c.id,
            title: c.name,
            lines: [
              `${t('common.code')} ${c.code} · ${t('region.seats')} ${c.seats} · ${t('region.deputyCount')} ${c.deputyCount}`,
              `${t('region.villageNames')}：${c.villageNames.join('、') || '—'}`,
            ],
            action: canEdit ? editButton(c) : undefined,
          }))}
        />
      ) : (
        <DataTable<Constituency>
          label={t('region.constituencies')}
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          dataSource={q.data}
          pagination={false}
          scroll={{ x: 720 }}
          columns={[
            { key: 'code', dataIndex: 'code', title: t('common.code'), width: 100 },
            { key: 'name', dataIndex: 'name', title: t('common.name'), width: 220 },
            { key: 'seats', dataIndex: 'seats', title: t('region.seats'), width: 80 },
            { key: 'deputyCount', dataIndex: 'deputyCount', title: t('region.deputyCount'), width: 90 },
            { key: 'villages', title: t('region.villageNames'), render: (_, c) => c.villageNames.join('、') || '—' },
            ...(canEdit ? [{ key: 'actions', title: t('common.actions'), width: 90, render: (_: unknown, c: Constituency) => editButton(c) }] : []),
          ]}
        />
      )}
      {term && (
        <ConstituencyFormModal
          open={editing !== null}
          term={term}
          constituency={editing && editing !== 'new' ? editing : undefined}
          siblings={q.data ?? NONE}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
