import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type AdjustmentInput, type Scheme, pointsApi } from '../../api/points.ts';
import { DeputyPicker } from '../../components/DeputyPicker.tsx';
import { useT } from '../../i18n/index.tsx';
import { defaultMonth as lastEnded, monthsOf } from './pointsFormat.ts';

const FIELDS = ['deputyId', 'month', 'points', 'reason'] as const;

/** A new adjustment: deputy, month, points (≠ 0) and the reason, all required. A 409 shows the server's words. */
export function AdjustmentModal({ scheme, defaultMonth, onClose }: { scheme: Scheme; defaultMonth?: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AdjustmentInput>();
  const [conflict, setConflict] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: AdjustmentInput) => pointsApi.addAdjustment(scheme.id, { ...v, reason: v.reason.trim() }),
    onSuccess: () => {
      message.success(t('points.adj.saved'));
      void qc.invalidateQueries({ queryKey: ['points'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) setConflict(e.message);
      else if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message, 6);
    },
  });
  return (
    <Modal
      open
      title={t('points.adj.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {conflict && <Alert role="alert" type="warning" showIcon title={conflict} style={{ marginBottom: 12 }} />}
      <Form<AdjustmentInput>
        form={form}
        layout="vertical"
        initialValues={{ month: defaultMonth ?? lastEnded(scheme.year) }}
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => setConflict(null)}
      >
        <Form.Item name="deputyId" label={t('points.adj.deputy')} rules={[{ required: true, message: '请选择代表' }]}>
          <DeputyPicker />
        </Form.Item>
        <Form.Item name="month" label={t('points.adj.month')} rules={[{ required: true, message: '请选择月份' }]}>
          <Select options={monthsOf(scheme.year).map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('points.adj.points')}
          extra={t('points.adj.pointsHint')}
          rules={[
            { required: true, message: '请填写加减分' },
            { validator: (_r, v) => (v === 0 ? Promise.reject(new Error('加减分不能为 0')) : Promise.resolve()) },
          ]}
        >
          <InputNumber min={-100} max={100} step={0.5} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('points.adj.reason')} rules={[{ required: true, whitespace: true, message: '请填写理由' }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
