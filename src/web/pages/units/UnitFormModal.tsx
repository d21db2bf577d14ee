import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { UNIT_KINDS, type Unit, type UnitInput, unitsApi } from '../../api/units.ts';
import { useT } from '../../i18n/index.tsx';

const FIELDS = ['code', 'name', 'kind', 'contactName', 'contactPhone', 'address', 'active'] as const;

function changed(before: Unit, after: UnitInput): Partial<UnitInput> {
  const out: Partial<UnitInput> = {};
  for (const k of Object.keys(after) as (keyof UnitInput)[]) {
    if ((before[k] ?? '') !== (after[k] ?? '')) (out as Record<string, unknown>)[k] = after[k];
  }
  return out;
}

/** Create or edit a handling unit; `unit` undefined means create. */
export function UnitFormModal({ open, unit, onClose }: { open: boolean; unit?: Unit; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<UnitInput>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open)
      form.setFieldsValue(unit ? { ...unit } : { code: '', name: '', kind: 'town_office', contactName: '', contactPhone: '', address: '', active: true });
  }, [open, unit, form]);

  async function submit(v: UnitInput) {
    setSaving(true);
    const input: UnitInput = {
      ...v,
      code: v.code?.trim() || undefined,
      name: v.name.trim(),
      contactName: v.contactName?.trim() ?? '',
      contactPhone: v.contactPhone?.trim() ?? '',
      address: v.address?.trim() ?? '',
    };
    try {
      if (unit) await unitsApi.update(unit.id, { ...changed(unit, input), version: unit.version });
      else await unitsApi.create(input);
      void qc.invalidateQueries({ queryKey: ['units'] });
      message.success(unit ? t('common.saved') : t('common.created'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && unit) {
        message.warning(t('common.conflict'), 6);
        void qc.invalidateQueries({ queryKey: ['units'] });
        onClose();
      } else if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={unit ? t('unit.editTitle') : t('unit.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('unit.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('unit.name') }) }, { max: 100 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('unit.code')}
          extra={unit ? undefined : t('unit.codeHint')}
          rules={[{ pattern: /^[A-Za-z0-9_-]*$/, message: t('unit.codeInvalid') }, { max: 32 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('unit.kind')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('unit.kind') }) }]}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t.enum('unitKind', k) }))} />
        </Form.Item>
        <Form.Item name="contactName" label={t('unit.contactName')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('unit.contactPhone')} rules={[{ max: 30 }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t('unit.address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="active" label={t('unit.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
