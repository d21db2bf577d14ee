import type { Decision, DecisionStatus, MeetingStatus } from '../../api/presidiumMeetings.ts';
import { Pill, type Tone } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';

const DECISION_TONE: Record<DecisionStatus, Tone> = { open: 'dim', in_progress: 'info', done: 'good', cancelled: 'dim' };

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const t = useT();
  return <Pill tone={status === 'held' ? 'good' : 'info'}>{t(`meeting.status.${status}`)}</Pill>;
}

/** The decision's status, and in red how many days it is overdue (the one thing the follow-up list is for). */
export function DecisionStatusTags({ d }: { d: Pick<Decision, 'status' | 'overdue' | 'daysOverdue'> }) {
  const t = useT();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      <Pill tone={DECISION_TONE[d.status]}>{t(`meeting.decision.status.${d.status}`)}</Pill>
      {d.overdue && (
        <Pill tone="bad" data-overdue>
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
