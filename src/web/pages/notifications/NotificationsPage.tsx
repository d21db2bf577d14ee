import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, List, Skeleton, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { type Notification, NOTIFICATIONS_KEY, notificationsApi } from '../../api/notifications.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pill } from '../../components/Pill.tsx';
import { useUrlParams } from '../../hooks/useUrlParams.ts';
import { useT } from '../../i18n/index.tsx';

const KEYS = ['unread'] as const;

/** A UTC timestamp as China time, minutes. */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The caller's own reminder address; mail goes out only when the server has SMTP set. */
function MailCard() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email: string }>();
  const q = useQuery({ queryKey: [...NOTIFICATIONS_KEY, 'settings'], queryFn: notificationsApi.settings });
  const save = useMutation({
    mutationFn: (email: string | null) => notificationsApi.saveSettings(email),
    onSuccess: (r) => message.success(t(r.email ? 'notice.emailSaved' : 'notice.emailCleared')),
    onError: (e) => message.error((e as Error).message),
  });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (q.error) return <LoadError error={q.error} />;
  return (
    <Card size="small" title={t('notice.email')}>
      <Typography.Paragraph type="secondary">{q.data.mailEnabled ? t('notice.emailHint') : t('notice.emailDisabled')}</Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={{ email: q.data.email ?? '' }} onFinish={(v) => save.mutate(v.email.trim() || null)}>
        <Form.Item
          name="email"
          label={t('notice.email')}
          rules={[{ type: 'email', message: t('notice.emailPlaceholder') }]}
          style={{ minWidth: 260, flex: '1 1 260px' }}
        >
          <Input type="email" autoComplete="email" placeholder={t('notice.emailPlaceholder')} maxLength={254} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** 消息通知: the caller's notifications, newest first; opening one marks it read. */
export default function NotificationsPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { values, page, pageSize, set } = useUrlParams(KEYS);
  const unreadOnly = values.unread === 'true';
  const q = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', unreadOnly, page, pageSize],
    queryFn: () => notificationsApi.list({ unread: unreadOnly ? 'true' : undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const read = useMutation({ mutationFn: notificationsApi.read, onSuccess: () => void refresh() });
  const readAll = useMutation({
    mutationFn: notificationsApi.readAll,
    onSuccess: () => {
      message.success(t('notice.readAllDone'));
      void refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });
  const open = async (n: Notification) => {
    if (!n.readAt) await read.mutateAsync(n.id).catch(() => undefined);
    if (n.link) navigate(n.link);
  };

  return (
    <div>
      <PageHeader
        title={t('notice.title')}
        extra={
          <Button onClick={() => readAll.mutate()} loading={readAll.isPending} disabled={!q.data?.unread}>
            {t('notice.readAll')}
          </Button>
        }
      />
      <div className="page-toolbar" style={{ marginBottom: 12 }}>
        <Checkbox checked={unreadOnly} onChange={(e) => set({ unread: e.target.checked ? 'true' : undefined })}>
          {t('notice.unreadOnly')}
        </Checkbox>
      </div>
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <List<Notification>
          bordered
          dataSource={q.data.items}
          locale={{ emptyText: t('notice.empty') }}
          pagination={
            q.data.total > pageSize
              ? { current: page, pageSize, total: q.data.total, onChange: (p, s) => set({ page: p, pageSize: s }), showSizeChanger: false, size: 'small' }
              : false
          }
          renderItem={(n) => (
            <List.Item
              style={{ background: n.readAt ? undefined : '#f6faff', flexWrap: 'wrap', gap: 8 }}
              actions={[
                n.link ? (
                  <Button key="open" type="link" size="small" onClick={() => void open(n)}>
                    {t('notice.open')}
                  </Button>
                ) : null,
                !n.readAt ? (
                  <Button key="read" type="link" size="small" onClick={() => read.mutate(n.id)}>
                    {t('notice.markRead')}
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space size={8} wrap>
                    {!n.readAt && <Pill tone="info">{t('notice.unread')}</Pill>}
                    <Typography.Text strong={!n.readAt} style={{ overflowWrap: 'anywhere' }}>
                      {n.title}
                    </Typography.Text>
                  </Space>
                }
                description={
                  <>
                    {n.body && <div style={{ overflowWrap: 'anywhere', color: '#444' }}>{n.body}</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {chinaTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <div style={{ marginTop: 16 }}>
        <MailCard />
      </div>
    </div>
  );
}
