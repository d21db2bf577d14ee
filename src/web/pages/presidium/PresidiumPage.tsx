import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Select, Space, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { type PresidiumMember, presidiumApi } from '../../api/presidium.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useTerms } from '../../hooks/useLookups.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { LiaisonsModal } from './LiaisonsModal.tsx';
import { MemberFormModal } from './MemberFormModal.tsx';
import { PositionTag, PresidiumCards } from './PresidiumCards.tsx';

// One empty list for every render, so the dialogs' effects do not rerun while the presidium loads.
const NONE: PresidiumMember[] = [];

export default function PresidiumPage() {
  const t = useT();
  const mobile = useIsMobile();
  const canEdit = useHasRole(ADMINS);
  const [chosenTerm, setChosenTerm] = useState<string | undefined>();
  const terms = useTerms();
  // Without a choice the server answers for the current term and says which one that is.
  const q = useQuery({ queryKey: ['presidium', chosenTerm ?? null], queryFn: () => presidiumApi.get(chosenTerm) });
  const termId = chosenTerm ?? q.data?.termId ?? undefined;
  const term = terms.data?.find((x) => x.id === termId);
  const members = q.data?.members ?? NONE;
  const [editing, setEditing] = useState<PresidiumMember | 'new' | null>(null);
  const [liaisonsOf, setLiaisonsOf] = useState<PresidiumMember | null>(null);

  const columns = useMemo<TableColumnsType<PresidiumMember>>(
    () => [
      { key: 'position', title: t('presidium.position'), width: 130, render: (_, m) => <PositionTag member={m} /> },
      { key: 'name', title: t('presidium.deputy'), width: 110, render: (_, m) => <Link to={`/deputies/${m.deputyId}`}>{m.deputyName}</Link> },
      { key: 'startDate', dataIndex: 'startDate', title: t('presidium.startDate'), width: 115 },
      { key: 'endDate', title: t('presidium.endDate'), width: 115, render: (_, m) => m.endDate ?? '—' },
      {
        key: 'liaisons',
        title: t('presidium.liaisonDeputies'),
        render: (_, m) =>
          m.liaisonDeputies.length ? (
            <>
              <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                {t('presidium.liaisonCount', { count: m.liaisonDeputies.length })}
              </Typography.Text>
              {m.liaisonDeputies.map((d) => d.name).join('、')}
            </>
          ) : (
            '—'
          ),
      },
      ...(canEdit
        ? [
            {
              key: 'actions',
              title: t('common.actions'),
              width: 170,
              render: (_: unknown, m: PresidiumMember) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setEditing(m)} aria-label={`${t('common.edit')} ${m.deputyName}`}>
                    {t('common.edit')}
                  </Button>
                  <Button type="link" size="small" onClick={() => setLiaisonsOf(m)} aria-label={`${t('presidium.editLiaisons')} ${m.deputyName}`}>
                    {t('presidium.editLiaisons')}
                  </Button>
                </Space>
              ),
            },
          ]
        : []),
    ],
    [t, canEdit],
  );

  const termOptions = [...(terms.data ?? [])]
    .sort((a, b) => b.number - a.number)
    .map((x) => ({ value: x.id, label: x.current ? `${x.name}（${t('region.current')}）` : x.name }));

  return (
    <>
      <PageHeader
        title={t('presidium.title')}
        extra={
          <>
            {termOptions.length > 0 && (
              <Select
                aria-label={t('presidium.term')}
                placeholder={t('presidium.term')}
                value={termId}
                onChange={setChosenTerm}
                options={termOptions}
                style={{ width: 180 }}
              />
            )}
            {canEdit && termId && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('presidium.add')}
              </Button>
            )}
          </>
        }
      />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data && !q.data.termId ? (
        <Empty description={t('presidium.noTerm')} />
      ) : mobile ? (
        <PresidiumCards members={q.data?.members} loading={q.isFetching} canEdit={canEdit} onEdit={setEditing} onLiaisons={setLiaisonsOf} />
      ) : (
        <DataTable<PresidiumMember>
          label={t('presidium.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.members}
          loading={q.isFetching}
          scroll={{ x: 820 }}
          pagination={false}
        />
      )}
      {termId && editing && (
        <MemberFormModal
          termId={termId}
          termName={term?.name}
          member={editing !== 'new' ? editing : undefined}
          members={members}
          onClose={() => setEditing(null)}
        />
      )}
      {termId && liaisonsOf && (
        <LiaisonsModal
          termId={termId}
          member={members.find((m) => m.id === liaisonsOf.id) ?? liaisonsOf}
          members={members}
          onClose={() => setLiaisonsOf(null)}
        />
      )}
    </>
  );
}
