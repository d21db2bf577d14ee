import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, List, Row, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { NOTIFICATIONS_KEY } from '../../api/notifications.ts';
import { searchStatsApi } from '../../api/searchStats.ts';
import { type SuggestionFilters, type SuggestionItem, suggestionsApi } from '../../api/suggestions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { type MsgKey, useT } from '../../i18n/index.tsx';
import { UnitFiguresTable } from '../suggestion-stats/UnitFiguresTable.tsx';
import { SuggestionBadges } from '../suggestions/SuggestionTags.tsx';

/** How many items each list shows; the link opens the full list. */
const SHOWN = 10;

type Section = { key: string; title: MsgKey; filter: SuggestionFilters; more?: string; dateOf: 'due' | 'replied' };

// The board is made of the suggestions list (the contract's filters); no endpoint of its own.
const SECTIONS: Section[] = [
  { key: 'overdue', title: 'supervision.overdue', filter: { due: 'overdue', sort: 'due', order: 'asc' }, more: '/suggestions?due=overdue', dateOf: 'due' },
  { key: 'soon', title: 'supervision.dueSoon', filter: { due: 'soon', sort: 'due', order: 'asc' }, more: '/suggestions?due=soon', dateOf: 'due' },
  { key: 'key', title: 'supervision.key', filter: { key: 'true', sort: 'due', order: 'asc' }, more: '/suggestions?key=true', dateOf: 'due' },
  { key: 'pending', title: 'supervision.pending', filter: { pending: 'any', sort: 'due', order: 'asc' }, dateOf: 'due' },
  {
    key: 'replied',
    title: 'supervision.awaitingRating',
    filter: { states: 'replied', sort: 'updated', order: 'asc' },
    more: '/suggestions?state=replied',
    dateOf: 'replied',
  },
];

function SectionCard({ s }: { s: Section }) {
  const t = useT();
  const q = useQuery({ queryKey: ['suggestions', 'supervision', s.key], queryFn: () => suggestionsApi.list({ ...s.filter, page: 1, pageSize: SHOWN }) });
  const total = q.data?.total ?? 0;
  return (
    <Card
      size="small"
      title={
        <span>
          {t(s.title)} <Typography.Text type="secondary">（{q.data ? total : '…'}）</Typography.Text>
        </span>
      }
      extra={s.more && total > SHOWN ? <Link to={s.more}>{t('supervision.more', { n: total })}</Link> : undefined}
    >
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <List<SuggestionItem>
          size="small"
          dataSource={q.data.items}
          locale={{ emptyText: t('supervision.empty') }}
          renderItem={(it) => (
            <List.Item>
              <div style={{ minWidth: 0, width: '100%' }}>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'baseline' }}>
                  <Typography.Text type="secondary">{it.code}</Typography.Text>
                  <Link to={`/suggestions/${it.id}`} style={{ overflowWrap: 'anywhere' }}>
                    {it.title}
                  </Link>
                </div>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginTop: 4 }}>
                  <SuggestionBadges item={it} withDue />
                  {it.leadUnit && (
                    <Typography.Text type="secondary">
                      {t('supervision.leadUnit')}：{it.leadUnit.name}
                    </Typography.Text>
                  )}
                  {s.dateOf === 'due' && it.dueDate && (
                    <Typography.Text type="secondary">
                      {t('supervision.dueDate')}：{it.dueDate}
                    </Typography.Text>
                  )}
                  {s.dateOf === 'replied' && it.repliedOn && (
                    <Typography.Text type="secondary">
                      {t('supervision.repliedOn')}：{it.repliedOn}
                    </Typography.Text>
                  )}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/**
 * 督办: what is late or close to it, the presidium's key items, office requests waiting for a decision,
 * replies waiting for the deputy's rating, and the offices' figures for the year. Admins send the
 * day's reminders from here (the server also sends them every morning).
 */
export default function SupervisionPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const admin = useHasRole(ADMINS);
  const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  const stats = useQuery({ queryKey: ['suggestions', 'stats', { year }], queryFn: () => searchStatsApi.stats({ year }) });
  const remind = useMutation({
    mutationFn: searchStatsApi.remind,
    onSuccess: (r) => {
      if (r.sent > 0) message.success(t('supervision.sent', { n: r.sent }));
      else message.info(t('supervision.nothingSent'));
      void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    },
    onError: (e) => message.error((e as Error).message),
  });

  return (
    <div>
      <PageHeader
        title={t('supervision.title')}
        extra={
          admin && (
            <Button type="primary" icon={<BellOutlined />} loading={remind.isPending} onClick={() => remind.mutate()}>
              {t('supervision.remind')}
            </Button>
          )
        }
      />
      {admin && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('supervision.remindHint')}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        {SECTIONS.map((s) => (
          <Col key={s.key} xs={24} lg={12}>
            <SectionCard s={s} />
          </Col>
        ))}
        <Col span={24}>
          <Card size="small">
            {stats.isPending ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : stats.error ? (
              <LoadError error={stats.error} onRetry={() => void stats.refetch()} />
            ) : (
              <UnitFiguresTable rows={stats.data.byUnit} title={t('supervision.unitFigures', { y: year })} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
