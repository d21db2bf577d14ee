import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type ReportInput, type ReportKind, reportsApi, templatesApi } from '../../api/reports.ts';
import { useT } from '../../i18n/index.tsx';

type Values = { kind: ReportKind; year?: number; half?: 1 | 2; range?: [Dayjs, Dayjs]; templateId: string; title?: string };
const FIELDS = ['kind', 'year', 'half', 'range', 'templateId', 'title'] as const;
const BUILT_IN = '';

/** 生成工作总结: the period (a year, a half year or any dates) and the template; the new report opens. */
export function GenerateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'year';
  const templates = useQuery({ queryKey: ['report-templates'], queryFn: templatesApi.list, enabled: open });
  const thisYear = new Date().getFullYear();

  async function submit(v: Values) {
    const input: ReportInput = { kind: v.kind, templateId: v.templateId || null, title: v.title?.trim() || undefined };
    if (v.kind !== 'custom') input.year = v.year;
    if (v.kind === 'half') input.half = v.half;
    if (v.kind === 'custom' && v.range) {
      input.from = v.range[0].format('YYYY-MM-DD');
      input.to = v.range[1].format('YYYY-MM-DD');
    }
    setBusy(true);
    try {
      const made = await reportsApi.create(input);
      message.success(t('report.generated'));
      void qc.invalidateQueries({ queryKey: ['reports'] });
      onClose();
      navigate(`/reports/${made.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e, FIELDS, { from: 'range', to: 'range' })) message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('report.generate')}
      okText={t('report.generate')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('report.generateHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'year', year: thisYear, half: 1, templateId: BUILT_IN }}>
        <Form.Item name="kind" label={t('report.kind')}>
          <Radio.Group optionType="button" options={(['year', 'half', 'custom'] as const).map((k) => ({ value: k, label: t(`report.kind.${k}`) }))} />
        </Form.Item>
        {kind !== 'custom' && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
            <Form.Item name="year" label={t('report.year')} rules={[{ required: true, message: t('common.required', { field: t('report.year') }) }]}>
              <InputNumber min={2000} max={2100} style={{ width: 120 }} />
            </Form.Item>
            {kind === 'half' && (
              <Form.Item name="half" label={t('report.half')}>
                <Radio.Group options={[1, 2].map((h) => ({ value: h, label: t(`report.half.${h as 1 | 2}`) }))} />
              </Form.Item>
            )}
          </div>
        )}
        {kind === 'custom' && (
          <Form.Item name="range" label={t('report.range')} rules={[{ required: true, message: t('common.required', { field: t('report.range') }) }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} placeholder={[t('report.from'), t('report.to')]} />
          </Form.Item>
        )}
        <Form.Item name="templateId" label={t('report.template')}>
          <Select
            loading={templates.isLoading}
            options={[{ value: BUILT_IN, label: t('report.template.builtIn') }, ...(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('report.titleOptional')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
