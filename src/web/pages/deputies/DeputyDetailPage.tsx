import { EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, type DescriptionsProps, Skeleton, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { type Deputy, deputiesApi } from '../../api/deputies.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { type Translate, useT } from '../../i18n/index.tsx';
import { DeputyFormDrawer } from './DeputyFormDrawer.tsx';
import { DeputyHistory } from './DeputyHistory.tsx';
import { DeputyPhoto } from './DeputyPhoto.tsx';
import { DeputyStatusDialog } from './DeputyStatusDialog.tsx';
import { IdNumberReveal } from './IdNumberReveal.tsx';
import { levelOf } from './deputyRules.ts';

function statusText(t: Translate, d: Deputy) {
  if (!d.statusDate && !d.statusReason) return '—';
  return [t.enum('status', d.status), d.statusDate, d.statusReason].filter(Boolean).join(' · ');
}

function items(t: Translate, d: Deputy, isAdmin: boolean): DescriptionsProps['items'] {
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  return [
    { key: 'code', label: t('deputy.code'), children: d.code },
    { key: 'gender', label: t('deputy.gender'), children: t.enum('gender', d.gender) },
    { key: 'birthDate', label: t('deputy.birthDate'), children: d.birthDate ? `${d.birthDate}（${d.age ?? '—'}）` : '—' },
    { key: 'ethnicity', label: t('deputy.ethnicity'), children: dash(d.ethnicity) },
    { key: 'party', label: t('deputy.party'), children: t.enum('party', d.party) },
    { key: 'level', label: t('deputy.level'), children: t.enum('level', levelOf(d)) },
    { key: 'term', label: t('deputy.term'), children: dash(d.termName) },
    { key: 'constituency', label: t('deputy.constituency'), children: dash(d.constituencyName) },
    { key: 'station', label: t('deputy.station'), children: dash(d.stationName) },
    { key: 'occupation', label: t('deputy.occupation'), children: t.enum('occupation', d.occupation) },
    { key: 'workplace', label: t('deputy.workplace'), children: dash(d.workplace) },
    { key: 'title', label: t('deputy.title'), children: dash(d.title) },
    { key: 'phone', label: t('deputy.phone'), children: dash(d.phone) },
    { key: 'idNumber', label: t('deputy.idNumber'), children: <IdNumberReveal deputy={d} canReveal={isAdmin} /> },
    { key: 'status', label: t('deputy.status'), children: <StatusTag status={d.status} /> },
    { key: 'statusHistory', label: t('deputy.statusHistory'), children: statusText(t, d) },
    { key: 'hardship', label: t('deputy.hardship'), children: d.hardship ? t('common.yes') : t('common.no') },
    { key: 'updatedAt', label: t('deputy.updatedAt'), children: dayjs(d.updatedAt).format('YYYY-MM-DD HH:mm') },
    ...(isAdmin ? [{ key: 'dutyRecord', label: t('nav.dutyRecord'), children: <a href={`/deputies/${d.id}/duty-record`}>{t('dutyRecord.link')}</a> }] : []),
    { key: 'notes', label: t('deputy.notes'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(d.notes)}</span>, span: 'filled' },
  ];
}

export default function DeputyDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const [editing, setEditing] = useState(false);
  const [changingStatus, setChangingStatus] = useState(false);
  const q = useQuery({ queryKey: ['deputies', 'one', id], queryFn: () => deputiesApi.get(id) });

  if (q.isPending) return <Skeleton active avatar paragraph={{ rows: 8 }} />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;

  const actions = isAdmin ? (
    <>
      <Button icon={<SwapOutlined />} onClick={() => setChangingStatus(true)}>
        {t('deputy.changeStatus')}
      </Button>
      <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t('common.edit')}
      </Button>
    </>
  ) : undefined;

  return (
    <>
      <PageHeader title={d.name} back="/deputies" extra={actions} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-start' }}>
            <DeputyPhoto deputy={d} canEdit={isAdmin} />
            <Descriptions
              className="nowrap-labels"
              style={{ flex: '1 1 320px', minWidth: 0 }}
              column={{ xs: 1, sm: 1, md: 2, xxl: 3 }}
              size="small"
              bordered
              items={items(t, d, isAdmin)}
            />
          </div>
        </Card>
        {isAdmin && <DeputyHistory deputyId={d.id} />}
      </Space>
      {isAdmin && <DeputyFormDrawer open={editing} deputy={d} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {isAdmin && <DeputyStatusDialog open={changingStatus} deputy={d} onClose={() => setChangingStatus(false)} />}
    </>
  );
}
