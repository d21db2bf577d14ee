import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { applyServerErrors } from '../../api/form-errors.ts';
import { DEFAULT_SCALE_POINTS, REVIEW_KINDS, type ReviewKind, type ScalePoints, reviewsApi } from '../../api/reviews.ts';
import { stationsApi } from '../../api/stations.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { PERIOD_PATTERN, currentPeriod } from './reviewFormat.ts';

type Values = { kind: ReviewKind; stationId: string; period: string; scalePoints: ScalePoints };
const FIELDS = ['kind', 'stationId', 'period', 'scalePoints'] as const;
const RATING_KEYS = ['satisfied', 'basic', 'dissatisfied'] as const;

/** New peer review (a station and a month) or voter review (a station and a quarter). */
export function ReviewFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const stations = useQuery({ queryKey: ['stations'], queryFn: () => stationsApi.list(), enabled: open });
  const kind = Form.useWatch('kind', form) ?? 'peer_review';

  useEffect(() => {
    if (open) form.setFieldsValue({ kind: 'peer_review', period: currentPeriod('peer_review'), scalePoints: DEFAULT_SCALE_POINTS });
  }, [open, form]);

  async function submit(v: Values) {
    setSaving(true);
    try {
      const made = await reviewsApi.create({ kind: v.kind, stationId: v.stationId, period: v.period.trim().toUpperCase(), scalePoints: v.scalePoints });
      message.success(t('common.created'));
      void qc.invalidateQueries({ queryKey: ['reviews'] });
      onClose();
      navigate(`/reviews/${made.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('review.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kind" label={t('review.kind')}>
          <Radio.Group
            onChange={(e) => form.setFieldValue('period', currentPeriod(e.target.value as ReviewKind))}
            options={REVIEW_KINDS.map((k) => ({ value: k, label: t(`review.kind.${k}` as MsgKey) }))}
          />
        </Form.Item>
        <Form.Item name="stationId" label={t('review.station')} rules={[{ required: true, message: t('common.required', { field: t('review.station') }) }]}>
          <Select optionFilterProp="label" loading={stations.isLoading} options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('review.period')}
          extra={t(`review.periodHint.${kind}` as MsgKey)}
          rules={[
            { required: true, message: t('common.required', { field: t('review.period') }) },
            { pattern: PERIOD_PATTERN[kind], message: t(`review.periodHint.${kind}` as MsgKey) },
          ]}
        >
          <Input style={{ width: 160 }} />
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, marginBottom: 4 }}>{t('review.points')}</legend>
          <p style={{ fontSize: 12, color: '#555', margin: '0 0 8px' }}>{t('review.pointsHint')}</p>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            {RATING_KEYS.map((k) => (
              <Form.Item key={k} name={['scalePoints', k]} label={t(`appraisal.rating.${k}` as MsgKey)} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} style={{ width: 100 }} />
              </Form.Item>
            ))}
          </div>
        </fieldset>
      </Form>
    </Modal>
  );
}
