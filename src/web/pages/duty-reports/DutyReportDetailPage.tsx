import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ballotUrl } from '../../api/appraisals.ts';
import { ADMINS } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { type DutyReport, dutyReportsApi } from '../../api/dutyReports.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole, useMe } from '../../hooks/useMe.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { CodesDialog } from '../appraisals/CodesDialog.tsx';
import { percent } from '../appraisals/appraisalFormat.tsx';
import { DutyPaperDialog } from './DutyPaperDialog.tsx';
import { DutyReportFormModal } from './DutyReportFormModal.tsx';
import { EvalStatusTag, ResultTag } from './dutyReportFormat.tsx';

/** One duty report: the hearing, voting (codes, paper ballots), and the result by the report's bands. */
export default function DutyReportDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const isAdmin = useHasRole(ADMINS);
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const [codesOpen, setCodesOpen] = useState(false);
  const [paperOpen, setPaperOpen] = useState(false);
  const q = useQuery({ queryKey: ['duty-reports', id], queryFn: () => dutyReportsApi.get(id) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['duty-reports'] });

  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  if (!r) return <Skeleton active />;

  const act = (title: string, content: string, run: (x: DutyReport) => Promise<DutyReport>) =>
    modal.confirm({
      title,
      content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await run(r);
          message.success(t('common.saved'));
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) message.warning(e.message, 6);
          else message.error((e as Error).message);
        }
        refresh();
      },
    });

  const link = r.poll ? ballotUrl(window.location.origin, r.poll.townCode, r.poll.id) : '';
  return (
    <>
      <PageHeader
        back={me.user.role === 'deputy' ? '/my/duty-record' : '/duty-reports'}
        title={
          <>
            {r.code} {r.deputy.name} <EvalStatusTag status={r.status} />
          </>
        }
        extra={
          isAdmin && (
            <>
              <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
              {r.status === 'draft' && (
                <Button type="primary" onClick={() => act(t('dutyReport.open'), t('dutyReport.openConfirm'), (x) => dutyReportsApi.open(x.id, x.version))}>
                  {t('dutyReport.open')}
                </Button>
              )}
              {r.status === 'voting' && (
                <Button danger onClick={() => act(t('dutyReport.close'), t('dutyReport.closeConfirm'), (x) => dutyReportsApi.close(x.id, x.version))}>
                  {t('dutyReport.close')}
                </Button>
              )}
            </>
          )
        }
      />
      {r.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} />
      ))}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('dutyReport.deputy')}>{`${r.deputy.name}（${r.deputy.code}）`}</Descriptions.Item>
          <Descriptions.Item label={t('dutyReport.year')}>{r.year}</Descriptions.Item>
          <Descriptions.Item label={t('dutyReport.heldOn')}>{r.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('dutyReport.place')}>{r.place || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('dutyReport.station')}>{r.station?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('dutyReport.voterReps')}>{r.voterReps}</Descriptions.Item>
          <Descriptions.Item label={t('dutyReport.reportFile')}>
            {r.reportFile ? (
              <a href={dutyReportsApi.fileUrl(r.id)} download={r.reportFile.name}>
                {r.reportFile.name}
              </a>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('dutyReport.bands')}>{r.bands.map((b) => `${b.label} ≥ ${b.minPercent}%`).join('；')}</Descriptions.Item>
          <Descriptions.Item label={t('dutyReport.summary')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{r.summary || '—'}</span>
          </Descriptions.Item>
          {r.notes && (
            <Descriptions.Item label={t('dutyReport.notes')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{r.notes}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {r.poll && (
        <Card
          title={t('dutyReport.voting')}
          style={{ marginBottom: 16 }}
          extra={
            isAdmin &&
            r.status === 'voting' && (
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                <Button onClick={() => setCodesOpen(true)}>{t('appraisal.genCodes')}</Button>
                <Button onClick={() => setPaperOpen(true)}>{t('dutyReport.paper')}</Button>
              </div>
            )
          }
        >
          <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', marginBottom: 12 }}>
            <Statistic title={t('appraisal.codesIssued')} value={r.poll.codesIssued} />
            <Statistic title={t('appraisal.codesUsed')} value={r.poll.codesUsed} />
            <Statistic title={t('appraisal.paperBallots')} value={r.poll.paperBallots} />
            <Statistic title={t('appraisal.ballots')} value={r.poll.ballots} />
          </div>
          {r.status === 'voting' && (
            <>
              <Typography.Text>{t('appraisal.ballotLink')}：</Typography.Text>
              <Typography.Text copyable code>
                {link}
              </Typography.Text>
            </>
          )}
        </Card>
      )}
      {r.counts && (
        <Card title={t('dutyReport.result')} style={{ marginBottom: 16 }}>
          <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', alignItems: 'center' }}>
            {(['satisfied', 'basic', 'dissatisfied'] as const).map((k) => (
              <Statistic key={k} title={t(`appraisal.rating.${k}` as MsgKey)} value={r.counts?.[k] ?? 0} />
            ))}
            <Statistic title={t('dutyReport.approval')} value={percent(r.status === 'closed' ? r.approval : approvalNow(r))} />
            <div>
              <div style={{ color: '#555', fontSize: 14, marginBottom: 4 }}>{t('dutyReport.result')}</div>
              {r.status === 'closed' ? <ResultTag result={r.result} bands={r.bands} /> : <span>{t('dutyReport.noResult')}</span>}
            </div>
          </div>
        </Card>
      )}
      <DutyReportFormModal open={editing} report={r} onClose={() => setEditing(false)} />
      {r.poll && (
        <CodesDialog
          pollId={r.poll.id}
          open={codesOpen}
          onClose={(changed) => {
            setCodesOpen(false);
            if (changed) refresh();
          }}
        />
      )}
      <DutyPaperDialog
        report={r}
        open={paperOpen}
        onClose={(changed) => {
          setPaperOpen(false);
          if (changed) refresh();
        }}
      />
    </>
  );
}

/** The running approval share while voting is open (the stored one is set on close). */
function approvalNow(r: DutyReport): number | null {
  const c = r.counts;
  if (!c) return null;
  const n = c.satisfied + c.basic + c.dissatisfied;
  return n === 0 ? null : (c.satisfied + c.basic) / n;
}
