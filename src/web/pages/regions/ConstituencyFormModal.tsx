import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { type Constituency, type ConstituencyInput, type Term, regionsApi } from '../../api/regions.ts';
import { useT } from '../../i18n/index.tsx';
import { refreshAfterRegionWrite, showSaveError } from './regionForms.ts';
import { CODE_PATTERN, changedFields, nextCode } from './regionRules.ts';

const FIELDS = ['code', 'name', 'seats', 'villageIds'] as const;
type Values = Omit<ConstituencyInput, 'termId'>;

type Props = { open: boolean; term: Term; constituency?: Constituency; siblings: Constituency[]; onClose: () => void };

/** Add a constituency (选区) to a term, or edit one: code, name, seats and the villages it covers. */
export function ConstituencyFormModal({ open, term, constituency, siblings, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const villages = useQuery({ queryKey: ['villages', 'all'], queryFn: regionsApi.allVillages, enabled: open, staleTime: 60_000 });

  // A village belongs to one constituency of a term: say which one holds it before the server refuses.
  const heldBy = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of siblings) if (c.id !== constituency?.id) for (const v of c.villageIds) m.set(v, c.name);
    return m;
  }, [siblings, constituency]);
  const options = (villages.data ?? []).map((v) => {
    const other = heldBy.get(v.id);
    return { value: v.id, label: v.name, search: `${v.name} ${v.code}`, hint: other ? t('region.villageHeldBy', { name: other }) : undefined };
  });

  useEffect(() => {
    if (!open) return;
    // The form instance outlives the dialog: clear what the last one typed.
    form.resetFields();
    if (constituency) form.setFieldsValue({ code: constituency.code, name: constituency.name, seats: constituency.seats, villageIds: constituency.villageIds });
    else
      form.setFieldsValue({
        code: nextCode(
          siblings.map((c) => c.code),
          'C',
        ),
        villageIds: [],
      });
  }, [open, constituency, siblings, form]);

  async function submit(v: Values) {
    setSaving(true);
    const input: Values = { code: v.code.trim(), name: v.name.trim(), seats: v.seats, villageIds: v.villageIds ?? [] };
    try {
      if (constituency) {
        const patch = changedFields<Values>(constituency, input);
        if (Object.keys(patch).length) await regionsApi.updateConstituency(constituency.id, patch);
      } else await regionsApi.createConstituency({ termId: term.id, ...input });
      refreshAfterRegionWrite(qc, 'constituencies', 'deputies');
      message.success(constituency ? t('common.saved') : t('common.created'));
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
      title={constituency ? t('region.editConstituency', { name: constituency.name }) : t('region.addConstituency')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('region.constituencyOfTerm', { term: term.name })}</Typography.Paragraph>
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
          <Input autoComplete="off" placeholder={t('region.constituencyNameExample')} />
        </Form.Item>
        <Form.Item
          name="seats"
          label={t('region.seats')}
          rules={[
            { required: true, message: t('common.required', { field: t('region.seats') }) },
            { type: 'integer', min: 1, max: 200, message: t('region.seatsRange') },
          ]}
        >
          <InputNumber min={1} max={200} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="villageIds" label={t('region.villageNames')} extra={t('region.villageOnePerTerm')}>
          <Select
            mode="multiple"
            allowClear
            loading={villages.isFetching}
            placeholder={t('region.pickVillages')}
            showSearch={{ optionFilterProp: 'search' }}
            options={options}
            optionRender={(o) => (
              <span>
                {o.data.label}
                {o.data.hint && (
                  <Typography.Text type="warning" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {o.data.hint}
                  </Typography.Text>
                )}
              </span>
            )}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
