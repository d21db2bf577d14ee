import { Menu, type MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { matchRoutes, useLocation, useNavigate } from 'react-router-dom';
import type { Me } from '../api/auth.ts';
import { useMe } from '../hooks/useMe.ts';
import { useT } from '../i18n/index.tsx';
import { type AppRoute, appRoutes, type MenuNode, menuTreeFor, routeAllows } from '../routes.tsx';

const routeObjects = appRoutes.map((r) => ({ path: r.path }));
const byPath = new Map(appRoutes.map((r) => [r.path, r]));

/**
 * The menu entry for a path: the registry route it opens, else that route's `parent` (and so on), as
 * long as the entry is in the user's menu; otherwise the longest menu path it starts with ('/' only
 * matches itself).
 */
export function selectedMenuPath(pathname: string, user: Me['user'], menuPaths: string[]): string | undefined {
  const matched = matchRoutes(routeObjects, pathname)?.at(-1)?.route.path;
  let route: AppRoute | undefined = matched ? byPath.get(matched) : undefined;
  for (let hops = 0; route && hops < 5; hops++) {
    if (route.menu && routeAllows(route, user) && menuPaths.includes(route.path)) return route.path;
    route = route.parent ? byPath.get(route.parent) : undefined;
  }
  return menuPaths.filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`))).sort((a, b) => b.length - a.length)[0];
}

const groupKey = (key: string) => `group:${key}`;

/**
 * The side menu, in sections (MENU_GROUPS in routes.tsx). One section is open at a time: the one
 * holding the current page, which opens again whenever the page changes.
 */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useMe();
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tree = useMemo(() => menuTreeFor(me.user), [me.user]);
  const paths = tree.flatMap((n) => (n.kind === 'item' ? [n.route.path] : n.routes.map((r) => r.path)));
  const selected = selectedMenuPath(pathname, me.user, paths);
  const selectedGroup = tree.find((n): n is Extract<MenuNode, { kind: 'group' }> => n.kind === 'group' && n.routes.some((r) => r.path === selected));
  const currentOpen = selectedGroup ? [groupKey(selectedGroup.key)] : [];

  const [openKeys, setOpenKeys] = useState<string[]>(currentOpen);
  // On every change of page the current page's section opens (adjusted while rendering, not in an effect).
  const [openedFor, setOpenedFor] = useState(pathname);
  if (openedFor !== pathname) {
    setOpenedFor(pathname);
    setOpenKeys(currentOpen);
  }

  const items: MenuProps['items'] = tree.map((n) =>
    n.kind === 'item'
      ? { key: n.route.path, icon: n.route.menu?.icon, label: t(n.route.title) }
      : { key: groupKey(n.key), icon: n.icon, label: t(n.title), children: n.routes.map((r) => ({ key: r.path, icon: r.menu?.icon, label: t(r.title) })) },
  );

  return (
    <nav aria-label={t('nav.main')}>
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        openKeys={openKeys}
        // Opening a section closes the others, so the menu stays short on a phone.
        onOpenChange={(keys) => {
          const opened = keys.find((k) => !openKeys.includes(k));
          setOpenKeys(opened ? [opened] : keys);
        }}
        style={{ borderInlineEnd: 'none' }}
        items={items}
        onClick={({ key: k }) => {
          navigate(k);
          onNavigate?.();
        }}
      />
    </nav>
  );
}
