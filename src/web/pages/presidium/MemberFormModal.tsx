import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.ts';
import { POSITIONS, type PresidiumMember, type PresidiumMemberUpdate, type PresidiumPosition, presidiumApi } from '../../api/presidium.ts';
import { useT } from '../../i18n/index.tsx';
import { DeputySearchSelect } from './DeputySearchSelect.tsx';

const FIELDS = ['deputyId', 'position', 'startDate', 'endDate', 'sortOrder'] as const;
type Values = { deputyId?: string; position: PresidiumPosition; startDate: Dayjs; endDate?: Dayjs | null; sortOrder?: number | null };

type Props = {
  termId: string;
  termName?: string;
  /** The member to edit; without one the form adds a member. */
  member?: PresidiumMember;
  members: PresidiumMember[];
  onClose: () => void;
};

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/**
 * (Mounted while open.) Add a deputy of the term to the presidium, or edit a member's position, dates and order. Leaving
 * the presidium is an end date (离任日期), not a deletion: past members stay on the record.
 */
export function MemberFormModal({ termId, termName, member, members, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  // Mounted for one edit: the values are read once, so a refetch behind the dialog does not reset them.
  const [initial] = useState<Partial<Values>>(() =>
    member
      ? { position: member.position, startDate: dayjs(member.startDate), endDate: member.endDate ? dayjs(member.endDate) : null, sortOrder: member.sortOrder }
      : { position: 'member', startDate: dayjs(), sortOrder: members.reduce((m, x) => Math.max(m, x.sortOrder), 0) + 1 },
  );

  async function submit(v: Values) {
    setSaving(true);
    try {
      if (member) {
        const after: PresidiumMemberUpdate = {
          position: v.position,
          startDate: day(v.startDate) ?? undefined,
          endDate: day(v.endDate),
          sortOrder: v.sortOrder ?? 0,
        };
        const patch: PresidiumMemberUpdate = {};
        for (const k of Object.keys(after) as (keyof PresidiumMemberUpdate)[]) {
          if ((after[k] ?? null) !== (member[k] ?? null)) Object.assign(patch, { [k]: after[k] });
        }
        if (Object.keys(patch).length) await presidiumApi.updateMember(member.id, patch);
      } else {
        await presidiumApi.createMember({
          termId,
          deputyId: v.deputyId as string,
          position: v.position,
          startDate: day(v.startDate) as string,
          sortOrder: v.sortOrder ?? undefined,
        });
      }
      void qc.invalidateQueries({ queryKey: ['presidium'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      message.success(member ? t('common.saved') : t('common.created'));
      onClose();
    } catch (e) {
      // 400 and 409 name their field: a deputy already on the presidium, a second current chair, dates.
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  const onPresidium = new Set(members.map((m) => m.deputyId));
  return (
    <Modal
      open
      title={member ? t('presidium.editTitle', { name: member.deputyName }) : t('presidium.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      {termName && <Typography.Paragraph type="secondary">{t('presidium.ofTerm', { term: termName })}</Typography.Paragraph>}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        {!member && (
          <Form.Item
            name="deputyId"
            label={t('presidium.deputyField')}
            extra={t('presidium.deputyHint')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('presidium.deputyField') }) }]}
          >
            <DeputySearchSelect
              termId={termId}
              placeholder={t('presidium.searchDeputy')}
              unavailable={(id) => onPresidium.has(id)}
              note={(id) => (onPresidium.has(id) ? t('presidium.alreadyMember') : null)}
            />
          </Form.Item>
        )}
        <Form.Item
          name="position"
          label={t('presidium.position')}
          extra={t('presidium.chairHint')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('presidium.position') }) }]}
        >
          <Radio.Group optionType="button" options={POSITIONS.map((p) => ({ value: p, label: t.enum('position', p) }))} />
        </Form.Item>
        <Form.Item
          name="startDate"
          label={t('presidium.startDate')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('presidium.startDate') }) }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {member && (
          <Form.Item
            name="endDate"
            label={t('presidium.endDate')}
            extra={t('presidium.endDateHint')}
            dependencies={['startDate']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null) => {
                  const start: Dayjs | undefined = getFieldValue('startDate');
                  return !v || !start || !v.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('presidium.endBeforeStart')));
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="sortOrder" label={t('presidium.sortOrder')} extra={t('presidium.sortOrderHint')}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
