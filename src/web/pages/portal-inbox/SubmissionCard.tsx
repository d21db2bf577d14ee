import { Button, Card, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { type Submission, toSuggestionLink } from '../../api/portal.ts';
import { Pill, type Tone } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import { chinaTime } from '../portal/portalFormat.ts';
import type { InboxAction } from './InboxModals.tsx';

const STATUS_TONE: Record<Submission['status'], Tone> = { received: 'warn', accepted: 'good', declined: 'dim' };

/** One resident's opinion for staff: who wrote (with the phone, to call back), to whom, what, and what was done. */
export function SubmissionCard({ s, onAction, headingLevel = 2 }: { s: Submission; onAction: (s: Submission, a: InboxAction) => void; headingLevel?: 2 | 3 }) {
  const t = useT();
  const navigate = useNavigate();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const to = s.deputy ? t('portal.inbox.toDeputy', { deputy: s.deputy.name, station: s.station?.name ?? '—' }) : (s.station?.name ?? '—');
  return (
    <Card size="small" data-testid={`submission-${s.trackingCode}`}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <H style={{ fontSize: 16, margin: 0 }}>
          <Link to={`/portal-submissions/${s.id}`}>
            {s.category} · {to}
          </Link>
        </H>
        <Pill tone={STATUS_TONE[s.status]}>{t(`portal.inbox.status.${s.status}`)}</Pill>
      </div>
      <dl className="portal-facts" style={{ marginBottom: 8 }}>
        <dt>{t('portal.inbox.receivedAt')}</dt>
        <dd>
          {chinaTime(s.createdAt)} · {t('portal.inbox.code')} {s.trackingCode}
        </dd>
        <dt>{t('portal.inbox.from')}</dt>
        <dd>
          {s.name || t('portal.inbox.anonymous')}
          {' · '}
          {s.phone ? (
            <a href={`tel:${s.phone.replace(/[^\d+]/g, '')}`} style={{ textDecoration: 'underline' }}>
              {s.phone}
            </a>
          ) : (
            t('portal.inbox.noPhone')
          )}
        </dd>
        {s.village && (
          <>
            <dt>{t('portal.inbox.village')}</dt>
            <dd>{s.village.name}</dd>
          </>
        )}
      </dl>
      <p className="portal-text" style={{ background: '#fafafa', padding: 8, borderRadius: 4 }}>
        {s.content}
      </p>
      {(s.publicReply || s.declineReason || s.suggestion) && (
        <dl className="portal-facts" style={{ marginTop: 8 }}>
          {s.suggestion && (
            <>
              <dt>{t('portal.inbox.suggestion')}</dt>
              <dd>
                <Link to={`/suggestions/${s.suggestion.id}`}>{s.suggestion.code}</Link>
              </dd>
            </>
          )}
          {s.publicReply && (
            <>
              <dt>{t('portal.inbox.publicReply')}</dt>
              <dd className="portal-text">{s.publicReply}</dd>
            </>
          )}
          {s.status === 'declined' && (
            <>
              <dt>{t('portal.inbox.declineReason')}</dt>
              <dd className="portal-text">{s.declineReason}</dd>
            </>
          )}
        </dl>
      )}
      {s.handledByName && s.handledAt && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {t('portal.inbox.handledBy', { name: s.handledByName, at: chinaTime(s.handledAt) })}
        </Typography.Text>
      )}
      {s.status !== 'declined' && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 12 }}>
          <Button type="primary" onClick={() => onAction(s, 'answer')}>
            {t('portal.inbox.answer')}
          </Button>
          {s.status === 'received' && !s.suggestion && (
            <>
              <Button onClick={() => navigate(toSuggestionLink(s))}>{t('portal.inbox.toSuggestion')}</Button>
              <Button danger onClick={() => onAction(s, 'decline')}>
                {t('portal.inbox.decline')}
              </Button>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
