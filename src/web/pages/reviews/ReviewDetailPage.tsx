import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ballotUrl } from '../../api/appraisals.ts';
import { ADMINS } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { type IssuedCode, type Review, reviewsApi } from '../../api/reviews.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { CodesDialog } from '../appraisals/CodesDialog.tsx';
import { EvalStatusTag } from '../duty-reports/dutyReportFormat.tsx';
import { PeerCodesDialog } from './PeerCodesDialog.tsx';
import { ReviewPaperDialog } from './ReviewPaperDialog.tsx';
import { ReviewResults } from './ReviewResults.tsx';

/** One peer or voter review: the deputies rated, voting (named codes or slips, paper), scores per deputy. */
export default function ReviewDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const isAdmin = useHasRole(ADMINS);
  const [codesOpen, setCodesOpen] = useState(false);
  const [paperOpen, setPaperOpen] = useState(false);
  const [issued, setIssued] = useState<IssuedCode[] | null>(null);
  const [stamp, setStamp] = useState(0);
  const q = useQuery({ queryKey: ['reviews', id], queryFn: () => reviewsApi.get(id) });
  const refresh = () => {
    setStamp((s) => s + 1);
    void qc.invalidateQueries({ queryKey: ['reviews'] });
  };

  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  if (!r) return <Skeleton active />;
  const peer = r.kind === 'peer_review';

  const act = (title: string, content: string, run: (x: Review) => Promise<Review & { codes?: IssuedCode[] }>) =>
    modal.confirm({
      title,
      content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const out = await run(r);
          if (out.codes && out.codes.length > 0) setIssued(out.codes);
          else message.success(t('common.saved'));
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
        back="/reviews"
        title={
          <>
            {r.station.name} {r.period} {t(`review.kind.${r.kind}` as MsgKey)} <EvalStatusTag status={r.status} />
          </>
        }
        extra={
          isAdmin && (
            <>
              {r.status === 'draft' && (
                <Button
                  type="primary"
                  onClick={() => act(t('review.open'), t(`review.openConfirm.${r.kind}` as MsgKey), (x) => reviewsApi.open(x.id, x.version))}
                >
                  {t('review.open')}
                </Button>
              )}
              {r.status === 'voting' && (
                <Button danger onClick={() => act(t('review.close'), t('review.closeConfirm'), (x) => reviewsApi.close(x.id, x.version))}>
                  {t('review.close')}
                </Button>
              )}
            </>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('review.kind')}>{t(`review.kind.${r.kind}` as MsgKey)}</Descriptions.Item>
          <Descriptions.Item label={t('review.period')}>{r.period}</Descriptions.Item>
          <Descriptions.Item label={t('review.station')}>{r.station.name}</Descriptions.Item>
          <Descriptions.Item label={t('review.points')}>
            {`${t('appraisal.rating.satisfied')} ${r.scalePoints.satisfied} / ${t('appraisal.rating.basic')} ${r.scalePoints.basic} / ${t('appraisal.rating.dissatisfied')} ${r.scalePoints.dissatisfied}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('review.deputies')} span={2}>
            {r.deputies.map((d) => d.name).join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {r.poll && (
        <Card
          title={t('appraisal.voting')}
          style={{ marginBottom: 16 }}
          extra={
            isAdmin &&
            r.status === 'voting' && (
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                {peer ? (
                  <Button onClick={() => act(t('review.reissue'), t('review.reissueConfirm'), (x) => reviewsApi.reissue(x.id))}>{t('review.reissue')}</Button>
                ) : (
                  <>
                    <Button onClick={() => setCodesOpen(true)}>{t('appraisal.genCodes')}</Button>
                    <Button onClick={() => setPaperOpen(true)}>{t('appraisal.paper')}</Button>
                  </>
                )}
              </div>
            )
          }
        >
          <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', marginBottom: 12 }}>
            <Statistic title={t('appraisal.codesIssued')} value={r.poll.codesIssued} />
            <Statistic title={t('appraisal.codesUsed')} value={r.poll.codesUsed} />
            {!peer && <Statistic title={t('appraisal.paperBallots')} value={r.poll.paperBallots} />}
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
      {r.poll && <ReviewResults reviewId={r.id} stamp={stamp} />}
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
      {r.poll && <PeerCodesDialog title={r.poll.title} townCode={r.poll.townCode} pollId={r.poll.id} codes={issued} onClose={() => setIssued(null)} />}
      {!peer && (
        <ReviewPaperDialog
          review={r}
          open={paperOpen}
          onClose={(changed) => {
            setPaperOpen(false);
            if (changed) refresh();
          }}
        />
      )}
    </>
  );
}
