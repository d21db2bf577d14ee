import type { ReactNode } from 'react';
import type { Decision, DecisionStatus, MeetingStatus } from '../../api/presidiumMeetings.ts';
import { useT } from '../../i18n/index.tsx';

// Antd's preset tag colours are about 3.4:1 on their backgrounds (axe: color-contrast); these pairs
// are above 7:1, as in components/StatusTag.tsx.
const TONES = {
  green: { fg: '#1b5e20', bg: '#e8f5e9', border: '#a5d6a7' },
  blue: { fg: '#0d3c78', bg: '#e3f2fd', border: '#90caf9' },
  grey: { fg: '#37474f', bg: '#eceff1', border: '#b0bec5' },
  red: { fg: '#8e0000', bg: '#ffebee', border: '#ef9a9a' },
} as const;
export type Tone = keyof typeof TONES;

export function Pill({ tone, children, ...rest }: { tone: Tone; children: ReactNode; 'data-overdue'?: boolean }) {
  const c = TONES[tone];
  return (
    <span
      {...rest}
      style={{
        display: 'inline-block',
        padding: '0 8px',
        lineHeight: '22px',
        fontSize: 12,
        borderRadius: 4,
        color: c.fg,
        background: c.bg,
        border: `1px solid ${c.border}`,
        whiteSpace: 'nowrap',
      }}
    >
      {children}
    </span>
  );
}

const DECISION_TONE: Record<DecisionStatus, Tone> = { open: 'grey', in_progress: 'blue', done: 'green', cancelled: 'grey' };

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const t = useT();
  return <Pill tone={status === 'held' ? 'green' : 'blue'}>{t(`meeting.status.${status}`)}</Pill>;
}

/** The decision's status, and in red how many days it is overdue (the one thing the follow-up list is for). */
export function DecisionStatusTags({ d }: { d: Pick<Decision, 'status' | 'overdue' | 'daysOverdue'> }) {
  const t = useT();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      <Pill tone={DECISION_TONE[d.status]}>{t(`meeting.decision.status.${d.status}`)}</Pill>
      {d.overdue && (
        <Pill tone="red" data-overdue>
          {t('meeting.decision.overdue', { n: d.daysOverdue })}
        </Pill>
      )}
    </span>
  );
}

/** The due date, red when the decision is overdue (with the tag, so colour is not the only signal). */
export function DueDate({ d }: { d: Pick<Decision, 'dueDate' | 'overdue'> }) {
  // #cf1322 on white: contrast 5.9:1.
  return <span style={d.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{d.dueDate}</span>;
}
