import type { ActivityStatus, AttendanceMark, EntryStatus, LeaveStatus } from '../../api/activities.ts';
import { Pill, type Tone } from '../../components/Pill.tsx';
import { type MsgKey, useT } from '../../i18n/index.tsx';

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
