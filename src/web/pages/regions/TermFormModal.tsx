import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { type Term, type TermInput, regionsApi } from '../../api/regions.ts';
import { useT } from '../../i18n/index.tsx';
import { refreshAfterRegionWrite, showSaveError } from './regionForms.ts';
import { changedFields, termNameOf } from './regionRules.ts';

const FIELDS = ['number', 'startDate', 'endDate'] as const;
type Values = { number: number; startDate: Dayjs; endDate: Dayjs | null };

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** Add a term (届) or edit one; the name 第十九届 is made from the number, as the server makes it. */
export function TermFormModal({ open, term, terms, onClose }: { open: boolean; term?: Term; terms: Term[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const number = Form.useWatch('number', form);
  const name = termNameOf(number);

  useEffect(() => {
    if (!open) return;
    // The form instance outlives the dialog: clear what the last one typed.
    form.resetFields();
    if (term) form.setFieldsValue({ number: term.number, startDate: dayjs(term.startDate), endDate: term.endDate ? dayjs(term.endDate) : null });
    else form.setFieldsValue({ number: terms.reduce((m, x) => Math.max(m, x.number), 0) + 1 || undefined });
  }, [open, term, terms, form]);

  async function submit(v: Values) {
    setSaving(true);
    const input = { number: v.number, startDate: day(v.startDate) as string, endDate: day(v.endDate) };
    try {
      if (term) {
        const patch = changedFields<TermInput>(term, input);
        if (Object.keys(patch).length) await regionsApi.updateTerm(term.id, patch);
      } else await regionsApi.createTerm(input);
      // A new or moved term can change which one is current, and the names the roster and presidium show.
      refreshAfterRegionWrite(qc, 'terms', 'presidium', 'deputies', 'towns');
      message.success(term ? t('common.saved') : t('common.created'));
      onClose();
    } catch (e) {
      showSaveError(form, e, FIELDS, message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={term ? t('region.editTerm', { name: term.name }) : t('region.addTerm')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="number"
          label={t('region.termNumber')}
          extra={<span aria-live="polite">{name ? t('region.termNamePreview', { name }) : t('region.termNumberRange')}</span>}
          rules={[
            { required: true, message: t('common.required', { field: t('region.termNumber') }) },
            { type: 'integer', min: 1, max: 99, message: t('region.termNumberRange') },
          ]}
        >
          <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="startDate"
          label={t('region.startDate')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('region.startDate') }) }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="endDate"
          label={t('region.endDate')}
          extra={t('region.endDateHint')}
          dependencies={['startDate']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | null) => {
                const start: Dayjs | undefined = getFieldValue('startDate');
                return !v || !start || !v.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('region.endBeforeStart')));
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
