import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../api/auth.ts';
import { ME_KEY, useMe } from '../hooks/useMe.ts';
import { useT } from '../i18n/index.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const me = useMe();
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [pwOpen, setPwOpen] = useState(false);

  async function logout() {
    try {
      await authApi.logout();
    } catch {
      // The session may already be gone; signing out locally is what the user asked for.
    }
    qc.clear();
    qc.setQueryData(ME_KEY, null);
    message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  }

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', label: `${me.user.displayName}（${t.enum('role', me.user.role)}）`, disabled: true },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
            { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
          ],
          onClick: ({ key }) => (key === 'password' ? setPwOpen(true) : key === 'logout' ? void logout() : undefined),
        }}
      >
        <Button type="text" icon={<UserOutlined />} aria-label={`${t('header.userMenu')}: ${me.user.displayName}`}>
          {compact ? null : (
            <>
              {me.user.displayName} <DownOutlined style={{ fontSize: 10 }} />
            </>
          )}
        </Button>
      </Dropdown>
      <ChangePasswordDialog open={pwOpen} onClose={() => setPwOpen(false)} />
    </>
  );
}
