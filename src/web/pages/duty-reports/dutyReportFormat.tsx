import type { EvalStatus } from '../../api/dutyReports.ts';
import { Pill, type Tone } from '../../components/Pill.tsx';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';

const STATUS_TONE: Record<EvalStatus, Tone> = { draft: 'dim', voting: 'info', closed: 'good' };

/** Draft / voting / closed, with the appraisal's words (the same three states). */
export function EvalStatusTag({ status }: { status: EvalStatus }) {
  const t = useT();
  return <Pill tone={STATUS_TONE[status]}>{t(`appraisal.status.${status}` as MsgKey)}</Pill>;
}

/** The band label: the first (highest) band reads good, the last bad, anything between as a warning. */
export function ResultTag({ result, bands }: { result: string | null; bands?: { label: string }[] }) {
  const t = useT();
  if (!result) return <span>{t('dutyReport.noResult')}</span>;
  const i = bands ? bands.findIndex((b) => b.label === result) : -1;
  const tone: Tone = i === 0 || (!bands && result === '称职') ? 'good' : bands && i === bands.length - 1 ? 'bad' : result === '不称职' ? 'bad' : 'warn';
  return <Pill tone={tone}>{result}</Pill>;
}
