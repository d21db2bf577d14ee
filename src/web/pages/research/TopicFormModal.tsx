import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type TopicDetail, researchApi } from '../../api/research.ts';
import { useT } from '../../i18n/index.tsx';

type Values = { year: number; title: string; description?: string; dueDate: Dayjs };
const FIELDS = ['year', 'title', 'description', 'dueDate'] as const;

type Props = { open: boolean; topic?: TopicDetail; defaultYear: number; onClose: () => void; onSaved: (t: TopicDetail) => void };

/** Publish a topic (admins), or edit one that is not graded yet. */
export function TopicFormModal({ open, topic, defaultYear, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      topic
        ? { year: topic.year, title: topic.title, description: topic.description, dueDate: dayjs(topic.dueDate) }
        : { year: defaultYear, title: '', description: '', dueDate: dayjs(`${defaultYear}-11-30`) },
    );
  }, [open, topic, defaultYear, form]);

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = { year: v.year, title: v.title.trim(), description: (v.description ?? '').trim(), dueDate: v.dueDate.format('YYYY-MM-DD') };
    setSaving(true);
    try {
      const saved = topic ? await researchApi.update(topic.id, { ...body, version: topic.version }) : await researchApi.create(body);
      message.success(topic ? t('common.saved') : t('research.published', { code: saved.code }));
      void qc.invalidateQueries({ queryKey: ['research'] });
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: ['research'] });
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={topic ? t('research.edit') : t('research.publish')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      confirmLoading={saving}
      forceRender
    >
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="title" label={t('research.topic')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('research.topic') }) }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
          <Form.Item name="year" label={t('research.year')} rules={[{ required: true, message: t('common.required', { field: t('research.year') }) }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="dueDate" label={t('research.dueDate')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('research.dueDate') }) }]}>
            <DatePicker style={{ width: 160 }} />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t('research.description')} extra={t('research.descriptionHint')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={5} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
