import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type Deputy, type DeputyStatus, LEAVING_STATUSES, deputiesApi } from '../../api/deputies.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { useT } from '../../i18n/index.tsx';

type Values = { status: DeputyStatus; date: Dayjs; reason: string };
const FIELDS = ['status', 'date', 'reason'] as const;

/** 辞职 / 罢免 / 终止 / 调离 (or back to 在任), each with the date and the reason on record. */
export function DeputyStatusDialog({ deputy, open, onClose }: { deputy: Deputy; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const choices: DeputyStatus[] = deputy.status === 'serving' ? [...LEAVING_STATUSES] : ['serving', ...LEAVING_STATUSES.filter((s) => s !== deputy.status)];
  const status = Form.useWatch('status', form);
  const leaving = status !== 'serving';

  async function submit(v: Values) {
    setSaving(true);
    try {
      const saved = await deputiesApi.changeStatus(deputy.id, { status: v.status, date: v.date.format('YYYY-MM-DD'), reason: (v.reason ?? '').trim() });
      qc.setQueryData(['deputies', 'one', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['deputies', 'list'] });
      void qc.invalidateQueries({ queryKey: ['deputies', 'stats'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      message.success(t('deputy.statusChanged'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(e.message);
        void qc.invalidateQueries({ queryKey: ['deputies', 'one', deputy.id] });
      } else if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('deputy.statusTitle', { name: deputy.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ status: choices[0], date: dayjs() }}>
        <Form.Item
          name="status"
          label={t('deputy.newStatus')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('deputy.newStatus') }) }]}
        >
          <Select options={choices.map((s) => ({ value: s, label: t.enum('status', s) }))} />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('deputy.statusDateLabel')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('deputy.statusDateLabel') }) }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs().add(1, 'year'))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('deputy.statusReasonLabel')}
          rules={[{ required: leaving, whitespace: true, message: t('deputy.statusReasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
