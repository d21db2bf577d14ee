import { Spin } from 'antd';
import { useT } from '../i18n/index.tsx';

export function FullPageSpin() {
  const t = useT();
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }} role="status" aria-live="polite">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}
