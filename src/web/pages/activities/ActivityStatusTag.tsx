import type { ActivityStatus, AttendanceMark, EntryStatus, LeaveStatus } from '../../api/activities.ts';
import { type MsgKey, useT } from '../../i18n/index.tsx';

// High-contrast pairs (antd's preset tag colours are about 3.4:1).
const TONES = {
  good: { fg: '#1b5e20', bg: '#e8f5e9', border: '#a5d6a7' },
  warn: { fg: '#6d4c00', bg: '#fff8e1', border: '#ffd54f' },
  bad: { fg: '#8e0000', bg: '#ffebee', border: '#ef9a9a' },
  info: { fg: '#0d3c78', bg: '#e3f2fd', border: '#90caf9' },
  dim: { fg: '#37474f', bg: '#eceff1', border: '#b0bec5' },
} as const;
type Tone = keyof typeof TONES;

export function Pill({ tone, children }: { tone: Tone; children: string }) {
  const c = TONES[tone];
  return (
    <span
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

const ACTIVITY_TONE: Record<ActivityStatus, Tone> = { planned: 'info', held: 'good', cancelled: 'dim' };
export function ActivityStatusTag({ status }: { status: ActivityStatus }) {
  const t = useT();
  return <Pill tone={ACTIVITY_TONE[status]}>{t(`activity.status.${status}`)}</Pill>;
}

const MARK_TONE: Record<EntryStatus, Tone> = { present: 'good', late: 'warn', on_leave: 'info', absent: 'bad', pending: 'dim' };
export function AttendanceTag({ status }: { status: AttendanceMark | EntryStatus }) {
  const t = useT();
  return <Pill tone={MARK_TONE[status]}>{t(`attendance.${status}` as MsgKey)}</Pill>;
}

const LEAVE_TONE: Record<LeaveStatus, Tone> = { requested: 'warn', approved: 'good', refused: 'bad', withdrawn: 'dim' };
export function LeaveTag({ status }: { status: LeaveStatus }) {
  const t = useT();
  return <Pill tone={LEAVE_TONE[status]}>{t(`activity.leave.${status}`)}</Pill>;
}
