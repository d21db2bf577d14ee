import { useQuery } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type Motion, type MotionDecision, motionsApi } from '../../api/motions.ts';
import { suggestionsApi } from '../../api/suggestions.ts';
import { useT } from '../../i18n/index.tsx';

const DECISIONS: readonly MotionDecision[] = ['put_on_agenda', 'to_suggestion', 'not_accept'];

/** The presidium's decision on a submitted motion: on the agenda, as a suggestion (with its category), or not (with a reason). */
export function MotionDecideDialog({
  sessionId,
  motion,
  onClose,
  onSaved,
}: {
  sessionId: string;
  motion: Motion;
  onClose: () => void;
  /** Called with the decision recorded (as a suggestion: the suggestions lists change too). */
  onSaved: (decision: MotionDecision) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: MotionDecision; reason?: string; category?: string }>();
  const [saving, setSaving] = useState(false);
  const decision = Form.useWatch('decision', form) ?? 'put_on_agenda';
  const settings = useQuery({ queryKey: ['suggestion-settings'], queryFn: () => suggestionsApi.settings(), enabled: decision === 'to_suggestion' });
  const categories = settings.data?.categories ?? [];

  async function submit(v: { decision: MotionDecision; reason?: string; category?: string }) {
    setSaving(true);
    try {
      await motionsApi.decide(sessionId, motion.id, {
        decision: v.decision,
        reason: v.reason?.trim() || undefined,
        category: v.category,
        version: motion.version,
      });
      message.success(t('motion.decided'));
      onSaved(v.decision);
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, ['decision', 'reason', 'category'])) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('motion.decideTitle', { n: motion.number })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{motion.subject}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ decision: 'put_on_agenda' }} onFinish={submit}>
        <Form.Item name="decision" label={t('motion.decision')} rules={[{ required: true }]}>
          <Radio.Group>
            {DECISIONS.map((d) => (
              <Radio key={d} value={d} style={{ display: 'flex', marginBottom: 4 }}>
                {t(`motion.decision.${d}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t(`motion.decisionHint.${decision}`)} />
        {decision === 'to_suggestion' && (
          <Form.Item name="category" label={t('motion.category')}>
            <Select
              allowClear
              loading={settings.isLoading}
              placeholder={categories.includes('其他') ? '其他' : categories[0]}
              options={categories.map((c) => ({ value: c, label: c }))}
              aria-label={t('motion.category')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={decision === 'not_accept' ? t('motion.reason') : t('motion.reasonOptional')}
          rules={decision === 'not_accept' ? [{ required: true, whitespace: true, message: t('common.required', { field: t('motion.reason') }) }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Withdraw a motion before its vote, with the reason. */
export function MotionWithdrawDialog({ sessionId, motion, onClose, onSaved }: { sessionId: string; motion: Motion; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);

  async function submit(v: { reason: string }) {
    setSaving(true);
    try {
      await motionsApi.withdraw(sessionId, motion.id, { reason: v.reason.trim(), version: motion.version });
      message.success(t('motion.withdrawn'));
      onSaved();
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, ['reason'])) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('motion.withdrawTitle', { n: motion.number })}
      okText={t('motion.withdraw')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{motion.subject}</Typography.Paragraph>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('motion.withdrawHint')} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('motion.withdrawReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('motion.withdrawReason') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
