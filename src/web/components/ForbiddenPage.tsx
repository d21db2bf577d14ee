import { Result } from 'antd';
import { useT } from '../i18n/index.tsx';

export default function ForbiddenPage() {
  const t = useT();
  return <Result status="403" title={t('app.forbidden')} />;
}
