import { Card, Empty, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { FindingItem } from '../../api/findings.ts';
import { useT } from '../../i18n/index.tsx';
import { FindingStatusTag, SEVERITY_COLOR } from './FindingDialogs.tsx';
import { FindingCode } from './FindingsPanel.tsx';

/**
 * Findings on a phone: one card each, so status, deadline and the buttons are on screen without
 * scrolling a wide table sideways. An overdue card has a red edge as an overdue row has a red ground.
 */
export function FindingCards({
  items,
  loading,
  onOpen,
  actions,
}: {
  items: FindingItem[] | undefined;
  loading: boolean;
  onOpen: (f: FindingItem) => void;
  actions: (f: FindingItem) => ReactNode;
}) {
  const t = useT();
  if (loading && !items) return <Skeleton active />;
  if (!items?.length) return <Empty description={t('finding.empty')} />;
  return (
    <ul aria-label={t('finding.title')} aria-busy={loading} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
      {items.map((f) => (
        <li key={f.id}>
          <Card size="small" style={f.overdue ? { borderColor: '#ff7875', background: '#fff1f0' } : undefined}>
            <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
              <FindingCode f={f} onOpen={() => onOpen(f)} />
              <Typography.Text type="secondary">{f.foundOn}</Typography.Text>
              <Tag color={SEVERITY_COLOR[f.severity]}>{t(`finding.severity.${f.severity}`)}</Tag>
              <FindingStatusTag f={f} />
            </div>
            <div style={{ fontSize: 15, margin: '4px 0', wordBreak: 'break-word' }}>{f.description}</div>
            <div>
              {t('finding.responsible')}：{f.responsible}
            </div>
            <div>
              {t('finding.activity')}：<Link to={`/activities/${f.activity.id}`}>{f.activity.title}</Link>
            </div>
            {f.notice && (
              <div>
                {t('finding.deadline')}：<Link to={`/findings/notices/${f.notice.id}`}>{`${f.notice.deadline}（${f.notice.number}）`}</Link>
              </div>
            )}
            <div style={{ marginTop: 8 }}>{actions(f)}</div>
          </Card>
        </li>
      ))}
    </ul>
  );
}
