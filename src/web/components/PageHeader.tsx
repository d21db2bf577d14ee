import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';

/** The page's one h1, an optional back button and the page's main actions (wrapping on phones). */
export function PageHeader({ title, extra, back }: { title: ReactNode; extra?: ReactNode; back?: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 16 }}>
      {back && <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(back)} />}
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0, flex: '1 1 auto', minWidth: 0 }}>
        {title}
      </Typography.Title>
      {extra && <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{extra}</div>}
    </div>
  );
}
