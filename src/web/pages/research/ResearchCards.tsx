import { Button, Card, Empty, Skeleton, Typography } from 'antd';
import type { MineItem, TopicSummary } from '../../api/research.ts';
import { useT } from '../../i18n/index.tsx';
import { TopicState } from './ResearchTags.tsx';
import { claimantText } from './researchFormat.ts';

/** Topics on a phone: one card each; the title opens the topic. */
export function ResearchCards({ items, loading, onOpen }: { items: (TopicSummary | MineItem)[] | undefined; loading: boolean; onOpen: (r: TopicSummary) => void }) {
  const t = useT();
  if (loading && !items) return <Skeleton active />;
  if (!items?.length) return <Empty description={t('common.empty')} />;
  return (
    <ul aria-label={t('research.title')} aria-busy={loading} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
      {items.map((r) => (
        <li key={r.id}>
          <Card size="small">
            <Button type="link" onClick={() => onOpen(r)} style={{ padding: 0, height: 'auto', fontSize: 16, fontWeight: 600, whiteSpace: 'normal', textAlign: 'left' }}>
              {r.title}
            </Button>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {[r.code, `${r.year} 年`, t('research.due', { date: r.dueDate })].join(' · ')}
            </Typography.Text>
            <div>
              {t('research.claimant')}：{claimantText(r.claimant)}
            </div>
            {r.memberCount > 0 && (
              <div>
                {t('research.members')}：{r.leadName ? `${r.leadName} · ` : ''}
                {t('research.memberCount', { n: r.memberCount })}
              </div>
            )}
            {'myRole' in r && <div>{t('research.myRole', { role: t(`research.role.${r.myRole}`) })}</div>}
            <div style={{ marginTop: 6 }}>
              <TopicState status={r.status} grade={r.grade} overdue={r.overdue} late={r.submittedLate} />
            </div>
          </Card>
        </li>
      ))}
    </ul>
  );
}
