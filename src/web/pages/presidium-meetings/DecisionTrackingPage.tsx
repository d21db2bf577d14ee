import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, Pagination, Select, Space, Switch, Typography } from 'antd';
import { ADMINS } from '../../api/auth.ts';
import { DECISION_STATUSES, type DecisionQuery, type DecisionStatus, presidiumMeetingsApi } from '../../api/presidiumMeetings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useSearchBox } from '../../hooks/useSearchBox.ts';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';
import { DecisionList } from './DecisionList.tsx';

const KEYS = ['status', 'overdue', 'owner'] as const;

/**
 * 决议跟踪: the decisions of every meeting, open ones first and the most urgent on top, so that staff
 * follow each until it is done: add progress notes, mark it done or cancel it.
 */
export default function DecisionTrackingPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  // Progress notes: administrators and the presidium's deputies; a liaison reads only.
  const canNote = useHasRole([...ADMINS, 'deputy']);
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const [owner, setOwner] = useSearchBox(values.owner, (o) => set({ owner: o }));
  // Open decisions by default: that is what the page is for; "all" is one choice away.
  const status = (values.status ?? 'active') as DecisionQuery['status'] | 'all';
  const query: DecisionQuery = {
    status: status === 'all' ? undefined : status,
    overdue: values.overdue === 'true' ? 'true' : undefined,
    owner: values.owner,
    page,
    pageSize,
  };
  const q = useQuery({ queryKey: ['presidium-meetings', 'decisions', query], queryFn: () => presidiumMeetingsApi.decisions(query), placeholderData: keepPreviousData });
  const s = q.data?.summary;

  return (
    <>
      <PageHeader title={t('meeting.nav.tracking')} back="/presidium-meetings" />
      {s && (
        <Typography.Paragraph>
          {t('meeting.tracking.summary', { open: s.open, inProgress: s.inProgress, overdue: s.overdue, done: s.done })}
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('meeting.decision.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => set({ status: v === 'active' ? undefined : v })}
          options={[
            { value: 'active', label: t('meeting.tracking.active') },
            ...DECISION_STATUSES.map((x: DecisionStatus) => ({ value: x, label: t(`meeting.decision.status.${x}`) })),
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Input.Search allowClear aria-label={t('meeting.tracking.owner')} placeholder={t('meeting.tracking.owner')} value={owner} onChange={(e) => setOwner(e.target.value)} style={{ width: 200 }} />
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <Switch size="small" checked={values.overdue === 'true'} onChange={(on) => set({ overdue: on ? 'true' : undefined })} />
          {t('meeting.tracking.overdueOnly')}
        </label>
      </Space>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DecisionList items={q.data?.items} loading={q.isFetching} label={t('meeting.nav.tracking')} canEdit={isAdmin} canNote={canNote} showMeeting />
      )}
      {(q.data?.total ?? 0) > pageSize && (
        <Pagination
          style={{ marginTop: 12 }}
          current={page}
          pageSize={pageSize}
          total={q.data?.total}
          onChange={(p, size) => set({ page: p, pageSize: size })}
          showTotal={(total) => t('common.total', { total })}
        />
      )}
    </>
  );
}
