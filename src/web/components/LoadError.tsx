import { Button, Result } from 'antd';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

/** A failed load, with the server's own message and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const notThere = error instanceof ApiError && error.status === 404 && error.message === '接口不存在';
  return (
    <Result
      status={error instanceof ApiError && error.status === 403 ? '403' : 'warning'}
      title={notThere ? t('common.notAvailable') : t('app.loadFailed')}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
    />
  );
}
