import { DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Election, type ElectionList, type Round, electionsApi } from '../../api/elections.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';
import ElectionNewDialog from './ElectionNewDialog.tsx';
import ElectionNominationDialog from './ElectionNominationDialog.tsx';
import ElectionRoundDialog from './ElectionRoundDialog.tsx';
import { ElectionRuleAlert } from './ElectionRuleAlert.tsx';
import ElectionStartDialog from './ElectionStartDialog.tsx';
import type { SessionTabProps } from './tabProps.ts';

/**
 * The 选举 tab of a session: each election with its post and seats, the rule check, the candidates and
 * who nominated them, and the rounds with their tally (the elected marked). Administrators nominate,
 * start voting, record and delete rounds here; the tally sheet prints from its own page.
 */

type Dialog = { kind: 'new' } | { kind: 'nominate' | 'start' | 'round'; election: Election } | null;

const STATUS_COLOR = { nominating: 'blue', voting: 'orange', done: 'green' } as const;
const OUTCOME_COLOR = { filled: 'green', partly: 'gold', none: 'default', void: 'red' } as const;
/** antd's green / orange / gold tag text is too light on its background (WCAG AA); darker text reads. */
const GREEN_TEXT = { color: '#135200' };
const DARK_TEXT = {
  done: GREEN_TEXT,
  voting: { color: '#873800' },
  nominating: undefined,
  filled: GREEN_TEXT,
  partly: { color: '#613400' },
  none: undefined,
  void: undefined,
};

export default function ElectionsTab({ sessionId, sessionStatus, canManage }: SessionTabProps) {
  const t = useT();
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = useQuery({ queryKey: ['sessions', sessionId, 'elections'], queryFn: () => electionsApi.list(sessionId) });
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const data = q.data;
  const writable = canManage && sessionStatus !== 'closed';
  const close = () => setDialog(null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Typography.Text style={{ flex: '1 1 240px' }}>
          {t('election.rollLine', { all: data.roll.all, present: data.roll.present, needed: data.roll.majorityNeeded })}
        </Typography.Text>
        {writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'new' })}>
            {t('election.new')}
          </Button>
        )}
      </div>
      {data.items.length === 0 && <Empty description={t('election.empty')} />}
      {data.items.map((e) => (
        <ElectionCard key={e.id} sessionId={sessionId} sessionStatus={sessionStatus} data={data} election={e} writable={writable} onDialog={setDialog} />
      ))}
      <ElectionNewDialog sessionId={sessionId} open={dialog?.kind === 'new'} onClose={close} />
      {dialog && dialog.kind !== 'new' && (
        <>
          <ElectionNominationDialog sessionId={sessionId} election={dialog.election} open={dialog.kind === 'nominate'} onClose={close} />
          <ElectionStartDialog sessionId={sessionId} election={dialog.election} open={dialog.kind === 'start'} onClose={close} />
          {dialog.kind === 'round' && <ElectionRoundDialog sessionId={sessionId} election={dialog.election} roll={data.roll} open onClose={close} />}
        </>
      )}
    </Space>
  );
}

