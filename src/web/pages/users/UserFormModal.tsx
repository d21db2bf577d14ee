import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { ROLES, type Role } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { deputiesApi } from '../../api/deputies.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { unitsApi } from '../../api/units.ts';
import { type User, usersApi } from '../../api/users.ts';
import { useStationOptions } from '../../hooks/useLookups.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';

type Values = {
  username: string;
  displayName: string;
  phone?: string;
  role: Role;
  deputyId?: string;
  unitId?: string;
  stationId?: string;
  password?: string;
  active?: boolean;
};
const FIELDS = ['username', 'displayName', 'phone', 'role', 'deputyId', 'unitId', 'stationId', 'password', 'active'] as const;

/** Create an account (with an initial password) or edit one; the role decides which link is asked for. */
export function UserFormModal({ open, user, onClose }: { open: boolean; user?: User; onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);
  const stations = useStationOptions();
  const deputies = useQuery({
    queryKey: ['deputies', 'list', { pageSize: 200 }],
    queryFn: () => deputiesApi.list({ pageSize: 200 }),
    enabled: open && role === 'deputy',
  });
  const units = useQuery({ queryKey: ['units', { pageSize: 200 }], queryFn: () => unitsApi.list({ pageSize: 200 }), enabled: open && role === 'handler' });
  const roles = me.user.role === 'county_admin' ? ROLES : ROLES.filter((r) => r !== 'county_admin');

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      user
        ? { ...user, phone: user.phone ?? '', deputyId: user.deputyId ?? undefined, unitId: user.unitId ?? undefined, stationId: user.stationId ?? undefined }
        : { role: 'deputy', active: true },
    );
  }, [open, user, form]);

  async function submit(v: Values) {
    setSaving(true);
    const links = {
      deputyId: v.role === 'deputy' ? v.deputyId : undefined,
      unitId: v.role === 'handler' ? v.unitId : undefined,
      stationId: v.role === 'liaison' ? v.stationId : undefined,
    };
    try {
      if (user) {
        await usersApi.update(user.id, {
          displayName: v.displayName.trim(),
          phone: v.phone?.trim() || undefined,
          role: v.role,
          ...links,
          active: v.active,
          version: user.version,
        });
      } else {
        await usersApi.create({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          phone: v.phone?.trim() || undefined,
          role: v.role,
          ...links,
          password: v.password ?? '',
        });
      }
      void qc.invalidateQueries({ queryKey: ['users'] });
      message.success(user ? t('common.saved') : t('common.created'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && user) {
        message.warning(t('common.conflict'), 6);
        void qc.invalidateQueries({ queryKey: ['users'] });
        onClose();
      } else if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const required = (label: string, select = false) => ({ required: true, message: t(select ? 'common.requiredSelect' : 'common.required', { field: label }) });
  return (
    <Modal
      open={open}
      title={user ? t('user.editTitle') : t('user.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t('user.username')} rules={[required(t('user.username'))]}>
          <Input autoComplete="off" disabled={!!user} />
        </Form.Item>
        <Form.Item name="displayName" label={t('user.displayName')} rules={[required(t('user.displayName'))]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('user.phone')}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')} rules={[required(t('user.role'), true)]}>
          <Select options={roles.map((r) => ({ value: r, label: t.enum('role', r) }))} />
        </Form.Item>
        {role === 'deputy' && (
          <Form.Item name="deputyId" label={t('user.deputy')} rules={[required(t('user.deputy'), true)]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={deputies.isFetching}
              options={(deputies.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))}
            />
          </Form.Item>
        )}
        {role === 'handler' && (
          <Form.Item name="unitId" label={t('user.unit')} rules={[required(t('user.unit'), true)]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isFetching}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        {role === 'liaison' && (
          <Form.Item name="stationId" label={t('user.station')} rules={[required(t('user.station'), true)]}>
            <Select options={stations} />
          </Form.Item>
        )}
        {user ? (
          <Form.Item name="active" label={t('user.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <Form.Item name="password" label={t('user.password')} extra={t('password.rule')} rules={[required(t('user.password'))]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
