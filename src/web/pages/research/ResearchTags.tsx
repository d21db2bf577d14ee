import type { ResearchGrade, ResearchStatus } from '../../api/research.ts';
import { useT } from '../../i18n/index.tsx';
import { Pill } from '../../components/Pill.tsx';

type Tone = Parameters<typeof Pill>[0]['tone'];

const STATUS_TONE: Record<ResearchStatus, Tone> = { open: 'info', claimed: 'warn', submitted: 'info', graded: 'good', withdrawn: 'dim' };
const GRADE_TONE: Record<ResearchGrade, Tone> = { excellent: 'good', good: 'good', pass: 'info', fail: 'bad' };

export function ResearchStatusTag({ status }: { status: ResearchStatus }) {
  const t = useT();
  return <Pill tone={STATUS_TONE[status]}>{t(`research.status.${status}`)}</Pill>;
}

export function GradeTag({ grade }: { grade: ResearchGrade }) {
  const t = useT();
  return <Pill tone={GRADE_TONE[grade]}>{t(`research.grade.${grade}`)}</Pill>;
}

export function OverdueTag() {
  const t = useT();
  return <Pill tone="bad">{t('research.overdue')}</Pill>;
}

/** Status, grade and overdue together, as lists and cards show a topic's state. */
export function TopicState({ status, grade, overdue, late }: { status: ResearchStatus; grade: ResearchGrade | null; overdue: boolean; late?: boolean }) {
  const t = useT();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      <ResearchStatusTag status={status} />
      {grade && <GradeTag grade={grade} />}
      {overdue && <OverdueTag />}
      {late && <Pill tone="warn">{t('research.late')}</Pill>}
    </span>
  );
}
