import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Select, Space, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ATTENDANCE_MARKS, type ActivityDetail, type AttendanceMark, activitiesApi, type Invitation } from '../../api/activities.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { cn } from './activityFormat.ts';
import { useT } from '../../i18n/index.tsx';
import { AttendanceTag, LeaveTag } from './ActivityStatusTag.tsx';

type Decision = { inv: Invitation; decision: 'approved' | 'refused' };

/** The invited deputies with their answers and leave requests, and the attendance checklist. */
export function InvitationTable({ activity }: { activity: ActivityDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = activity.id;
  const q = useQuery({ queryKey: ['activities', 'invitations', id], queryFn: () => activitiesApi.invitations(id, { pageSize: 200 }) });
  // Unsaved checklist marks, by deputy; undefined = unchanged.
  const [marks, setMarks] = useState<Record<string, AttendanceMark | null>>({});
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['activities'] });
  const windowOpen = dayjs().isAfter(cn(activity.signInOpensAt));

  const save = useMutation({
    mutationFn: () =>
      activitiesApi.setAttendance(
        id,
        Object.entries(marks).map(([deputyId, status]) => ({ deputyId, status })),
      ),
    onSuccess: (r) => {
      message.success(t('attendance.saved', { n: r.updated }));
      setMarks({});
      refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });
  const decide = useMutation({
    mutationFn: (d: Decision) => activitiesApi.decideLeave(id, d.inv.deputyId, { decision: d.decision, note: note.trim() || undefined }),
    onSuccess: () => {
      message.success(t('common.saved'));
      setDeciding(null);
      setNote('');
      refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });

  const columns: TableColumnsType<Invitation> = [
    { key: 'name', title: t('activity.deputy'), render: (_, r) => `${r.deputyName}（${r.deputyCode}）` },
    { key: 'station', title: t('deputy.station'), render: (_, r) => r.stationName ?? '—' },
    { key: 'response', title: t('activity.response'), render: (_, r) => t(`activity.response.${r.response}`) },
    {
      key: 'leave',
      title: t('activity.leaveCol'),
      render: (_, r) =>
        r.leaveStatus ? (
          <Space orientation="vertical" size={4}>
            <span>
              <LeaveTag status={r.leaveStatus} /> {r.leaveReason}
            </span>
            {r.leaveStatus === 'requested' && (
              <Space>
                <Button size="small" type="primary" onClick={() => setDeciding({ inv: r, decision: 'approved' })}>
                  {t('activity.approve')}
                </Button>
                <Button size="small" danger onClick={() => setDeciding({ inv: r, decision: 'refused' })}>
                  {t('activity.refuse')}
                </Button>
              </Space>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    { key: 'signedIn', title: t('attendance.signedInAt'), render: (_, r) => (r.signedInAt ? cn(r.signedInAt).format('MM-DD HH:mm') : '—') },
    {
      key: 'mark',
      title: t('attendance.mark'),
      render: (_, r) => (
        <Select<AttendanceMark | 'none'>
          aria-label={t('attendance.markFor', { name: r.deputyName })}
          style={{ width: 110 }}
          disabled={!windowOpen || activity.status === 'cancelled'}
          value={(r.deputyId in marks ? marks[r.deputyId] : r.attendance) ?? 'none'}
          onChange={(v) => setMarks((m) => ({ ...m, [r.deputyId]: v === 'none' ? null : v }))}
          options={[{ value: 'none', label: t('attendance.unmarked') }, ...ATTENDANCE_MARKS.map((s) => ({ value: s, label: t(`attendance.${s}`) }))]}
        />
      ),
    },
    { key: 'final', title: t('attendance.final'), render: (_, r) => (r.finalStatus ? <AttendanceTag status={r.finalStatus} /> : '—') },
  ];

  const dirty = Object.keys(marks).length;
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('activity.invitations', { n: q.data?.total ?? 0 })}</h2>}
      extra={
        <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
          {dirty ? t('attendance.saveN', { n: dirty }) : t('attendance.save')}
        </Button>
      }
    >
      {!windowOpen && <p>{t('attendance.notYet', { at: cn(activity.signInOpensAt).format('YYYY-MM-DD HH:mm') })}</p>}
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable<Invitation>
          label={t('activity.invitations', { n: q.data?.total ?? 0 })}
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          scroll={{ x: 900 }}
        />
      )}
      <Modal
        open={!!deciding}
        title={deciding ? t(deciding.decision === 'approved' ? 'activity.approveTitle' : 'activity.refuseTitle', { name: deciding.inv.deputyName }) : ''}
        onCancel={() => setDeciding(null)}
        onOk={() => deciding && decide.mutate(deciding)}
        okText={t('common.confirm')}
        confirmLoading={decide.isPending}
        destroyOnHidden
      >
        <p>
          {t('activity.leaveReason')}：{deciding?.inv.leaveReason}
        </p>
        <label htmlFor="leave-note">{t('activity.leaveNote')}</label>
        <Input.TextArea id="leave-note" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </Card>
  );
}
