import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Segmented, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type SuggestionFilters, suggestionsApi } from '../../api/suggestions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { QuickAction } from './QuickAction.tsx';
import { SuggestionCards } from './SuggestionCards.tsx';
import { OFFICE_OPEN_STATES, byDue } from './suggestionFormat.ts';
import { useSuggestionSettings } from './useSuggestionSettings.ts';

const KEYS = ['view'] as const;
type View = 'open' | 'replied' | 'all';

const FILTERS: Record<View, SuggestionFilters> = {
  open: { states: OFFICE_OPEN_STATES.join(','), sort: 'due', order: 'asc' },
  replied: { states: 'replied,following,closed', sort: 'updated', order: 'desc' },
  all: { sort: 'updated', order: 'desc' },
};

/**
 * 我的交办 for a handling office (phone first): what the office holds, soonest due first, with the due
 * badge and a quick reply on each card; replied and all items under the other tabs.
 */
export default function MyAssignmentsPage() {
  const t = useT();
  const me = useMe();
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const view: View = values.view === 'replied' || values.view === 'all' ? values.view : 'open';
  const grades = useSuggestionSettings().data?.grades;
  const q = useQuery({
    queryKey: ['suggestions', 'assignments', view, page, pageSize],
    queryFn: () => suggestionsApi.list({ ...FILTERS[view], page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const items = q.data ? (view === 'open' ? byDue(q.data.items) : q.data.items) : undefined;
  const unitId = me.user.unitId;

  return (
    <>
      <PageHeader title={t('suggestion.assignments.title')} />
      <Segmented<View>
        aria-label={t('common.filters')}
        style={{ marginBottom: 12 }}
        value={view}
        onChange={(v) => set({ view: v === 'open' ? undefined : v })}
        options={[
          { value: 'open', label: t('suggestion.assignments.open') },
          { value: 'replied', label: t('suggestion.assignments.replied') },
          { value: 'all', label: t('suggestion.assignments.all') },
        ]}
      />
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <SuggestionCards
          items={items}
          loading={q.isFetching}
          grades={grades}
          total={q.data?.total}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => set({ page: p, pageSize: s })}
          label={t('suggestion.assignments.title')}
          emptyText={view === 'open' ? t('suggestion.assignments.empty') : undefined}
          show="deputy"
          extra={(r) => {
            const lead = r.leadUnit?.id === unitId;
            const held = OFFICE_OPEN_STATES.includes(r.state);
            return (
              <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
                <Typography.Text type="secondary">
                  {t('suggestion.assignments.role', { role: lead ? t('suggestion.unitLead') : t('suggestion.unitCo') })}
                </Typography.Text>
                {held && lead && !r.pending ? (
                  <QuickAction id={r.id} action="reply" label={t('suggestion.assignments.quickReply')} primary />
                ) : (
                  <Link to={`/suggestions/${r.id}`}>{t('suggestion.mine.open')}</Link>
                )}
              </div>
            );
          }}
        />
      )}
    </>
  );
}
