import { FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Space } from 'antd';
import { Link } from 'react-router-dom';
import { documentsApi } from '../../api/documents.ts';
import { useT } from '../../i18n/index.tsx';

/**
 * For a deputy's home page: how many documents wait to be read, and how many of them were reminded
 * (催阅). The system sends no SMS; this badge is the reminder the deputy sees on their phone.
 */
export function MyDocumentsCard() {
  const t = useT();
  const q = useQuery({ queryKey: ['documents', 'mine', 'badge'], queryFn: () => documentsApi.mine({ unread: '1', pageSize: 1 }) });
  const c = q.data?.counts;
  if (!c || c.total === 0) return null;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('document.homeCard')}</h2>}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Badge count={c.unread} color={c.reminded > 0 ? '#c62828' : '#0d47a1'}>
            <FileTextOutlined style={{ fontSize: 28 }} aria-hidden />
          </Badge>
          <span>{c.unread > 0 ? t(c.reminded > 0 ? 'document.mineUnreadBadge' : 'document.mineUnread', { unread: c.unread, reminded: c.reminded }) : t('document.mineAllRead')}</span>
        </Space>
        <Link to="/my/documents">{t('document.homeLink')}</Link>
      </Space>
    </Card>
  );
}
