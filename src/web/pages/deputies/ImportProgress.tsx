import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Progress, Result, Space } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { importsApi } from '../../api/imports.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';
import { ImportErrorTable } from './ImportErrorTable.tsx';

/** Follows one import job every 500 ms until it ends, then shows the outcome. */
export function ImportProgress({ jobId, onAgain }: { jobId: string; onAgain: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['imports', jobId],
    queryFn: () => importsApi.get(jobId),
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 500 : false),
  });

  const finished = q.data?.status === 'succeeded';
  useEffect(() => {
    if (finished) void qc.invalidateQueries({ queryKey: ['deputies'] });
  }, [finished, qc]);

  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const job = q.data;
  if (!job || job.status === 'running') {
    const done = job?.processedRows ?? 0;
    const total = job?.totalRows ?? 0;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
    return (
      <div role="status" aria-live="polite">
        <p>{t('import.running', { file: job?.fileName ?? '', done, total })}</p>
        <Progress percent={percent} status="active" aria-label={t('import.progress')} />
      </div>
    );
  }

  const again = <Button onClick={onAgain}>{t('import.again')}</Button>;
  if (job.status === 'succeeded') {
    const r = job.result ?? { created: 0, updated: 0, errors: [] };
    return (
      <Result
        status="success"
        title={<span role="status">{t('import.succeeded', { created: r.created, updated: r.updated })}</span>}
        subTitle={job.fileName}
        extra={[
          <Link key="roster" to="/deputies">
            <Button type="primary">{t('import.toRoster')}</Button>
          </Link>,
          <span key="again">{again}</span>,
        ]}
      />
    );
  }
  const errors = job.result?.errors ?? [];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="error" showIcon role="alert" title={t('import.failed', { count: errors.length })} description={t('import.fixAndRetry')} />
      <ImportErrorTable errors={errors} />
      {again}
    </Space>
  );
}
