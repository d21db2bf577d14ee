import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { NOTIFICATIONS_KEY, notificationsApi } from '../api/notifications.ts';
import { useT } from '../i18n/index.tsx';

/** The header's bell: the unread count (checked every minute) and the way to the notifications page. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => notificationsApi.list({ unread: 'true', pageSize: 1 }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  const n = q.data?.unread ?? 0;
  return (
    <Badge count={n} size="small" overflowCount={99} offset={[-4, 4]}>
      <Button
        type="text"
        icon={<BellOutlined style={{ fontSize: 18 }} />}
        aria-label={n ? t('notice.bellUnread', { n }) : t('notice.bell')}
        onClick={() => navigate('/notifications')}
      />
    </Badge>
  );
}
