import { CopyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { majorityNeeded } from '../../../server/modules/sessions/sessions.rules.ts';
import { type MotionStatus, type Vote, type VoteResult, votesApi } from '../../api/motions.ts';
import type { AgendaItem, Quorum } from '../../api/sessions.ts';
import { Pill, type Tone } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import type { AgendaItemRef, SessionTabProps } from './tabProps.ts';
import { VoteRecordDialog } from './VoteRecordDialog.tsx';

const RESULT_TONE: Record<VoteResult, Tone> = { passed: 'good', failed: 'bad', tie: 'warn' };

function CopyAnnouncement({ text }: { text: string }) {
  const t = useT();
  const { message } = App.useApp();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('vote.copied'));
    } catch {
      message.error(t('vote.copyFailed'));
    }
  }
  return (
    <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
      {t('vote.copy')}
    </Button>
  );
}

function VoteRound({ vote, onDelete }: { vote: Vote; onDelete?: () => void }) {
  const t = useT();
  const perChoice = (c: Vote['ballots'][number]['choice']) =>
    vote.ballots
      .filter((b) => b.choice === c)
      .map((b) => b.name)
      .join('、');
  return (
    <div data-testid="vote-round" style={{ borderTop: '1px dashed #d9d9d9', paddingTop: 8, marginTop: 8 }}>
      <Space wrap size={[12, 4]}>
        <strong>{t('vote.round', { n: vote.round })}</strong>
        <span>
          {t('vote.for')} <strong>{vote.for}</strong>
        </span>
        <span>
          {t('vote.against')} <strong>{vote.against}</strong>
        </span>
        <span>
          {t('vote.abstain')} <strong>{vote.abstain}</strong>
        </span>
        <span>
          {vote.method === 'count' ? t('vote.notVoting') : t('vote.choice.not_voting')} <strong>{vote.notVoting}</strong>
        </span>
        <Typography.Text type="secondary">
          {t('vote.figures', { all: vote.allDeputies, present: vote.presentCount })} · {t('vote.neededShort', { n: vote.needed })}
        </Typography.Text>
        <Pill tone={RESULT_TONE[vote.result]}>{t(`vote.result.${vote.result}`)}</Pill>
      </Space>
      <Typography.Paragraph style={{ margin: '6px 0', background: '#fafafa', padding: '6px 8px', borderRadius: 4 }} aria-label={t('vote.announcement')}>
        {vote.announcement}
      </Typography.Paragraph>
      <Space wrap>
        <CopyAnnouncement text={vote.announcement} />
        {onDelete && (
          <Popconfirm title={t('vote.deleteConfirm', { n: vote.round })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={onDelete}>
            <Button size="small" danger>
              {t('vote.delete')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {vote.method === 'per_deputy' && vote.ballots.length > 0 && (
        <details style={{ marginTop: 6 }}>
          <summary>{t('vote.ballots')}</summary>
          {(['for', 'against', 'abstain', 'not_voting'] as const).map((c) =>
            perChoice(c) ? (
              <div key={c}>
                {t(`vote.choice.${c}`)}：{perChoice(c)}
              </div>
            ) : null,
          )}
        </details>
      )}
    </div>
  );
}

/**
 * The votes of one agenda item. Collapsed (the default), it shows what the agenda already carries — the
 * last round's result — and fetches nothing; the rounds (for / against / abstain / not voting, the result
 * against all deputies, the announcement to copy) are fetched when the user opens them or the
 * "记录表决" dialog. Election items vote in 选举.
 */
export default function ItemVotes({
  sessionId,
  sessionStatus,
  canManage,
  item,
  lastVote,
  quorum,
  motionStatus,
}: SessionTabProps & {
  item: AgendaItemRef;
  /** The agenda's last round of this item (no request needed to show it). */
  lastVote: AgendaItem['lastVote'];
  /** The session's live quorum (from the session detail); null before the roll is taken. */
  quorum: Quorum | null;
  /** The status of the motion on this item, if any: only a motion on the agenda is voted on. */
  motionStatus?: MotionStatus | null;
}) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [recording, setRecording] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const isElection = item.kind === 'election';
  const q = useQuery({
    queryKey: ['sessions', sessionId, 'votes', item.id],
    queryFn: () => votesApi.list(sessionId, item.id),
    enabled: !isElection && (expanded || recording),
  });
  if (isElection) return null;
  const refresh = () => void qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
  const data = q.data;
  const votes = data?.items ?? [];
  const last = votes.at(-1);
  const canDelete = canManage && sessionStatus === 'open';

  async function remove(vote: Vote) {
    try {
      await votesApi.remove(sessionId, item.id, vote.id);
      message.success(t('vote.deleted'));
      refresh();
    } catch (e) {
      message.error((e as Error).message, 6);
    }
  }

  // Whether a round may be recorded now, from what the page already has (the server decides again).
  const decided = !!lastVote && lastVote.result !== 'tie';
  const motionOpen = !motionStatus || motionStatus === 'on_agenda';
  const mayRecord = canManage && sessionStatus === 'open' && !!quorum?.reached && !decided && motionOpen;
  const blocked =
    canManage && !decided && motionOpen && !mayRecord
      ? sessionStatus !== 'open'
        ? t('vote.notOpen')
        : quorum && !quorum.reached
          ? t('vote.noQuorum', { all: quorum.all, present: quorum.present, needed: quorum.needed })
          : null
      : null;
  const all = data?.roll.all ?? quorum?.all;
  const needed = data?.roll.majorityNeeded ?? (all ? majorityNeeded(all) : null);

  return (
    <section aria-label={`${t('vote.title')}：${item.title}`} data-testid="item-votes" style={{ marginTop: 4 }}>
      <Space wrap size={[8, 4]}>
        <Typography.Text type="secondary">{t('vote.title')}</Typography.Text>
        {!lastVote && <Typography.Text type="secondary">{t('vote.none')}</Typography.Text>}
        {lastVote && !expanded && (
          <>
            <span>{t('vote.round', { n: lastVote.round })}</span>
            <Pill tone={RESULT_TONE[lastVote.result as VoteResult] ?? 'dim'}>{t(`vote.result.${lastVote.result as VoteResult}`)}</Pill>
          </>
        )}
        {needed !== null && all && <Typography.Text type="secondary">· {t('vote.needed', { n: needed, all })}</Typography.Text>}
        {lastVote && (
          <Button size="small" aria-expanded={expanded} onClick={() => setExpanded((x) => !x)} loading={expanded && q.isLoading}>
            {expanded ? t('vote.hideHistory') : t('vote.history')}
          </Button>
        )}
        {mayRecord && (
          <Button size="small" type="primary" onClick={() => setRecording(true)} loading={recording && q.isLoading}>
            {t('vote.record')}
          </Button>
        )}
      </Space>
      {lastVote?.result === 'tie' && mayRecord && <div style={{ marginTop: 4 }}>{t('vote.retake')}</div>}
      {blocked && (
        <Typography.Paragraph type="warning" style={{ margin: '4px 0' }}>
          {blocked}
        </Typography.Paragraph>
      )}
      {expanded && votes.map((v) => <VoteRound key={v.id} vote={v} onDelete={canDelete && v === last ? () => void remove(v) : undefined} />)}
      {q.error && (
        <Typography.Paragraph type="danger" style={{ margin: '4px 0' }}>
          {(q.error as Error).message}
        </Typography.Paragraph>
      )}
      {recording && data && (
        <VoteRecordDialog
          sessionId={sessionId}
          item={item}
          round={(last?.round ?? 0) + 1}
          roll={data.roll}
          onClose={() => setRecording(false)}
          onSaved={() => {
            // Show the round just recorded, with its announcement to read out.
            setExpanded(true);
            refresh();
          }}
        />
      )}
    </section>
  );
}
