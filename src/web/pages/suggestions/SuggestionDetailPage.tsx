import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Col, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { type Suggestion, suggestionsApi } from '../../api/suggestions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { ActionModal } from './ActionModal.tsx';
import { ContentSection, FactsSection } from './SuggestionInfo.tsx';
import { ConsultationsSection, FilesSection, RatingsSection, RepliesSection, RequestsSection, Section } from './SuggestionRecords.tsx';
import { SuggestionBadges } from './SuggestionTags.tsx';
import { SuggestionTimeline } from './SuggestionTimeline.tsx';
import { CONFIRM_ONLY, DANGER_ACTIONS, orderActions, primaryAction } from './suggestionFormat.ts';
import { actionLabel } from './suggestionLabels.ts';
import { detailKey, useSuggestionAction } from './useSuggestionAction.ts';
import { useSuggestionSettings } from './useSuggestionSettings.ts';

/** Where Back goes: each role's own list. */
export function listPathFor(role: string): string {
  if (role === 'deputy') return '/my-suggestions';
  if (role === 'handler') return '/my-assignments';
  return '/suggestions';
}

/**
 * 建议详情 for every role that may read it: the facts, the deputies and offices, replies, ratings,
 * requests, consultations, attachments and the history; the buttons are exactly the server's `actions`.
 */
export default function SuggestionDetailPage() {
  const t = useT();
  const me = useMe();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: detailKey(id), queryFn: () => suggestionsApi.get(id), enabled: !!id });
  const s = q.data;
  const back = listPathFor(me.user.role);
  if (q.error) {
    return (
      <>
        <PageHeader title={t('suggestion.navDetail')} back={back} />
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  }
  if (!s) {
    return (
      <>
        <PageHeader title={t('suggestion.navDetail')} back={back} />
        <Skeleton active />
      </>
    );
  }
  return <Detail s={s} back={back} />;
}

function Detail({ s, back }: { s: Suggestion; back: string }) {
  const t = useT();
  const settings = useSuggestionSettings().data;
  const [action, setAction] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title={
          <>
            <span style={{ color: '#595959', fontWeight: 400, marginRight: 8 }}>{s.code}</span>
            {s.title}
          </>
        }
        back={back}
      />
      <div style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
        <SuggestionBadges item={s} withDue />
        {s.round === 2 && s.state !== 'rehandling' && <Typography.Text type="secondary">{t('suggestion.round', { n: 2 })}</Typography.Text>}
      </div>
      <Banners s={s} />
      <ActionBar s={s} onOpen={setAction} />
      <Row gutter={[16, 0]}>
        <Col xs={24} lg={15}>
          <FactsSection s={s} grades={settings?.grades} />
          <ContentSection s={s} />
          <RepliesSection s={s} grades={settings?.grades} />
          <RatingsSection s={s} />
          <RequestsSection s={s} />
          <ConsultationsSection s={s} />
          <FilesSection s={s} />
        </Col>
        <Col xs={24} lg={9}>
          <Section title={t('suggestion.section.timeline')}>
            <SuggestionTimeline events={s.events} />
          </Section>
        </Col>
      </Row>
      <ActionModal suggestion={s} action={action} onClose={() => setAction(null)} />
    </>
  );
}

/** What needs attention now: a request awaiting decision, re-handling, why it was not accepted or where it went. */
function Banners({ s }: { s: Suggestion }) {
  const t = useT();
  const open = [...s.requests].reverse().find((r) => r.decision === null && r.kind === s.pending);
  const banners: { key: string; type: 'warning' | 'info' | 'error'; text: string }[] = [];
  if (s.pending && open)
    banners.push({
      key: 'pending',
      type: 'warning',
      text:
        s.pending === 'return'
          ? t('suggestion.pendingBanner.return', { reason: open.reason })
          : t('suggestion.pendingBanner.extension', { reason: open.reason, date: open.requestedDue ?? '—' }),
    });
  if (s.state === 'rehandling') banners.push({ key: 'rehandling', type: 'error', text: t('suggestion.rehandlingBanner', { date: s.dueDate ?? '—' }) });
  if (s.state === 'not_accepted' && s.notAcceptedReason)
    banners.push({ key: 'na', type: 'info', text: t('suggestion.notAcceptedBanner', { reason: s.notAcceptedReason }) });
  if (s.state === 'merged' && s.mergedInto) banners.push({ key: 'merged', type: 'info', text: t('suggestion.mergedBanner', { code: s.mergedInto.code }) });
  if (!banners.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {banners.map((b) => (
        <Alert key={b.key} type={b.type} showIcon title={b.text} />
      ))}
    </Space>
  );
}

/** The buttons: exactly the actions the server lists for this caller now (plus 编辑 when it lists that). */
function ActionBar({ s, onOpen }: { s: Suggestion; onOpen: (a: string) => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const { run, busy } = useSuggestionAction();
  const actions = orderActions(s.actions);
  const primary = primaryAction(actions);
  if (!actions.length) return null;

  const confirm = (a: string) =>
    modal.confirm({
      content: t(a === 'submit' ? 'suggestion.confirm.submit' : 'suggestion.confirm.start', { title: s.title }),
      okText: actionLabel(t, a),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const res = await run(s, a, {});
        if (!res.ok) message.error(res.error instanceof ApiError ? res.error.message : String(res.error));
      },
    });

  return (
    <nav aria-label={t('common.actions')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
      {actions.map((a) => (
        <Button
          key={a}
          type={a === primary ? 'primary' : 'default'}
          danger={DANGER_ACTIONS.includes(a)}
          loading={busy && CONFIRM_ONLY.includes(a)}
          onClick={() => {
            if (a === 'edit') navigate(`/suggestions/${s.id}/edit`);
            else if (CONFIRM_ONLY.includes(a)) confirm(a);
            else onOpen(a);
          }}
        >
          {actionLabel(t, a)}
        </Button>
      ))}
    </nav>
  );
}
