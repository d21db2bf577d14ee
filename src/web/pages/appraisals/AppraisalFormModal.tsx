import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { type Appraisal, type AppraisalInput, DIMENSION_KEYS, type DimensionKey, appraisalsApi } from '../../api/appraisals.ts';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { unitsApi } from '../../api/units.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';

type Values = {
  title: string;
  year: number;
  hearingDate?: Dayjs | null;
  hearingNotes?: string;
  unitIds: string[];
  dimensions: DimensionKey[];
  previousId?: string | null;
};
const FIELDS = ['title', 'year', 'hearingDate', 'hearingNotes', 'unitIds', 'dimensions', 'previousId'] as const;

/** Create an appraisal, or edit one (`appraisal` given): offices and dimensions only while a draft. */
export function AppraisalFormModal({ open, appraisal, onClose }: { open: boolean; appraisal?: Appraisal; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const units = useQuery({ queryKey: ['units', 'all-active'], queryFn: () => unitsApi.list({ page: 1, pageSize: 200, active: 'true' }), enabled: open });
  const previous = useQuery({ queryKey: ['appraisals', 'all'], queryFn: () => appraisalsApi.list({ page: 1, pageSize: 200 }), enabled: open });
  const draft = !appraisal || appraisal.status === 'draft';

  useEffect(() => {
    if (!open) return;
    if (appraisal)
      form.setFieldsValue({
        title: appraisal.title,
        year: appraisal.year,
        hearingDate: appraisal.hearingDate ? dayjs(appraisal.hearingDate) : null,
        hearingNotes: appraisal.hearingNotes,
        unitIds: appraisal.units.map((u) => u.id),
        dimensions: appraisal.dimensions,
        previousId: appraisal.previousId,
      });
    else
      form.setFieldsValue({
        title: '',
        year: new Date().getFullYear(),
        hearingDate: null,
        hearingNotes: '',
        unitIds: [],
        dimensions: [...DIMENSION_KEYS],
        previousId: null,
      });
  }, [open, appraisal, form]);

  async function submit(v: Values) {
    setSaving(true);
    const input: AppraisalInput = {
      title: v.title.trim(),
      year: v.year,
      hearingDate: v.hearingDate ? v.hearingDate.format('YYYY-MM-DD') : null,
      hearingNotes: v.hearingNotes?.trim() ?? '',
      unitIds: v.unitIds,
      dimensions: v.dimensions,
      previousId: v.previousId || null,
    };
    try {
      if (appraisal) {
        const { unitIds, dimensions, ...rest } = input;
        await appraisalsApi.update(appraisal.id, { ...rest, ...(draft ? { unitIds, dimensions } : {}), version: appraisal.version });
        message.success(t('common.saved'));
      } else {
        const made = await appraisalsApi.create(input);
        message.success(t('common.created'));
        navigate(`/appraisals/${made.id}`);
      }
      void qc.invalidateQueries({ queryKey: ['appraisals'] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && appraisal) {
        message.warning(t('common.conflict'), 6);
        void qc.invalidateQueries({ queryKey: ['appraisals'] });
        onClose();
      } else if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={appraisal ? t('appraisal.edit') : t('appraisal.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="title"
          label={t('appraisal.title')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('appraisal.title') }) }, { max: 100 }]}
        >
          <Input />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="year" label={t('appraisal.year')} rules={[{ required: true, message: t('common.required', { field: t('appraisal.year') }) }]}>
            <InputNumber min={2000} max={2100} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="hearingDate" label={t('appraisal.hearingDate')}>
            <DatePicker />
          </Form.Item>
        </div>
        <Form.Item name="unitIds" label={t('appraisal.units')} rules={[{ required: true, message: t('common.required', { field: t('appraisal.units') }) }]}>
          <Select
            mode="multiple"
            disabled={!draft}
            loading={units.isLoading}
            optionFilterProp="label"
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="dimensions" label={t('appraisal.dimensions')} extra={t('appraisal.dimensionsHint')}>
          <Checkbox.Group disabled={!draft} options={DIMENSION_KEYS.map((k) => ({ value: k, label: t(`appraisal.dim.${k}` as MsgKey) }))} />
        </Form.Item>
        <Form.Item name="hearingNotes" label={t('appraisal.hearingNotes')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="previousId" label={t('appraisal.previous')}>
          <Select
            allowClear
            optionFilterProp="label"
            options={(previous.data?.items ?? []).filter((p) => p.id !== appraisal?.id).map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
