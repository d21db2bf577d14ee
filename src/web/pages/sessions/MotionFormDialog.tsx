import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type Motion, PROPOSER_TYPES, type PoolDeputy, type ProposerType, motionsApi } from '../../api/motions.ts';
import { useT } from '../../i18n/index.tsx';

type Values = {
  proposerType: ProposerType;
  subject: string;
  grounds?: string;
  solution?: string;
  submittedOn?: Dayjs | null;
  leadDeputyId?: string;
  coSponsorIds?: string[];
};
const FIELDS = ['proposerType', 'subject', 'grounds', 'solution', 'submittedOn', 'leadDeputyId', 'coSponsorIds'] as const;

/** How many distinct deputies sponsor: the lead and the co-sponsors, the lead counted once. */
export function sponsorCount(lead: string | undefined, co: readonly string[] | undefined): number {
  return new Set([...(lead ? [lead] : []), ...(co ?? [])]).size;
}

/**
 * Register a motion, or edit one still submitted. By deputies: a lead and co-sponsors picked from the
 * session's deputies (searchable by name or code), at least `minSponsors` in all — counted live and
 * enforced before sending; the server checks the same rule.
 */
export function MotionFormDialog({
  sessionId,
  motion,
  pool,
  minSponsors,
  onClose,
  onSaved,
}: {
  sessionId: string;
  motion?: Motion;
  pool: PoolDeputy[];
  minSponsors: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const proposerType = Form.useWatch('proposerType', form) ?? motion?.proposerType ?? 'deputies';
  const lead = Form.useWatch('leadDeputyId', form);
  const co = Form.useWatch('coSponsorIds', form);
  const n = sponsorCount(lead, co);
  const short = Math.max(0, minSponsors - n);
  const [initial] = useState<Partial<Values>>(() =>
    motion
      ? {
          proposerType: motion.proposerType,
          subject: motion.subject,
          grounds: motion.grounds,
          solution: motion.solution,
          submittedOn: dayjs(motion.submittedOn),
          leadDeputyId: motion.sponsors.find((s) => s.role === 'lead')?.deputyId,
          coSponsorIds: motion.sponsors.filter((s) => s.role === 'co').map((s) => s.deputyId),
        }
      : { proposerType: 'deputies', submittedOn: dayjs(), coSponsorIds: [] },
  );
  const options = pool.map((d) => ({ value: d.deputyId, label: `${d.name}（${d.code}）` }));
  const filter = (input: string, opt?: { label: string }) => (opt?.label ?? '').toLowerCase().includes(input.trim().toLowerCase());

  async function submit(v: Values) {
    const byDeputies = v.proposerType === 'deputies';
    if (byDeputies && sponsorCount(v.leadDeputyId, v.coSponsorIds) < minSponsors) {
      form.setFields([{ name: 'coSponsorIds', errors: [t('motion.sponsorRule', { min: minSponsors })] }]);
      return;
    }
    const body = {
      proposerType: v.proposerType,
      subject: v.subject,
      grounds: v.grounds ?? '',
      solution: v.solution ?? '',
      submittedOn: v.submittedOn ? v.submittedOn.format('YYYY-MM-DD') : undefined,
      leadDeputyId: byDeputies ? (v.leadDeputyId ?? null) : null,
      coSponsorIds: byDeputies ? (v.coSponsorIds ?? []).filter((id) => id !== v.leadDeputyId) : [],
    };
    setSaving(true);
    try {
      if (motion) await motionsApi.update(sessionId, motion.id, { ...body, version: motion.version });
      else await motionsApi.create(sessionId, body);
      message.success(motion ? t('common.saved') : t('motion.registered'));
      onSaved();
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={motion ? `${t('motion.edit')} ${t('motion.numberOf', { n: motion.number })}` : t('motion.register')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark="optional">
        <Form.Item name="proposerType" label={t('motion.proposer')} rules={[{ required: true }]}>
          <Radio.Group
            options={PROPOSER_TYPES.map((p) => ({ value: p, label: t(`motion.proposer.${p}`) }))}
            optionType="button"
            onChange={() => form.setFields([{ name: 'coSponsorIds', errors: [] }])}
          />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('motion.subject')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('motion.subject') }) }, { max: 100 }]}
        >
          <Input maxLength={100} showCount />
        </Form.Item>
        {proposerType === 'deputies' ? (
          <>
            <Alert
              type={short > 0 ? 'warning' : 'success'}
              showIcon
              style={{ marginBottom: 12 }}
              message={t('motion.sponsorRule', { min: minSponsors })}
              description={<span aria-live="polite">{short > 0 ? t('motion.sponsorShort', { n, short }) : t('motion.sponsorOk', { n })}</span>}
            />
            <Form.Item
              name="leadDeputyId"
              label={t('motion.lead')}
              rules={[{ required: true, message: t('common.requiredSelect', { field: t('motion.lead') }) }]}
            >
              <Select
                showSearch
                allowClear
                options={options}
                filterOption={filter}
                placeholder={t('motion.sponsorPlaceholder')}
                aria-label={t('motion.lead')}
              />
            </Form.Item>
            <Form.Item name="coSponsorIds" label={t('motion.coSponsors')}>
              <Select
                mode="multiple"
                showSearch
                allowClear
                options={options.filter((o) => o.value !== lead)}
                filterOption={filter}
                placeholder={t('motion.sponsorPlaceholder')}
                aria-label={t('motion.coSponsors')}
              />
            </Form.Item>
          </>
        ) : (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('motion.noSponsorsNeeded')} />
        )}
        <Form.Item name="grounds" label={t('motion.grounds')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="solution" label={t('motion.solution')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="submittedOn" label={t('motion.submittedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
