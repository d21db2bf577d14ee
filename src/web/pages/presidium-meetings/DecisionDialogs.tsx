import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type Decision, OWNER_TYPES, type OwnerType, presidiumMeetingsApi } from '../../api/presidiumMeetings.ts';
import { unitsApi } from '../../api/units.ts';
import { useT } from '../../i18n/index.tsx';
import { DeputySearchSelect } from '../presidium/DeputySearchSelect.tsx';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** After any change to a decision: the meeting, the follow-up list and the audit log are stale. */
export function useRefreshMeetings() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['presidium-meetings'] });
    void qc.invalidateQueries({ queryKey: ['audit'] });
  };
}

type DecisionValues = { content: string; ownerType: OwnerType; deputyId?: string; unitId?: string; ownerName?: string; dueDate: Dayjs };
const DECISION_FIELDS = ['content', 'ownerType', 'ownerId', 'ownerName', 'dueDate'] as const;

/** Record a decision of a meeting, or edit one: what, who is responsible (deputy, unit or a name), by when. */
export function DecisionFormModal({ meetingId, termId, meetingDate, decision, onClose }: { meetingId: string; termId: string; meetingDate: string; decision?: Decision; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMeetings();
  const [form] = Form.useForm<DecisionValues>();
  const [saving, setSaving] = useState(false);
  const ownerType = Form.useWatch('ownerType', form) ?? decision?.ownerType ?? 'unit';
  const units = useQuery({ queryKey: ['units', 'list', 'active'], queryFn: () => unitsApi.list({ active: 'true', pageSize: 200 }) });
  const [initial] = useState<Partial<DecisionValues>>(() =>
    decision
      ? {
          content: decision.content,
          ownerType: decision.ownerType,
          deputyId: decision.ownerType === 'deputy' ? (decision.ownerId ?? undefined) : undefined,
          unitId: decision.ownerType === 'unit' ? (decision.ownerId ?? undefined) : undefined,
          ownerName: decision.ownerType === 'other' ? decision.ownerName : undefined,
          dueDate: dayjs(decision.dueDate),
        }
      : { ownerType: 'unit', dueDate: dayjs(meetingDate).add(1, 'month') },
  );

  async function submit(v: DecisionValues) {
    setSaving(true);
    const body = {
      content: v.content,
      ownerType: v.ownerType,
      ownerId: v.ownerType === 'deputy' ? (v.deputyId ?? null) : v.ownerType === 'unit' ? (v.unitId ?? null) : null,
      ownerName: v.ownerType === 'other' ? (v.ownerName ?? '') : null,
      dueDate: day(v.dueDate) as string,
    };
    try {
      if (decision) await presidiumMeetingsApi.updateDecision(decision.id, { ...body, version: decision.version });
      else await presidiumMeetingsApi.addDecision(meetingId, body);
      refresh();
      message.success(decision ? t('common.saved') : t('common.created'));
      onClose();
    } catch (e) {
      const rename = { ownerId: v.ownerType === 'deputy' ? 'deputyId' : 'unitId' };
      if (!applyServerErrors(form, e, [...DECISION_FIELDS, 'deputyId', 'unitId'], rename)) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Modal
      open
      title={decision ? `${t('meeting.editDecision')} ${decision.code}` : t('meeting.addDecision')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="content" label={t('meeting.decision.content')} rules={required(t('meeting.decision.content'))}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="ownerType" label={t('meeting.decision.ownerType')}>
          <Radio.Group optionType="button" options={OWNER_TYPES.map((o) => ({ value: o, label: t(`meeting.decision.ownerType.${o}`) }))} />
        </Form.Item>
        {ownerType === 'deputy' && (
          <Form.Item name="deputyId" label={t('meeting.decision.owner')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('meeting.decision.owner') }) }]}>
            <DeputySearchSelect termId={termId} known={decision?.ownerType === 'deputy' && decision.ownerId ? [{ id: decision.ownerId, name: decision.ownerName }] : []} />
          </Form.Item>
        )}
        {ownerType === 'unit' && (
          <Form.Item name="unitId" label={t('meeting.decision.owner')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('meeting.decision.owner') }) }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={units.isFetching}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        {ownerType === 'other' && (
          <Form.Item name="ownerName" label={t('meeting.decision.ownerName')} rules={required(t('meeting.decision.ownerName'))}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="dueDate" label={t('meeting.decision.dueDate')} rules={required(t('meeting.decision.dueDate'))}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(meetingDate), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A dated note of what has been done about a decision; the first one moves it to 落实中. */
export function ProgressModal({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMeetings();
  const [form] = Form.useForm<{ date: Dayjs; detail: string }>();
  const [saving, setSaving] = useState(false);
  async function submit(v: { date: Dayjs; detail: string }) {
    setSaving(true);
    try {
      await presidiumMeetingsApi.addProgress(decision.id, { date: day(v.date) as string, detail: v.detail });
      refresh();
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, ['date', 'detail'])) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      open
      title={`${t('meeting.progress.add')} ${decision.code}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <p style={{ overflowWrap: 'anywhere' }}>{decision.content}</p>
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={submit}>
        <Form.Item name="date" label={t('meeting.progress.date')} rules={[{ required: true, message: t('common.required', { field: t('meeting.progress.date') }) }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(decision.meetingDate), 'day')} />
        </Form.Item>
        <Form.Item name="detail" label={t('meeting.progress.detail')} rules={[{ required: true, message: t('common.required', { field: t('meeting.progress.detail') }) }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Close a decision: done (with the day and the result) or cancelled (with the reason). */
export function CloseDecisionModal({ decision, mode, onClose }: { decision: Decision; mode: 'done' | 'cancelled'; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMeetings();
  const [form] = Form.useForm<{ doneDate?: Dayjs; result: string }>();
  const [saving, setSaving] = useState(false);
  const resultLabel = mode === 'done' ? t('meeting.decision.result') : t('meeting.decision.cancelReason');
  async function submit(v: { doneDate?: Dayjs; result: string }) {
    setSaving(true);
    try {
      await presidiumMeetingsApi.updateDecision(decision.id, {
        version: decision.version,
        status: mode,
        result: v.result,
        ...(mode === 'done' ? { doneDate: day(v.doneDate) } : {}),
      });
      refresh();
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, ['doneDate', 'result'])) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      open
      title={`${mode === 'done' ? t('meeting.markDone') : t('meeting.cancelDecision')} ${decision.code}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <p style={{ overflowWrap: 'anywhere' }}>{decision.content}</p>
      <Form form={form} layout="vertical" initialValues={{ doneDate: dayjs(), result: decision.result }} onFinish={submit}>
        {mode === 'done' && (
          <Form.Item name="doneDate" label={t('meeting.decision.doneDate')} rules={[{ required: true, message: t('common.required', { field: t('meeting.decision.doneDate') }) }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(decision.meetingDate), 'day')} />
          </Form.Item>
        )}
        <Form.Item name="result" label={resultLabel} rules={[{ required: true, whitespace: true, message: t('common.required', { field: resultLabel }) }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
