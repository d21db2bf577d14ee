import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '../hooks/useMe.ts';
import { useT } from '../i18n/index.tsx';
import { menuRoutesFor } from '../routes.tsx';

/** The menu item for a path: the longest menu path it starts with ('/' only matches itself). */
function selectedKey(pathname: string, paths: string[]): string | undefined {
  return paths.filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`))).sort((a, b) => b.length - a.length)[0];
}

export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useMe();
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const routes = menuRoutesFor(me.user);
  const key = selectedKey(
    pathname,
    routes.map((r) => r.path),
  );
  return (
    <nav aria-label={t('nav.main')}>
      <Menu
        mode="inline"
        selectedKeys={key ? [key] : []}
        style={{ borderInlineEnd: 'none' }}
        items={routes.map((r) => ({ key: r.path, icon: r.menu?.icon, label: t(r.title) }))}
        onClick={({ key: k }) => {
          navigate(k);
          onNavigate?.();
        }}
      />
    </nav>
  );
}
