import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { type Town, type TownInput, regionsApi } from '../../api/regions.ts';
import { ME_KEY } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { refreshAfterRegionWrite, showSaveError } from './regionForms.ts';
import { CODE_PATTERN, changedFields } from './regionRules.ts';

const FIELDS = ['code', 'name', 'population'] as const;

/** Add a town to the county or edit one (county_admin only); the code is fixed once the town exists. */
export function TownFormModal({ open, town, onClose }: { open: boolean; town?: Town; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TownInput>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    // The form instance outlives the dialog: clear what the last one typed.
    form.resetFields();
    if (town) form.setFieldsValue({ code: town.code, name: town.name, population: town.population });
  }, [open, town, form]);

  async function submit(v: TownInput) {
    setSaving(true);
    const input: TownInput = { code: v.code.trim(), name: v.name.trim(), population: v.population ?? null };
    try {
      if (town) {
        const { code: _fixed, ...patch } = changedFields<TownInput>(town, input);
        if (Object.keys(patch).length) await regionsApi.updateTown(town.id, patch);
      } else await regionsApi.createTown(input);
      refreshAfterRegionWrite(qc, 'towns');
      // The town switcher in the header lists the towns from the signed-in user's answer.
      void qc.invalidateQueries({ queryKey: ME_KEY });
      message.success(town ? t('common.saved') : t('common.created'));
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
      title={town ? t('region.editTown', { name: town.name }) : t('region.addTown')}
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
          extra={town ? t('region.townCodeFixed') : t('region.townCodeHint')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('common.code') }) },
            { pattern: CODE_PATTERN, message: t('region.codeInvalid') },
            { max: 32 },
          ]}
        >
          <Input autoComplete="off" disabled={!!town} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('common.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) }, { max: 50 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="population" label={t('region.population')}>
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
