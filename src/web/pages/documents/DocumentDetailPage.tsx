import { DeleteOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Statistic } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { type DocumentDetail, documentsApi } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { pct } from '../activities/activityFormat.ts';
import { DocumentFormDrawer } from './DocumentFormDrawer.tsx';
import { RecipientTable } from './RecipientTable.tsx';
import { SendPanel } from './SendPanel.tsx';
import { CategoryTag, DocumentStatusTag, when } from './documentFormat.tsx';

export function FileLink({ d }: { d: Pick<DocumentDetail, 'id' | 'title' | 'file'> }) {
  const t = useT();
  if (!d.file) return <span>{t('document.noFile')}</span>;
  return (
    <a href={documentsApi.fileUrl(d.id)} target="_blank" rel="noreferrer" aria-label={t('document.openFileOf', { title: d.title })}>
      <PaperClipOutlined aria-hidden /> {d.file.name}
    </a>
  );
}

function Counts({ d }: { d: DocumentDetail }) {
  const t = useT();
  const c = d.counts;
  return (
    <Card size="small">
      <Space wrap size={32}>
        <Statistic title={t('document.recipients')} value={c.recipients} />
        <Statistic title={t('document.read')} value={c.read} />
        <Statistic title={t('document.unread')} value={c.recipients - c.read} />
        <Statistic title={t('document.reminded')} value={c.reminded} />
        <Statistic title={t('document.readRate')} value={pct(c.rate)} />
      </Space>
    </Card>
  );
}

/** One document for staff: what it is, its file, whom it went to and who has read it; admins send and edit. */
export default function DocumentDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const isAdmin = useHasRole(ADMINS);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['documents', 'one', id], queryFn: () => documentsApi.get(id) });
  const remove = useMutation({
    mutationFn: () => documentsApi.remove(id),
    onSuccess: () => {
      message.success(t('document.deleted'));
      void qc.invalidateQueries({ queryKey: ['documents'] });
      navigate('/documents');
    },
    onError: (e) => message.error((e as Error).message),
  });

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const sent = d.status === 'sent';

  const actions = isAdmin && (
    <>
      {!sent && (
        <Popconfirm title={t('document.deleteConfirm')} onConfirm={() => remove.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
          <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
            {t('document.delete')}
          </Button>
        </Popconfirm>
      )}
      <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t('common.edit')}
      </Button>
    </>
  );

  return (
    <>
      <PageHeader title={d.title} back="/documents" extra={actions} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {d.viewer === 'liaison' && <Alert type="info" showIcon title={t('document.liaisonScope')} />}
        <Card size="small">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'code', label: t('document.code'), children: d.code },
              { key: 'status', label: t('document.status'), children: <DocumentStatusTag status={d.status} /> },
              { key: 'category', label: t('document.category'), children: <CategoryTag category={d.category} /> },
              { key: 'number', label: t('document.docNumber'), children: d.docNumber || '—' },
              { key: 'issueDate', label: t('document.issueDate'), children: d.issueDate ?? '—' },
              { key: 'sentAt', label: t('document.sentAt'), children: when(d.sentAt) },
              { key: 'file', label: t('document.file'), children: <FileLink d={d} /> },
              {
                key: 'activity',
                label: t('document.activity'),
                children: d.activity ? <Link to={`/activities/${d.activity.id}`}>{`${d.activity.code} ${d.activity.title}`}</Link> : '—',
              },
              { key: 'summary', label: t('document.summary'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.summary || '—'}</span>, span: 'filled' },
            ]}
          />
        </Card>
        {sent && <Counts d={d} />}
        {isAdmin && <SendPanel documentId={d.id} sent={sent} />}
        {sent && <RecipientTable document={d} />}
      </Space>
      {isAdmin && <DocumentFormDrawer open={editing} onClose={() => setEditing(false)} document={d} />}
    </>
  );
}
