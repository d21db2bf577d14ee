import type { AppraisalStatus, Rating } from '../../api/appraisals.ts';
import { Pill, type Tone } from '../../components/Pill.tsx';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';

const STATUS_TONE: Record<AppraisalStatus, Tone> = { draft: 'dim', voting: 'info', closed: 'good' };
const RATING_TONE: Record<Rating, Tone> = { satisfied: 'good', basic: 'warn', dissatisfied: 'bad' };

export function AppraisalStatusTag({ status }: { status: AppraisalStatus }) {
  const t = useT();
  return <Pill tone={STATUS_TONE[status]}>{t(`appraisal.status.${status}` as MsgKey)}</Pill>;
}

export function RatingTag({ rating }: { rating: Rating | null }) {
  const t = useT();
  if (!rating) return <span>{t('appraisal.noVotes')}</span>;
  return <Pill tone={RATING_TONE[rating]}>{t(`appraisal.rating.${rating}` as MsgKey)}</Pill>;
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}
