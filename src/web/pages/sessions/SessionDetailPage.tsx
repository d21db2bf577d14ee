import { DeleteOutlined, EditOutlined, FlagOutlined, LoginOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { type SessionDetail, sessionsApi } from '../../api/sessions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ADMINS } from '../../api/auth.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole, useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import AgendaTab from './AgendaTab.tsx';
import ElectionsTab from './ElectionsTab.tsx';
import MotionsTab from './MotionsTab.tsx';
import RollTab from './RollTab.tsx';
import { QuorumIndicator, RollStatusPill, SessionStatusPill } from './SessionBits.tsx';
import { SessionFormDialog } from './SessionFormDialog.tsx';
import SessionSuggestionsTab from './SessionSuggestionsTab.tsx';
import type { SessionTabProps } from './tabProps.ts';

const TABS = ['agenda', 'roll', 'motions', 'elections', 'suggestions'] as const;

/** A deputy's own sign-in, big enough for a thumb on a phone. */
function SignInCard({ s }: { s: SessionDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const sign = useMutation({
    mutationFn: () => sessionsApi.signIn(s.id),
    onSuccess: () => {
      message.success(t('session.signInDone'));
      void qc.invalidateQueries({ queryKey: ['sessions', s.id] });
    },
    onError: (e) => message.error((e as Error).message, 6),
  });
  if (s.status === 'closed' || !s.rollTakenAt) return null;
  const me = s.me;
  return (
    <Card size="small" title={t('session.signInTitle')} style={{ marginBottom: 12 }}>
      {!me ? (
        <Typography.Text>{t('session.signInNotOnRoll')}</Typography.Text>
      ) : me.status === 'present' || me.status === 'late' ? (
        <Space>
          <RollStatusPill status={me.status} />
          <Typography.Text>{t('session.signedIn', { status: t(`session.roll.status.${me.status}`) })}</Typography.Text>
        </Space>
      ) : me.status === 'on_leave' ? (
        <RollStatusPill status="on_leave" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('session.signInHint')}</Typography.Text>
          <Button type="primary" size="large" block icon={<LoginOutlined />} loading={sign.isPending} onClick={() => sign.mutate()}>
            {t('session.signIn')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** One congress session: its header (status, quorum), the deputy's sign-in, and the tabs of its work. */
export default function SessionDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const isAdmin = useHasRole(ADMINS);
  const mobile = useIsMobile();
  const [sp, setSp] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['sessions', id, 'detail'], queryFn: () => sessionsApi.get(id) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['sessions', id] });

  const act = useMutation({
    mutationFn: (what: 'open' | 'close' | 'delete'): Promise<unknown> =>
      what === 'open' ? sessionsApi.open(id, q.data?.version) : what === 'close' ? sessionsApi.close(id, q.data?.version) : sessionsApi.remove(id),
    onSuccess: (_, what) => {
      if (what === 'delete') {
        message.success(t('session.deleted'));
        void qc.invalidateQueries({ queryKey: ['sessions', 'list'] });
        navigate('/sessions');
        return;
      }
      message.success(what === 'open' ? t('session.opened') : t('session.closed'));
      void refresh();
      void qc.invalidateQueries({ queryKey: ['sessions', 'list'] });
    },
    onError: (e) => message.error((e as Error).message, 8),
  });

  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const s = q.data;
  const can = (a: SessionDetail['actions'][number]) => s.actions.includes(a);
  const tab = TABS.includes(sp.get('tab') as (typeof TABS)[number]) ? (sp.get('tab') as string) : 'agenda';
  const tabProps: SessionTabProps = { sessionId: s.id, sessionStatus: s.status, canManage: isAdmin };

  const openSession = () => {
    const quorum = s.quorum;
    if (!quorum?.reached) {
      act.mutate('open'); // the server says why not, in words
      return;
    }
    modal.confirm({
      title: t('session.open'),
      content: t('session.openConfirm', { present: quorum.present, all: quorum.all }),
      okText: t('session.open'),
      cancelText: t('common.cancel'),
      onOk: () => act.mutateAsync('open'),
    });
  };
  const closeSession = () => {
    const n = s.roll?.expected ?? 0;
    modal.confirm({
      title: t('session.closeTitle'),
      content: n > 0 ? t('session.closeConfirm', { n }) : t('session.closeConfirmNone'),
      okText: t('session.close'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => act.mutateAsync('close'),
    });
  };
  const deleteSession = () =>
    modal.confirm({
      title: t('session.delete'),
      content: t('session.deleteConfirm', { name: s.name }),
      okText: t('session.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => act.mutateAsync('delete'),
    });

  const info = (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: mobile ? 0 : 12 }}>
      <Descriptions.Item label={t('session.code')}>{`${s.code} · ${s.shortName}`}</Descriptions.Item>
      <Descriptions.Item label={t('session.kind')}>{t(`session.kind.${s.kind}`)}</Descriptions.Item>
      <Descriptions.Item label={t('session.dates')}>{s.startDate === s.endDate ? s.startDate : `${s.startDate} – ${s.endDate}`}</Descriptions.Item>
      <Descriptions.Item label={t('session.place')}>{s.place || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('session.secretaryGeneral')}>{s.secretaryGeneral?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('session.tab.suggestions')}>{t('session.suggestionsFigures', s.suggestions)}</Descriptions.Item>
      <Descriptions.Item label={t('session.presidium')} span={3}>
        {s.presidium.length ? s.presidium.map((p) => `${p.name}${p.executive ? `（${t('session.executive')}）` : ''}`).join('、') : '—'}
      </Descriptions.Item>
      {s.notes && (
        <Descriptions.Item label={t('session.notes')} span={3}>
          {s.notes}
        </Descriptions.Item>
      )}
    </Descriptions>
  );

  return (
    <>
      <PageHeader
        back="/sessions"
        title={
          <span>
            {s.name} <SessionStatusPill status={s.status} />
          </span>
        }
        extra={
          <>
            {can('open') && (
              <Button type="primary" icon={<PlayCircleOutlined />} onClick={openSession} loading={act.isPending && act.variables === 'open'}>
                {t('session.open')}
              </Button>
            )}
            {can('close') && (
              <Button icon={<StopOutlined />} onClick={closeSession} loading={act.isPending && act.variables === 'close'}>
                {t('session.close')}
              </Button>
            )}
            {can('edit') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {can('delete') && (
              <Button danger icon={<DeleteOutlined />} onClick={deleteSession}>
                {t('session.delete')}
              </Button>
            )}
          </>
        }
      />
      {me.user.role === 'deputy' && <SignInCard s={s} />}
      <div style={{ marginBottom: 12 }}>
        <QuorumIndicator quorum={s.quorum} />
      </div>
      {s.status === 'closed' && <Alert type="info" showIcon icon={<FlagOutlined />} style={{ marginBottom: 12 }} message={t('session.closed')} />}
      {mobile ? (
        <details style={{ marginBottom: 12 }}>
          <summary style={{ cursor: 'pointer', padding: '4px 0' }}>{t('session.info')}</summary>
          {info}
        </details>
      ) : (
        info
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) =>
          setSp(
            (prev) => {
              const next = new URLSearchParams(prev);
              next.set('tab', k);
              return next;
            },
            { replace: true },
          )
        }
        items={[
          { key: 'agenda', label: t('session.tab.agenda'), children: <AgendaTab {...tabProps} session={s} /> },
          { key: 'roll', label: t('session.tab.roll'), children: <RollTab {...tabProps} session={s} /> },
          { key: 'motions', label: t('session.tab.motions'), children: <MotionsTab {...tabProps} /> },
          { key: 'elections', label: t('session.tab.elections'), children: <ElectionsTab {...tabProps} /> },
          { key: 'suggestions', label: t('session.tab.suggestions'), children: <SessionSuggestionsTab {...tabProps} /> },
        ]}
      />
      {editing && <SessionFormDialog session={s} onClose={() => setEditing(false)} onSaved={() => void refresh()} />}
    </>
  );
}
