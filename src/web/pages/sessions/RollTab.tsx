import { CheckOutlined, FileExcelOutlined, PrinterOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Input, Modal, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { STAFF } from '../../api/auth.ts';
import { ROLL_STATUSES, type Roll, type RollEntry, type RollStatus, type SessionDetail, sessionsApi } from '../../api/sessions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { RollStatusPill } from './SessionBits.tsx';
import type { SessionTabProps } from './tabProps.ts';

const MARKS: readonly RollStatus[] = ['present', 'late', 'on_leave', 'absent'];

function hhmm(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * The roll (点名签到): take the snapshot, then mark each deputy quickly on a phone — a search box, a
 * status filter, one tap per deputy, and "all present" for the rest. The counts and quorum above the
 * tabs follow every mark.
 */
export default function RollTab({ sessionId, sessionStatus, canManage, session }: SessionTabProps & { session: SessionDetail }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<RollStatus | 'all'>('all');
  const [leaveFor, setLeaveFor] = useState<RollEntry | null>(null);
  const [reason, setReason] = useState('');
  const taken = session.rollTakenAt !== null;
  const canMark = canManage && sessionStatus !== 'closed';
  const isStaff = useHasRole(STAFF);
  const q = useQuery({ queryKey: ['sessions', sessionId, 'roll'], queryFn: () => sessionsApi.roll(sessionId), enabled: taken });

  const after = () => void qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
  const take = useMutation({
    mutationFn: () => sessionsApi.takeRoll(sessionId),
    onSuccess: (roll) => {
      qc.setQueryData(['sessions', sessionId, 'roll'], roll);
      message.success(t('session.roll.taken', { n: roll.counts.all }));
      after();
    },
    onError: (e) => message.error((e as Error).message, 8),
  });
  const mark = useMutation({
    mutationFn: (v: { entry: RollEntry; status: RollStatus; leaveReason?: string }) =>
      sessionsApi.mark(sessionId, v.entry.deputyId, { status: v.status, leaveReason: v.leaveReason, expectedStatus: v.entry.status }),
    onSuccess: (res) => {
      qc.setQueryData<Roll>(['sessions', sessionId, 'roll'], (old) =>
        old ? { counts: res.counts, quorum: res.quorum, entries: old.entries.map((e) => (e.deputyId === res.entry.deputyId ? res.entry : e)) } : old,
      );
      message.success(t('session.roll.marked', { name: res.entry.name, status: t(`session.roll.status.${res.entry.status}`) }), 1.5);
      after();
    },
    onError: (e) => {
      message.error((e as Error).message, 8);
      // Someone else marked this deputy meanwhile (409): show the roll as it now is.
      void qc.invalidateQueries({ queryKey: ['sessions', sessionId, 'roll'] });
    },
  });
  const bulk = useMutation({
    mutationFn: (ids: string[]) => sessionsApi.markBulk(sessionId, { deputyIds: ids, status: 'present' }),
    onSuccess: (roll) => {
      qc.setQueryData(['sessions', sessionId, 'roll'], roll);
      after();
    },
    onError: (e) => message.error((e as Error).message, 8),
  });
  const exportXlsx = useMutation({
    mutationFn: () => sessionsApi.rollXlsx(sessionId),
    onError: (e) => message.error((e as Error).message, 8),
  });

  const entries = q.data?.entries ?? [];
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return entries.filter(
      (e) =>
        (filter === 'all' || e.status === filter) &&
        (!needle || e.name.toLowerCase().includes(needle) || e.code.toLowerCase().includes(needle) || (e.stationName ?? '').toLowerCase().includes(needle)),
    );
  }, [entries, search, filter]);

  if (!taken)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('session.roll.notTaken')} />
        {canMark && session.actions.includes('take_roll') && (
          <Button type="primary" icon={<UnorderedListOutlined />} loading={take.isPending} onClick={() => take.mutate()}>
            {t('session.roll.take')}
          </Button>
        )}
      </Space>
    );
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;

  const waiting = entries.filter((e) => e.status === 'expected').map((e) => e.deputyId);
  const allPresent = () => {
    if (waiting.length === 0) {
      message.info(t('session.roll.allPresentNone'));
      return;
    }
    modal.confirm({
      title: t('session.roll.allPresent'),
      content: t('session.roll.allPresentConfirm', { n: waiting.length }),
      okText: t('session.roll.allPresent'),
      cancelText: t('common.cancel'),
      onOk: () => bulk.mutateAsync(waiting),
    });
  };
  const retake = () =>
    modal.confirm({
      title: t('session.roll.retake'),
      content: t('session.roll.retakeConfirm', { date: session.startDate }),
      okText: t('session.roll.retake'),
      cancelText: t('common.cancel'),
      onOk: () => take.mutateAsync(),
    });
  const choose = (entry: RollEntry, status: RollStatus) => {
    if (status === entry.status) return;
    if (status === 'on_leave') {
      setReason(entry.leaveReason);
      setLeaveFor(entry);
      return;
    }
    mark.mutate({ entry, status });
  };

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}>
        <Input.Search
          allowClear
          aria-label={t('session.roll.search')}
          placeholder={t('session.roll.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ flex: '1 1 200px', maxWidth: 320 }}
        />
        <Select
          aria-label={t('session.roll.filter')}
          value={filter}
          onChange={setFilter}
          style={{ width: 130 }}
          options={[{ value: 'all', label: t('session.roll.all') }, ...ROLL_STATUSES.map((s) => ({ value: s, label: t(`session.roll.status.${s}`) }))]}
        />
        {canMark && (
          <Button type="primary" icon={<CheckOutlined />} onClick={allPresent} loading={bulk.isPending}>
            {t('session.roll.allPresent')}
          </Button>
        )}
        {canMark && session.actions.includes('take_roll') && (
          <Button icon={<ReloadOutlined />} onClick={retake} loading={take.isPending}>
            {t('session.roll.retake')}
          </Button>
        )}
        {isStaff && (
          <>
            <Button icon={<FileExcelOutlined />} loading={exportXlsx.isPending} onClick={() => exportXlsx.mutate()}>
              {t('session.roll.exportXlsx')}
            </Button>
            <Link to={`/sessions/${sessionId}/roll/print`}>
              <PrinterOutlined /> {t('session.roll.printSheet')}
            </Link>
          </>
        )}
        <Typography.Text type="secondary">{t('session.roll.count', { shown: shown.length, all: entries.length })}</Typography.Text>
      </div>
      {shown.length === 0 ? (
        <Empty description={t('session.roll.empty')} />
      ) : (
        <ul aria-label={t('session.tab.roll')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {shown.map((e) => (
            <li
              key={e.deputyId}
              data-testid="roll-entry"
              style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
            >
              <div style={{ flex: '1 1 160px', minWidth: 0 }}>
                <Typography.Text strong>{e.name}</Typography.Text> <Typography.Text type="secondary">{e.code}</Typography.Text>{' '}
                <RollStatusPill status={e.status} />
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {[
                    e.stationName,
                    e.arrivedAt ? t('session.roll.arrivedAt', { time: hhmm(e.arrivedAt) }) : null,
                    e.status === 'on_leave' ? e.leaveReason : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
              </div>
              {canMark && (
                <Radio.Group
                  aria-label={t('session.roll.markFor', { name: e.name })}
                  optionType="button"
                  value={e.status === 'expected' ? undefined : e.status}
                  disabled={mark.isPending && mark.variables?.entry.deputyId === e.deputyId}
                  onChange={(ev) => choose(e, ev.target.value as RollStatus)}
                  options={MARKS.map((s) => ({ value: s, label: t(`session.roll.status.${s}`) }))}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {leaveFor && (
        <Modal
          open
          title={t('session.roll.leaveTitle', { name: leaveFor.name })}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          okButtonProps={{ disabled: !reason.trim() }}
          confirmLoading={mark.isPending}
          onCancel={() => setLeaveFor(null)}
          onOk={async () => {
            await mark.mutateAsync({ entry: leaveFor, status: 'on_leave', leaveReason: reason.trim() });
            setLeaveFor(null);
          }}
        >
          <label htmlFor="leave-reason" style={{ display: 'block', marginBottom: 4 }}>
            {t('session.roll.leaveReason')}
          </label>
          <Input id="leave-reason" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} autoFocus />
        </Modal>
      )}
    </>
  );
}
