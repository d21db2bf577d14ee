import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { authApi } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { ME_KEY, useMeQuery } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';

/** Only paths inside this app, so a crafted link cannot send the user elsewhere after login. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [sp] = useSearchParams();
  const next = safeNext(sp.get('next'));
  const { data: me } = useMeQuery();
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('login.submit')} - ${t('app.title')}`;
  }, [t]);

  if (me) return <Navigate to={next} replace />;

  async function submit(v: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const who = await authApi.login(v.username.trim(), v.password);
      qc.setQueryData(ME_KEY, who);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  const locked = error instanceof ApiError && error.status === 429;

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: 'linear-gradient(160deg, #fdecea 0%, #f5f5f5 60%)' }}>
      <div style={{ position: 'absolute', top: 8, right: 8 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0, textAlign: 'center' }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {error && (
          <Alert
            role="alert"
            type="error"
            showIcon
            title={locked ? t('login.locked') : error.message}
            description={locked ? error.message : undefined}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/p">{t('portal.loginLink')}</Link>
        </div>
      </Card>
    </main>
  );
}
