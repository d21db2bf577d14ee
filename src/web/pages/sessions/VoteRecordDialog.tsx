import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, InputNumber, Modal, Radio, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { sessionsApi } from '../../api/sessions.ts';
import { checkVoteCounts, voteResult } from '../../../server/modules/sessions/sessions.rules.ts';
import { type VoteChoice, type VoteList, VOTE_CHOICES, votesApi } from '../../api/motions.ts';
import { useT } from '../../i18n/index.tsx';
import type { AgendaItemRef } from './tabProps.ts';

type Counts = { for: number; against: number; abstain: number; notVoting: number };
const COUNT_KEYS = ['for', 'against', 'abstain', 'notVoting'] as const;

/**
 * 记录表决: the four counts (with the live total against those present and the result it gives, by the
 * same pure rules the server decides with), or one choice per deputy present.
 */
export function VoteRecordDialog({
  sessionId,
  item,
  round,
  roll,
  onClose,
  onSaved,
}: {
  sessionId: string;
  item: AgendaItemRef;
  /** The round being recorded (1 + the rounds shown): the server refuses it (409) if another was recorded meanwhile. */
  round: number;
  roll: VoteList['roll'];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [method, setMethod] = useState<'count' | 'per_deputy'>('count');
  const [counts, setCounts] = useState<Counts>({ for: 0, against: 0, abstain: 0, notVoting: 0 });
  const [ballots, setBallots] = useState<Record<string, VoteChoice>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Who is present: the session's roll (shared with the roll tab), fetched only for a per-deputy vote.
  const rollQ = useQuery({ queryKey: ['sessions', sessionId, 'roll'], queryFn: () => sessionsApi.roll(sessionId), enabled: method === 'per_deputy' });
  const presentDeputies = useMemo(
    () =>
      (rollQ.data?.entries ?? [])
        .filter((e) => e.status === 'present' || e.status === 'late')
        .map((e) => ({ deputyId: e.deputyId, code: e.code, name: e.name })),
    [rollQ.data],
  );

  const effective: Counts = useMemo(() => {
    if (method === 'count') return counts;
    const c = { for: 0, against: 0, abstain: 0, notVoting: 0 };
    for (const choice of Object.values(ballots)) {
      if (choice === 'for') c.for++;
      else if (choice === 'against') c.against++;
      else if (choice === 'abstain') c.abstain++;
      else c.notVoting++;
    }
    return c;
  }, [method, counts, ballots]);
  const sum = effective.for + effective.against + effective.abstain + effective.notVoting;
  const check = checkVoteCounts(effective, roll.present);
  const filled = Object.keys(ballots).length;
  const ready = method === 'count' ? check.ok : filled === roll.present && check.ok;
  const result = voteResult(effective, roll.all);

  async function submit() {
    if (!ready) return;
    setSaving(true);
    setError(null);
    try {
      await votesApi.record(
        sessionId,
        item.id,
        method === 'count'
          ? { method, round, ...counts }
          : { method, round, ballots: Object.entries(ballots).map(([deputyId, choice]) => ({ deputyId, choice })) },
      );
      message.success(t('vote.recorded'));
      onSaved();
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const countLabel = { for: t('vote.for'), against: t('vote.against'), abstain: t('vote.abstain'), notVoting: t('vote.notVoting') };
  return (
    <Modal
      open
      title={t('vote.recordTitle', { title: item.title })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      okButtonProps={{ disabled: !ready }}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t('vote.figures', { all: roll.all, present: roll.present })} · {t('vote.needed', { n: roll.majorityNeeded, all: roll.all })}
        </Typography.Text>
        <Radio.Group
          value={method}
          onChange={(e) => setMethod(e.target.value)}
          optionType="button"
          aria-label={t('vote.method')}
          options={[
            { value: 'count', label: t('vote.method.count') },
            { value: 'per_deputy', label: t('vote.method.per_deputy') },
          ]}
        />
        {method === 'count' ? (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: 12 }}>
            {COUNT_KEYS.map((k) => (
              <label key={k} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                <span>{countLabel[k]}</span>
                <InputNumber
                  aria-label={countLabel[k]}
                  min={0}
                  max={roll.present}
                  precision={0}
                  value={counts[k]}
                  onChange={(v) => setCounts((c) => ({ ...c, [k]: typeof v === 'number' ? v : 0 }))}
                  style={{ width: '100%' }}
                  data-testid={`vote-${k}`}
                />
              </label>
            ))}
          </div>
        ) : (
          <>
            <Space wrap>
              <Typography.Text type="secondary">{t('vote.perDeputyHint')}</Typography.Text>
              <Button size="small" onClick={() => setBallots(Object.fromEntries(presentDeputies.map((d) => [d.deputyId, 'for' as VoteChoice])))}>
                {t('vote.allFor')}
              </Button>
              <Typography.Text>{t('vote.filled', { n: filled, present: roll.present })}</Typography.Text>
            </Space>
            <Table
              rowKey="deputyId"
              size="small"
              pagination={false}
              scroll={{ y: 320, x: 'max-content' }}
              loading={rollQ.isLoading}
              dataSource={presentDeputies}
              columns={[
                { title: t('common.name'), key: 'name', render: (_, d) => `${d.name}（${d.code}）` },
                {
                  title: t('vote.title'),
                  key: 'choice',
                  render: (_, d) => (
                    <Radio.Group
                      size="small"
                      aria-label={d.name}
                      value={ballots[d.deputyId]}
                      onChange={(e) => setBallots((b) => ({ ...b, [d.deputyId]: e.target.value }))}
                      options={VOTE_CHOICES.map((c) => ({ value: c, label: t(`vote.choice.${c}`) }))}
                    />
                  ),
                },
              ]}
            />
          </>
        )}
        <div role="status" aria-live="polite">
          <Alert
            type={check.ok ? 'success' : 'warning'}
            showIcon
            message={t('vote.sum', { sum, present: roll.present })}
            description={
              check.ok ? (
                <span>
                  {t('vote.sumOk')} · {t('vote.preview', { result: t(`vote.result.${result}`) })}
                </span>
              ) : (
                t('vote.sumOff', { present: roll.present, diff: roll.present - sum })
              )
            }
          />
        </div>
        {error && <Alert type="error" showIcon message={error} />}
      </Space>
    </Modal>
  );
}
