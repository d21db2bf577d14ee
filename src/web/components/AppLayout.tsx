import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Typography } from 'antd';
import { useState } from 'react';
import { Outlet } from 'react-router-dom';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { useMe } from '../hooks/useMe.ts';
import { useT } from '../i18n/index.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { SideMenu } from './SideMenu.tsx';
import { TownSwitcher } from './TownSwitcher.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in frame: header, side menu (a drawer on phones) and the page. */
export function AppLayout() {
  const me = useMe();
  const t = useT();
  const mobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const county = me.user.role === 'county_admin';
  const place = me.town?.name ?? me.county.name;
  // On a desktop a county administrator sees the county here and the town in the switcher beside it.
  const heading = mobile ? place : `${t('app.title')} · ${county ? me.county.name : place}`;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #e8e8e8', position: 'sticky', top: 0, zIndex: 10 }}>
        {mobile && (
          <Button type="text" icon={<MenuOutlined />} aria-label={t('common.openMenu')} aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)} />
        )}
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }}>
          {heading}
        </Typography.Text>
        {county && !mobile && <TownSwitcher />}
        <div style={{ flex: 1 }} />
        <NotificationBell />
        <LanguageSwitch compact={mobile} />
        <UserMenu compact={mobile} />
      </Layout.Header>
      <Layout>
        {!mobile && (
          <Layout.Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid #e8e8e8' }}>
            <SideMenu />
          </Layout.Sider>
        )}
        <Layout.Content id="main-content" tabIndex={-1} className="main-content" style={{ outline: 'none' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      {mobile && (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={260} title={t('app.title')} styles={{ body: { padding: 0 } }}>
          {county && (
            <div style={{ padding: 12 }}>
              <TownSwitcher block />
            </div>
          )}
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
