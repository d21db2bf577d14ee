import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { Quorum, RollStatus, SessionStatus } from '../../api/sessions.ts';
import { Pill, TONES, type Tone } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';

/* Small pieces the session pages share: status labels and the quorum indicator. */

const STATUS_TONE: Record<SessionStatus, Tone> = { preparing: 'info', open: 'good', closed: 'dim' };
export function SessionStatusPill({ status }: { status: SessionStatus }) {
  const t = useT();
  return <Pill tone={STATUS_TONE[status]}>{t(`session.status.${status}`)}</Pill>;
}

export const ROLL_TONE: Record<RollStatus, Tone> = { expected: 'dim', present: 'good', late: 'warn', on_leave: 'info', absent: 'bad' };
export function RollStatusPill({ status }: { status: RollStatus }) {
  const t = useT();
  return <Pill tone={ROLL_TONE[status]}>{t(`session.roll.status.${status}`)}</Pill>;
}

/**
 * 应到 79 · 实到 53 · 须至少 53 — and green "more than two-thirds" or red "n short". The colour is never
 * the only signal: an icon and the words say it too.
 */
export function QuorumIndicator({ quorum, compact }: { quorum: Quorum | null; compact?: boolean }) {
  const t = useT();
  if (!quorum) return <Pill tone="dim">{t('session.quorum.none')}</Pill>;
  const tone = TONES[quorum.reached ? 'good' : 'bad'];
  const figures = [
    [t('session.quorum.all'), quorum.all],
    [t('session.quorum.present'), quorum.present],
    [t('session.quorum.needed'), quorum.needed],
  ] as const;
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="quorum"
      data-reached={quorum.reached}
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: compact ? 6 : 12,
        padding: compact ? '2px 8px' : '8px 12px',
        borderRadius: 6,
        color: tone.fg,
        background: tone.bg,
        border: `1px solid ${tone.border}`,
        fontSize: compact ? 12 : 14,
      }}
    >
      {figures.map(([label, n]) => (
        <span key={label} style={{ whiteSpace: 'nowrap' }}>
          {label} <strong style={{ fontSize: compact ? 13 : 18 }}>{n}</strong>
        </span>
      ))}
      <span style={{ whiteSpace: 'nowrap', fontWeight: 600 }}>
        {quorum.reached ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}{' '}
        {quorum.reached ? t('session.quorum.reached') : t('session.quorum.short', { n: quorum.short })}
      </span>
    </div>
  );
}
