import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type Appraisal, appraisalsApi, ballotUrl } from '../../api/appraisals.ts';
import { ADMINS } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { AppraisalFormModal } from './AppraisalFormModal.tsx';
import { AppraisalResults } from './AppraisalResults.tsx';
import { CodesDialog } from './CodesDialog.tsx';
import { IssueList } from './IssueList.tsx';
import { PaperDialog } from './PaperDialog.tsx';
import { AppraisalStatusTag } from './appraisalFormat.tsx';

/** One appraisal: the offices and hearing, voting (codes, paper ballots), results per office, the issue list. */
export default function AppraisalDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const isAdmin = useHasRole(ADMINS);
  const [editing, setEditing] = useState(false);
  const [codesOpen, setCodesOpen] = useState(false);
  const [paperOpen, setPaperOpen] = useState(false);
  const q = useQuery({ queryKey: ['appraisals', id], queryFn: () => appraisalsApi.get(id) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['appraisals'] });

  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  if (!a) return <Skeleton active />;

  const act = (title: string, content: string, run: (x: Appraisal) => Promise<Appraisal>) =>
    modal.confirm({
      title,
      content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await run(a);
          message.success(t('common.saved'));
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) message.warning(e.message, 6);
          else message.error((e as Error).message);
        }
        refresh();
      },
    });

  const link = a.poll ? ballotUrl(window.location.origin, a.poll.townCode, a.poll.id) : '';
  return (
    <>
      <PageHeader
        back="/appraisals"
        title={
          <>
            {a.code} {a.title} <AppraisalStatusTag status={a.status} />
          </>
        }
        extra={
          isAdmin && (
            <>
              <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
              {a.status === 'draft' && (
                <Button type="primary" onClick={() => act(t('appraisal.open'), t('appraisal.openConfirm'), (x) => appraisalsApi.open(x.id, x.version))}>
                  {t('appraisal.open')}
                </Button>
              )}
              {a.status === 'voting' && (
                <Button danger onClick={() => act(t('appraisal.close'), t('appraisal.closeConfirm'), (x) => appraisalsApi.close(x.id, x.version))}>
                  {t('appraisal.close')}
                </Button>
              )}
            </>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('appraisal.year')}>{a.year}</Descriptions.Item>
          <Descriptions.Item label={t('appraisal.hearingDate')}>{a.hearingDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('appraisal.units')} span={2}>
            {a.units.map((u) => u.name).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('appraisal.dimensions')} span={2}>
            {[t('appraisal.overall'), ...a.dimensions.map((d) => t(`appraisal.dim.${d}` as MsgKey))].join('、')}
          </Descriptions.Item>
          {a.previous && (
            <Descriptions.Item label={t('appraisal.previousShort')}>
              <Link to={`/appraisals/${a.previous.id}`}>{`${a.previous.code} ${a.previous.title}`}</Link>
            </Descriptions.Item>
          )}
          {a.followUps.length > 0 && (
            <Descriptions.Item label={t('appraisal.followUps')}>
              {a.followUps.map((f) => (
                <Link key={f.id} to={`/appraisals/${f.id}`} style={{ marginRight: 8 }}>{`${f.code} ${f.title}`}</Link>
              ))}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('appraisal.hearingNotes')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{a.hearingNotes || '—'}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {a.poll && (
        <Card
          title={t('appraisal.voting')}
          style={{ marginBottom: 16 }}
          extra={
            isAdmin &&
            a.status === 'voting' && (
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                <Button onClick={() => setCodesOpen(true)}>{t('appraisal.genCodes')}</Button>
                <Button onClick={() => setPaperOpen(true)}>{t('appraisal.paper')}</Button>
              </div>
            )
          }
        >
          <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', marginBottom: 12 }}>
            <Statistic title={t('appraisal.codesIssued')} value={a.poll.codesIssued} />
            <Statistic title={t('appraisal.codesUsed')} value={a.poll.codesUsed} />
            <Statistic title={t('appraisal.paperBallots')} value={a.poll.paperBallots} />
            <Statistic title={t('appraisal.ballots')} value={a.poll.ballots} />
          </div>
          <Typography.Text>{t('appraisal.ballotLink')}：</Typography.Text>
          <Typography.Text copyable code>
            {link}
          </Typography.Text>
        </Card>
      )}
      {a.poll && <AppraisalResults appraisalId={a.id} dims={a.dimensions.join(',')} />}
      <IssueList appraisal={a} canEdit={isAdmin} />
      <AppraisalFormModal open={editing} appraisal={a} onClose={() => setEditing(false)} />
      {a.poll && (
        <CodesDialog
          pollId={a.poll.id}
          open={codesOpen}
          onClose={(changed) => {
            setCodesOpen(false);
            if (changed) refresh();
          }}
        />
      )}
      <PaperDialog
        appraisal={a}
        open={paperOpen}
        onClose={(changed) => {
          setPaperOpen(false);
          if (changed) refresh();
        }}
      />
    </>
  );
}
