import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { VILLAGE_KINDS, type Village, type VillageInput, regionsApi } from '../../api/regions.ts';
import { useT } from '../../i18n/index.tsx';
import { refreshAfterRegionWrite, showSaveError } from './regionForms.ts';
import { CODE_PATTERN, changedFields, nextCode } from './regionRules.ts';

const FIELDS = ['code', 'name', 'kind', 'sortOrder'] as const;

/** Add a village or community, or edit one (`village` given). */
export function VillageFormModal({ open, village, onClose }: { open: boolean; village?: Village; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<VillageInput>();
  const [saving, setSaving] = useState(false);
  // Only to suggest the next code (V13 after V12) when adding.
  const all = useQuery({ queryKey: ['villages', 'all'], queryFn: regionsApi.allVillages, enabled: open && !village, staleTime: 60_000 });

  useEffect(() => {
    if (!open) return;
    // The form instance outlives the dialog: clear what the last one typed.
    form.resetFields();
    if (village) form.setFieldsValue({ code: village.code, name: village.name, kind: village.kind, sortOrder: village.sortOrder });
    else form.setFieldsValue({ kind: 'village' });
  }, [open, village, form]);

  useEffect(() => {
    if (!open || village || !all.data || form.isFieldTouched('code')) return;
    const items = all.data;
    form.setFieldsValue({
      code: nextCode(
        items.map((v) => v.code),
        'V',
      ),
      sortOrder: items.reduce((m, v) => Math.max(m, v.sortOrder), 0) + 1,
    });
  }, [open, village, all.data, form]);

  async function submit(v: VillageInput) {
    setSaving(true);
    const input: VillageInput = { code: v.code.trim(), name: v.name.trim(), kind: v.kind, sortOrder: v.sortOrder ?? 0 };
    try {
      if (village) {
        const patch = changedFields<VillageInput>(village, input);
        if (Object.keys(patch).length) await regionsApi.updateVillage(village.id, patch);
      } else await regionsApi.createVillage(input);
      refreshAfterRegionWrite(qc, 'villages', 'constituencies', 'towns', 'stations');
      message.success(village ? t('common.saved') : t('common.created'));
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
      title={village ? t('region.editVillage', { name: village.name }) : t('region.addVillage')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="code"
          label={t('common.code')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('common.code') }) },
            { pattern: CODE_PATTERN, message: t('region.codeInvalid') },
            { max: 32 },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('common.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) }, { max: 50 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('common.kind')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('common.kind') }) }]}>
          <Radio.Group options={VILLAGE_KINDS.map((k) => ({ value: k, label: t.enum('villageKind', k) }))} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('region.sortOrder')} extra={t('region.sortOrderHint')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
