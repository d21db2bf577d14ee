import { Card, Empty, Pagination, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Grade, SuggestionItem } from '../../api/suggestions.ts';
import { useT } from '../../i18n/index.tsx';
import { DuePill, RatingPill, SuggestionBadges } from './SuggestionTags.tsx';
import { gradeText } from './suggestionFormat.ts';

type Props = {
  items: SuggestionItem[] | undefined;
  loading: boolean;
  grades: readonly Grade[] | undefined;
  /** Paging below the cards; left out when the page shows all it has. */
  total?: number;
  page?: number;
  pageSize?: number;
  onPage?: (page: number, pageSize: number) => void;
  /** More lines and buttons under a card (a quick reply, the rating button). */
  extra?: (item: SuggestionItem) => ReactNode;
  /** What a card names first: the office's list names the deputy, the deputy's list names the office. */
  show?: 'deputy' | 'unit' | 'both';
  emptyText?: string;
  label?: string;
};

/** Suggestions on a phone: one card each; the subject opens the detail. */
export function SuggestionCards({ items, loading, grades, total, page, pageSize, onPage, extra, show = 'both', emptyText, label }: Props) {
  const t = useT();
  if (loading && !items) return <Skeleton active />;
  if (!items?.length) return <Empty description={emptyText ?? t('common.empty')} />;
  return (
    <>
      {/* One column on a phone; side by side where there is room (a desktop's work list). */}
      <ul
        aria-label={label ?? t('suggestion.listTitle')}
        aria-busy={loading}
        style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 360px), 1fr))' }}
      >
        {items.map((r) => (
          <li key={r.id}>
            <Card size="small" style={{ height: '100%' }}>
              <Link to={`/suggestions/${r.id}`} style={{ display: 'block', fontSize: 16, fontWeight: 600, lineHeight: 1.4 }}>
                {r.title}
              </Link>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2 }}>
                {[r.code, t(`suggestion.kind.${r.kind}`), r.category].join(' · ')}
              </Typography.Text>
              {show !== 'unit' && r.leadDeputy && (
                <div>
                  {t('suggestion.leadDeputy')}：{r.leadDeputy.name}
                  {r.sponsorCount > 1 ? `（${t('suggestion.sponsorCount', { n: r.sponsorCount })}）` : ''}
                </div>
              )}
              {show !== 'deputy' && r.leadUnit && (
                <div>
                  {t('suggestion.leadUnit')}：{r.leadUnit.name}
                </div>
              )}
              {r.dueDate && (
                <div>
                  {t('suggestion.dueDate')}：{r.dueDate}
                </div>
              )}
              {r.grade && (
                <div>
                  {t('suggestion.grade')}：{gradeText(r.grade, grades)}
                  {r.repliedOn ? `（${r.repliedOn}）` : ''}
                </div>
              )}
              <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                <SuggestionBadges item={r} />
                <DuePill due={r.due} />
                <RatingPill rating={r.rating} />
              </div>
              {extra?.(r)}
            </Card>
          </li>
        ))}
      </ul>
      {onPage && total !== undefined && total > (pageSize ?? 20) && (
        <Pagination
          style={{ marginTop: 12 }}
          size="small"
          current={page}
          pageSize={pageSize}
          total={total}
          onChange={onPage}
          showTotal={(n) => t('common.total', { total: n })}
        />
      )}
    </>
  );
}
