import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Skeleton, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { portalApi } from '../../api/portal.ts';
import { Pill } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import { usePortal, usePortalTitle } from './PortalLayout.tsx';
import { CODE_RE, STAGE_TONE, cleanCode } from './portalFormat.ts';

/**
 * 查询进度: the opinion behind a tracking code, its public stage and steps, and the answer. Everything
 * the resident wrote is shown as text (React escapes it), never as markup.
 */
export default function PortalTrackPage() {
  const t = useT();
  const { portal } = usePortal();
  usePortalTitle(t('portal.track.title'), portal.town.name);
  const [sp, setSp] = useSearchParams();
  const code = cleanCode(sp.get('code') ?? '');
  const [typed, setTyped] = useState(code);
  const [bad, setBad] = useState(false);
  useEffect(() => setTyped(code), [code]);
  const q = useQuery({ queryKey: ['portal', 'track', code], queryFn: () => portalApi.track(code), enabled: CODE_RE.test(code), retry: false });

  function lookUp() {
    const c = cleanCode(typed);
    if (!CODE_RE.test(c)) return setBad(true);
    setBad(false);
    if (c === code) void q.refetch();
    else setSp({ code: c });
  }

  const notFound = q.error instanceof ApiError && q.error.status === 404;
  const r = q.data;
  return (
    <>
      <h1>{t('portal.track.title')}</h1>
      <Form layout="vertical" size="large" onFinish={lookUp}>
        <Form.Item
          label={t('portal.track.code')}
          htmlFor="portal-track-code"
          validateStatus={bad ? 'error' : undefined}
          help={bad ? t('portal.track.codeBad') : undefined}
        >
          <div style={{ display: 'flex', gap: 8 }}>
            <Input
              id="portal-track-code"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder={t('portal.track.codePlaceholder')}
              maxLength={16}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              style={{ textTransform: 'uppercase', letterSpacing: 2 }}
            />
            <Button type="primary" htmlType="submit" style={{ minHeight: 40 }}>
              {t('portal.track.query')}
            </Button>
          </div>
        </Form.Item>
      </Form>
      {q.isFetching && !r ? (
        <Skeleton active />
      ) : notFound ? (
        <Alert role="alert" type="warning" showIcon title={t('portal.track.notFound')} />
      ) : q.error ? (
        <Alert role="alert" type="error" showIcon title={(q.error as Error).message} />
      ) : r ? (
        <Card size="small" aria-live="polite">
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
            <h2 style={{ margin: 0 }}>{t('portal.track.stage')}</h2>
            <Pill tone={STAGE_TONE[r.stage]}>{t(`portal.stage.${r.stage}`)}</Pill>
          </div>
          <dl className="portal-facts" style={{ marginBottom: 12 }}>
            <dt>{t('portal.track.receivedAt')}</dt>
            <dd>{r.steps[0]?.date}</dd>
            <dt>{t('portal.track.target')}</dt>
            <dd>{r.target.name}</dd>
            <dt>{t('portal.track.category')}</dt>
            <dd>{r.category}</dd>
          </dl>
          <h2>{t('portal.track.progress')}</h2>
          <Timeline
            style={{ marginTop: 8 }}
            items={r.steps.map((s) => ({
              key: `${s.stage}-${s.date}`,
              content: (
                <>
                  <strong>{t(`portal.stage.${s.stage}`)}</strong> <span>{s.date}</span>
                </>
              ),
            }))}
          />
          <h2>{r.declineReason ? t('portal.track.declineReason') : t('portal.track.answer')}</h2>
          <p className="portal-text" data-testid="track-answer">
            {r.declineReason ?? r.answer ?? t('portal.track.noAnswer')}
          </p>
          <h2 style={{ marginTop: 16 }}>{t('portal.track.content')}</h2>
          <p className="portal-text" data-testid="track-content">
            {r.content}
          </p>
        </Card>
      ) : null}
    </>
  );
}
