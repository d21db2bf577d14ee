import { PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Select, Skeleton, Space, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type DutyEntry, dutyRecordApi } from '../../api/dutyRecord.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { Pill } from '../../components/Pill.tsx';
import { AttendanceTag } from '../activities/ActivityStatusTag.tsx';
import { pct } from '../activities/activityFormat.ts';
import { PrintStyles } from './PrintStyles.tsx';
import { RatingPill, StatePill } from '../suggestions/SuggestionTags.tsx';
import type { Tone } from '../../components/Pill.tsx';
import { DutyEvaluationCard } from '../duty-reports/DutyEvaluationCard.tsx';

const ROLL_TONE: Record<string, Tone> = { present: 'good', late: 'warn', on_leave: 'info', absent: 'bad', expected: 'dim' };
const MOTION_TONE: Record<string, Tone> = { passed: 'good', failed: 'bad', not_accepted: 'dim', withdrawn: 'dim' };

/** 履职档案: a deputy's year, month by month; /my/duty-record for the deputy, /deputies/:id/duty-record for staff. */
export default function DutyRecordPage() {
  const t = useT();
  const me = useMe();
  const mobile = useIsMobile();
  const params = useParams();
  const deputyId = params.id ?? me.user.deputyId ?? '';
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const q = useQuery({
    queryKey: ['duty-record', deputyId, year],
    queryFn: () => dutyRecordApi.record(deputyId, year),
    enabled: !!deputyId,
    placeholderData: keepPreviousData,
  });

  if (!deputyId) return <Empty description={t('dutyRecord.noDeputy')} />;
  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const tot = r.totals.activities;
  const months = r.months.filter((m) => m.entries.length > 0);
  // On a phone the kind is left out and the date shortened so the status stays in view without scrolling.
  // Each entry names what it is: an activity by its kind, a document by its category, a topic as research.
  const kindOf = (e: DutyEntry) =>
    e.source === 'session' ? `${t('sessionStats.duty.session')} · ${e.shortName}` :
    e.source === 'motion' ? `${t('sessionStats.duty.motion')} · ${e.session.shortName} · ${t(`sessionStats.duty.role.${e.role}`)}` :
    e.source === 'suggestion' ? `${t('suggestion.duty.kind')} · ${e.code} · ${t(`suggestion.${e.role}`)}${e.grade ? ` · ${e.grade}` : ''}` :
    e.source === 'reception' ? `${t('reception.duty.kind')} · ${t('reception.duty.counts', { matters: e.matterCount, visitors: e.visitorCount })}` :
    e.source === 'activity' ? e.kindName : e.source === 'document' ? `${t('dutyRecord.sourceDocument')} · ${t(`document.category.${e.category}`)}` : `${t('dutyRecord.sourceResearch')} · ${t(`research.role.${e.role}`)}`;
  const statusOf = (e: DutyEntry) => {
    if (e.source === 'activity') return <AttendanceTag status={e.status} />;
    if (e.source === 'document') return <Pill tone="good">{t('dutyRecord.read')}</Pill>;
    if (e.source === 'reception') return <Pill tone="good">{t('reception.duty.done')}</Pill>;
    if (e.source === 'session') return <Pill tone={ROLL_TONE[e.status] ?? 'info'}>{t(`sessionStats.duty.roll.${e.status}`)}</Pill>;
    if (e.source === 'motion') return <Pill tone={MOTION_TONE[e.status] ?? 'info'}>{t(`sessionStats.motionStatus.${e.status}`)}</Pill>;
    if (e.source === 'suggestion') return e.rating ? <RatingPill rating={e.rating} /> : <StatePill state={e.state} />;
    return e.grade ? <Pill tone={e.grade === 'fail' ? 'bad' : 'good'}>{t(`research.grade.${e.grade}`)}</Pill> : <Pill tone="info">{t(`research.status.${e.status}`)}</Pill>;
  };
  const columns = [
    { key: 'date', title: t('dutyRecord.date'), width: mobile ? 64 : 110, render: (_: unknown, e: DutyEntry) => (mobile ? e.date.slice(5) : e.date) },
    {
      key: 'title',
      title: t('dutyRecord.item'),
      // On a phone the kind goes under the title rather than in a column of its own.
      render: (_: unknown, e: DutyEntry) =>
        mobile && e.source !== 'activity' ? (
          <>
            {e.title}
            <div style={{ fontSize: 12, color: '#595959' }}>{kindOf(e)}</div>
          </>
        ) : (
          e.title
        ),
    },
    ...(mobile ? [] : [{ key: 'kind', title: t('activity.kind'), width: 160, render: (_: unknown, e: DutyEntry) => kindOf(e) }]),
    { key: 'status', title: t('dutyRecord.status'), width: 80, render: (_: unknown, e: DutyEntry) => statusOf(e) },
  ];

  return (
    <>
      <PrintStyles />
      <PageHeader
        title={t('dutyRecord.titleOf', { name: r.deputy.name, year: r.year })}
        back={params.id ? `/deputies/${params.id}` : undefined}
        extra={
          <span className="no-print" style={{ display: 'flex', gap: 8 }}>
            <Select
              aria-label={t('dutyRecord.year')}
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: t('dutyRecord.yearLabel', { year: y }) }))}
            />
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('dutyRecord.print')}
            </Button>
          </span>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 3 }}
            items={[
              { key: 'code', label: t('deputy.code'), children: r.deputy.code },
              {
                key: 'station',
                label: t('deputy.station'),
                children: r.deputy.station ? <Link to={`/stations/${r.deputy.station.id}/board`}>{r.deputy.station.name}</Link> : '—',
              },
              { key: 'groups', label: t('dutyRecord.groups'), children: r.deputy.groups.map((g) => g.name).join('、') || '—' },
            ]}
          />
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dutyRecord.totals')}</h2>}>
          <Space wrap size={28}>
            <Statistic title={t('dutyRecord.invited')} value={tot.invited} />
            <Statistic title={t('dutyRecord.attended')} value={tot.attended} />
            <Statistic title={t('attendance.late')} value={tot.late} />
            <Statistic title={t('attendance.on_leave')} value={tot.onLeave} />
            <Statistic title={t('attendance.absent')} value={tot.absent} />
            <Statistic title={t('attendance.pending')} value={tot.pending} />
            <Statistic title={t('attendance.rate')} value={pct(tot.rate)} />
            <Statistic title={t('dutyRecord.trainings')} value={tot.trainings} />
            <Statistic title={t('dutyRecord.inspections')} value={tot.inspections} />
            <Statistic title={t('dutyRecord.research')} value={tot.research} />
            <Statistic title={t('dutyRecord.documentsRead')} value={r.totals.documentsRead} />
            <Statistic title={t('dutyRecord.researchTopics')} value={r.totals.research.topics} />
            <Statistic title={t('reception.duty.total')} value={r.totals.receptions.onDuty} />
            <Statistic title={t('suggestion.duty.lead')} value={r.totals.suggestions.lead} />
            <Statistic title={t('suggestion.duty.co')} value={r.totals.suggestions.co} />
            <Statistic title={t('suggestion.duty.replied')} value={r.totals.suggestions.replied} />
            <Statistic title={t('suggestion.duty.satisfied')} value={r.totals.suggestions.satisfied} />
            <Statistic title={t('sessionStats.duty.attended')} value={r.totals.sessions.attended} />
            <Statistic title={t('sessionStats.duty.onLeave')} value={r.totals.sessions.onLeave} />
            <Statistic title={t('sessionStats.duty.absent')} value={r.totals.sessions.absent} />
            <Statistic title={t('sessionStats.duty.motionLead')} value={r.totals.motions.lead} />
            <Statistic title={t('sessionStats.duty.motionCo')} value={r.totals.motions.co} />
          </Space>
        </Card>
        {r.evaluation && <DutyEvaluationCard evaluation={r.evaluation} />}
        {months.length === 0 && <Empty description={t('dutyRecord.empty')} />}
        {months.map((m) => {
          const c = m.counts.activities;
          return (
            <Card
              key={m.month}
              size="small"
              className="print-avoid-break"
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dutyRecord.month', { month: m.month })}</h2>}
            >
              <p style={{ marginTop: 0 }}>
                {t('dutyRecord.monthCounts', { invited: c.invited, attended: c.present + c.late, leave: c.onLeave, absent: c.absent, rate: pct(c.rate) })}
                {m.counts.documentsRead + m.counts.research > 0 && ` · ${t('dutyRecord.monthOther', { docs: m.counts.documentsRead, research: m.counts.research })}`}
              </p>
              <DataTable<DutyEntry>
                label={t('dutyRecord.month', { month: m.month })}
                rowKey={(e) => `${e.source}:${e.id}`}
                size="small"
                pagination={false}
                columns={columns}
                dataSource={m.entries}
                scroll={mobile ? undefined : { x: 560 }}
              />
            </Card>
          );
        })}
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dutyRecord.trainingTopics')}</h2>}>
          {r.trainingTopics.length === 0 ? (
            t('common.none')
          ) : (
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {r.trainingTopics.map((x) => (
                <li key={x.id}>
                  {x.date} {x.title}
                </li>
              ))}
            </ol>
          )}
        </Card>
      </Space>
    </>
  );
}
