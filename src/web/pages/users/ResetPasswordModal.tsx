import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type User, usersApi } from '../../api/users.ts';
import { useT } from '../../i18n/index.tsx';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [saving, setSaving] = useState(false);

  async function submit(v: { newPassword: string }) {
    if (!user) return;
    setSaving(true);
    try {
      await usersApi.resetPassword(user.id, v.newPassword);
      message.success(t('user.resetDone'));
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, ['newPassword'])) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={!!user}
      title={t('user.resetTitle', { name: user?.displayName ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.rule')}
          rules={[{ required: true, message: t('common.required', { field: t('password.new') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
