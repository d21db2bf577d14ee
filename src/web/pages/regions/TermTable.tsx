import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ADMINS } from '../../api/auth.ts';
import type { Term } from '../../api/regions.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useTerms } from '../../hooks/useLookups.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { type Translate, useT } from '../../i18n/index.tsx';
import { RecordCards } from './RecordCards.tsx';
import { TermFormModal } from './TermFormModal.tsx';

// One empty list for every render, so the form's effects do not rerun while the list loads.
const NONE: Term[] = [];

function TermTags({ term, t }: { term: Term; t: Translate }) {
  if (term.current) return <Tag color="red">{t('region.current')}</Tag>;
  // A term entered ahead of its election: not current until its start date.
  if (term.startDate > dayjs().format('YYYY-MM-DD')) return <Tag color="blue">{t('region.notStarted')}</Tag>;
  return null;
}

export function TermTable() {
  const t = useT();
  const mobile = useIsMobile();
  const canEdit = useHasRole(ADMINS);
  const q = useTerms();
  const [editing, setEditing] = useState<Term | 'new' | null>(null);
  const terms = [...(q.data ?? [])].sort((a, b) => b.number - a.number);
  const editButton = (x: Term) => (
    <Button type="link" size="small" onClick={() => setEditing(x)} aria-label={`${t('common.edit')} ${x.name}`}>
      {t('common.edit')}
    </Button>
  );
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      {canEdit && (
        <div className="page-toolbar" style={{ justifyContent: 'flex-end' }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('region.addTerm')}
          </Button>
        </div>
      )}
      {mobile ? (
        <RecordCards
          label={t('region.terms')}
          loading={q.isFetching}
          items={terms.map((x) => ({
            key: x.id,
            title: x.name,
            tag: <TermTags term={x} t={t} />,
            lines: [x.endDate ? `${x.startDate} – ${x.endDate}` : t('region.since', { date: x.startDate }), `${t('region.deputyCount')} ${x.deputyCount}`],
            action: canEdit ? editButton(x) : undefined,
          }))}
        />
      ) : (
        <DataTable<Term>
          label={t('region.terms')}
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          dataSource={terms}
          pagination={false}
          scroll={{ x: 560 }}
          columns={[
            {
              key: 'name',
              title: t('region.terms'),
              render: (_, x) => (
                <Space size={4}>
                  {x.name}
                  <TermTags term={x} t={t} />
                </Space>
              ),
            },
            { key: 'number', dataIndex: 'number', title: t('region.termNumber'), width: 80 },
            { key: 'startDate', dataIndex: 'startDate', title: t('region.startDate'), width: 120 },
            { key: 'endDate', title: t('region.endDate'), width: 120, render: (_, x) => x.endDate ?? '—' },
            { key: 'deputyCount', dataIndex: 'deputyCount', title: t('region.deputyCount'), width: 100 },
            ...(canEdit ? [{ key: 'actions', title: t('common.actions'), width: 90, render: (_: unknown, x: Term) => editButton(x) }] : []),
          ]}
        />
      )}
      <TermFormModal
        open={editing !== null}
        term={editing && editing !== 'new' ? editing : undefined}
        terms={q.data ?? NONE}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
