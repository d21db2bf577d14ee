import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { authApi } from '../api/auth.ts';
import { applyServerErrors } from '../api/form-errors.ts';
import { ME_KEY } from '../hooks/useMe.ts';
import { useT } from '../i18n/index.tsx';

type Values = { currentPassword: string; newPassword: string; confirm: string };
const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Change one's own password; `forced` after an administrator set it (the dialog cannot be dismissed). */
export function ChangePasswordDialog({ open, forced = false, onClose }: { open: boolean; forced?: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  async function submit(v: Values) {
    setSaving(true);
    try {
      await authApi.changePassword(v.currentPassword, v.newPassword);
      message.success(t('password.changed'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ME_KEY });
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const strength = (_: unknown, value: string) => {
    if (!value) return Promise.resolve();
    if (value.length < 8) return Promise.reject(new Error(t('password.tooShort')));
    const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
    return kinds < 2 ? Promise.reject(new Error(t('password.tooSimple'))) : Promise.resolve();
  };

  return (
    <Modal
      open={open}
      title={forced ? t('password.forcedTitle') : t('password.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: !forced }}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      confirmLoading={saving}
      destroyOnHidden
    >
      {forced && <Alert type="info" showIcon title={t('password.forcedHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.rule')}
          rules={[{ required: true, message: t('common.required', { field: t('password.new') }) }, { validator: strength }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { field: t('password.confirm') }) },
            ({ getFieldValue }) => ({
              validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
