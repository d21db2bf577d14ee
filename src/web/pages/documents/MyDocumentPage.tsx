import { FileTextOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Skeleton, Space } from 'antd';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { documentsApi } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { CategoryTag, ReceiptTag, when } from './documentFormat.tsx';

/** One document on the deputy's phone. Loading it records the read receipt on the server; the file opens from here. */
export default function MyDocumentPage() {
  const { id = '' } = useParams();
  const t = useT();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['documents', 'mine-one', id], queryFn: () => documentsApi.get(id) });
  // The list's unread badge changed with this opening.
  useEffect(() => {
    if (q.data) void qc.invalidateQueries({ queryKey: ['documents', 'mine'] });
  }, [q.data, qc]);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const r = d.myReceipt;
  return (
    <>
      <PageHeader title={d.title} back="/my/documents" />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap size={4}>
          {r && <ReceiptTag receipt={r} />}
          <CategoryTag category={d.category} />
        </Space>
        {d.file && (
          <Button
            type="primary"
            size="large"
            block
            icon={<FileTextOutlined />}
            href={documentsApi.fileUrl(d.id)}
            target="_blank"
            aria-label={t('document.openFileOf', { title: d.title })}
          >
            {t('document.openFile')}：{d.file.name}
          </Button>
        )}
        {d.summary && (
          <Card size="small">
            <div style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8 }}>{d.summary}</div>
          </Card>
        )}
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            { key: 'number', label: t('document.docNumber'), children: d.docNumber || '—' },
            { key: 'issueDate', label: t('document.issueDate'), children: d.issueDate ?? '—' },
            { key: 'received', label: t('document.sentAt'), children: when(r?.sentAt) },
            { key: 'read', label: t('document.firstReadAt'), children: when(r?.firstReadAt) },
          ]}
        />
      </Space>
    </>
  );
}