function ElectionCard({
  sessionId,
  sessionStatus,
  data,
  election: e,
  writable,
  onDialog,
}: {
  sessionId: string;
  sessionStatus: SessionTabProps['sessionStatus'];
  data: ElectionList;
  election: Election;
  writable: boolean;
  onDialog: (d: Dialog) => void;
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
  const onError = (err: unknown) => message.error((err as Error).message);
  const withdraw = useMutation({ mutationFn: (candidateId: string) => electionsApi.withdraw(sessionId, e.id, candidateId), onSuccess: done, onError });
  const dropNomination = useMutation({ mutationFn: (id: string) => electionsApi.deleteNomination(sessionId, e.id, id), onSuccess: done, onError });
  const dropRound = useMutation({ mutationFn: (id: string) => electionsApi.deleteRound(sessionId, e.id, id), onSuccess: done, onError });
  const nameOf = (id: string) => e.candidates.find((c) => c.id === id)?.name ?? '';
  const last = e.rounds.at(-1);
  const canVote = sessionStatus === 'open' && data.roll.quorumReached;

  const actions = (
    <Space wrap>
      {writable && e.status === 'nominating' && (
        <>
          <Button icon={<PlusOutlined />} onClick={() => onDialog({ kind: 'nominate', election: e })}>
            {t('election.addNomination')}
          </Button>
          <Button type="primary" disabled={!e.candidates.some((c) => !c.withdrawn)} onClick={() => onDialog({ kind: 'start', election: e })}>
            {t('election.start')}
          </Button>
        </>
      )}
      {writable && e.status === 'voting' && (
        <Button type="primary" disabled={!canVote} onClick={() => onDialog({ kind: 'round', election: e })}>
          {t('election.recordRound')}
        </Button>
      )}
      {writable && last && sessionStatus === 'open' && (
        <Button
          danger
          icon={<DeleteOutlined />}
          onClick={() =>
            modal.confirm({
              title: t('election.deleteRoundConfirm', { n: last.round }),
              okButtonProps: { danger: true },
              onOk: () => dropRound.mutateAsync(last.id),
            })
          }
        >
          {t('election.deleteRound')}
        </Button>
      )}
      {last && (
        <Link to={`/sessions/${sessionId}/elections/${e.id}/tally?round=${last.round}`}>
          {/* A link, not a button inside a link: nested interactive elements confuse screen readers. */}
          <PrinterOutlined aria-hidden /> {t('election.printTally')}
        </Link>
      )}
    </Space>
  );

  return (
    <Card
      title={
        <Space wrap size={8}>
          <span>
            {e.item.seq}. {e.postName}
          </span>
          <Tag color={STATUS_COLOR[e.status]} style={DARK_TEXT[e.status]}>
            {t(`election.status.${e.status}`)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('election.seatsText', { n: e.seats })}
            {e.status === 'voting' && e.rounds.length > 0 && ` · ${t('election.seatsLeft', { n: e.seatsLeft })}`}
          </Typography.Text>
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {actions}
        {writable && e.status === 'voting' && !canVote && <Alert type="warning" showIcon title={t('election.noQuorum', { needed: data.roll.quorumNeeded })} />}
        {e.status !== 'done' && e.candidates.length > 0 && <ElectionRuleAlert rule={e.rule} />}
        {e.elected.length > 0 && (
          <Typography.Text strong>
            {t('election.elected')}：{e.elected.map((x) => x.name).join('、')}
          </Typography.Text>
        )}
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {t('election.candidates')}
        </Typography.Title>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={e.candidates}
          locale={{ emptyText: t('election.noCandidates') }}
          columns={[
            {
              key: 'name',
              title: t('election.name'),
              render: (_, c) => (
                <Space size={4} wrap>
                  <span style={c.withdrawn ? { textDecoration: 'line-through' } : undefined}>{c.name}</span>
                  {!c.deputyId && <Tag>{t('election.notDeputy')}</Tag>}
                  {c.withdrawn && <Tag>{t('election.withdrawn')}</Tag>}
                  {c.elected && (
                    <Tag color="green" style={GREEN_TEXT}>
                      {t('election.elected')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            { key: 'party', title: t('election.party'), render: (_, c) => c.party },
            { key: 'title', title: t('election.jobTitle'), render: (_, c) => c.title },
            { key: 'by', title: t('election.nominatedBy'), render: (_, c) => c.nominatedBy.map((n) => t(`election.nominator.${n}`)).join('、') },
            ...(writable && e.status === 'nominating'
              ? [
                  {
                    key: 'actions',
                    title: '',
                    render: (_: unknown, c: Election['candidates'][number]) =>
                      !c.withdrawn && (
                        <Button
                          size="small"
                          onClick={() => modal.confirm({ title: t('election.withdrawConfirm', { name: c.name }), onOk: () => withdraw.mutateAsync(c.id) })}
                        >
                          {t('election.withdraw')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
        {e.nominations.length > 0 && (
          <>
            <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
              {t('election.nominations')}
            </Typography.Title>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {e.nominations.map((n) => (
                <li key={n.id} style={{ marginBottom: 4 }}>
                  {t('election.nominationLine', {
                    nominator: t(`election.nominator.${n.nominator}`),
                    date: n.submittedOn,
                    names: n.candidateIds.map(nameOf).join('、'),
                  })}
                  {n.signers.length > 0 && (
                    <Typography.Text type="secondary">
                      {' '}
                      · {t('election.signersCount', { n: n.signers.length })}：{n.signers.map((s) => s.name).join('、')}
                    </Typography.Text>
                  )}
                  {writable && e.status === 'nominating' && (
                    <Button
                      type="link"
                      size="small"
                      danger
                      onClick={() =>
                        modal.confirm({
                          title: t('election.deleteNominationConfirm'),
                          okButtonProps: { danger: true },
                          onOk: () => dropNomination.mutateAsync(n.id),
                        })
                      }
                    >
                      {t('election.deleteNomination')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {e.rounds.map((r) => (
          <RoundView key={r.id} round={r} sessionId={sessionId} electionId={e.id} />
        ))}
      </Space>
    </Card>
  );
}

function RoundView({ round: r, sessionId, electionId }: { round: Round; sessionId: string; electionId: string }) {
  const t = useT();
  return (
    <section aria-label={t('election.roundN', { n: r.round })}>
      <Space wrap size={8}>
        <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
          {t('election.roundTitle', { n: r.round, seats: r.seats })}
        </Typography.Title>
        <Tag color={OUTCOME_COLOR[r.outcome]} style={DARK_TEXT[r.outcome]}>
          {t(`election.outcome.${r.outcome}`)}
        </Tag>
        <Link to={`/sessions/${sessionId}/elections/${electionId}/tally?round=${r.round}`}>{t('election.printTally')}</Link>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
        {t('election.figures', {
          all: r.allDeputies,
          present: r.presentCount,
          issued: r.issued,
          returned: r.returned,
          valid: r.valid,
          invalid: r.invalid,
          needed: r.needed,
        })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey={(l) => l.candidateId ?? `w:${l.writeInName}`}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={r.lines}
        columns={[
          {
            key: 'name',
            title: t('election.name'),
            render: (_, l) => (
              <Space size={4} wrap>
                <span>{l.name}</span>
                {!l.candidateId && <Tag>{t('election.writeIns')}</Tag>}
                {l.elected && (
                  <Tag color="green" style={GREEN_TEXT}>
                    {t('election.elected')}
                  </Tag>
                )}
              </Space>
            ),
          },
          { key: 'for', title: t('election.for'), align: 'right', render: (_, l) => (l.elected ? <strong>{l.for}</strong> : l.for) },
          { key: 'against', title: t('election.against'), align: 'right', render: (_, l) => (l.candidateId ? l.against : '—') },
          { key: 'abstain', title: t('election.abstain'), align: 'right', render: (_, l) => (l.candidateId ? l.abstain : '—') },
        ]}
      />
      <Collapse
        size="small"
        style={{ marginTop: 8 }}
        items={[{ key: 'a', label: t('election.announcement'), children: <div style={{ whiteSpace: 'pre-wrap' }}>{r.announcement}</div> }]}
      />
    </section>
  );
}
