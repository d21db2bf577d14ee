import type { Due, Rating, SuggestionItem, SuggestionState } from '../../api/suggestions.ts';
import { Pill } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import { STATE_TONE, dueLook } from './suggestionFormat.ts';

export function StatePill({ state }: { state: SuggestionState }) {
  const t = useT();
  return <Pill tone={STATE_TONE[state] ?? 'dim'}>{t(`suggestion.state.${state}`)}</Pill>;
}

/** Days left, due today, or overdue in red; nothing when no office holds the item. */
export function DuePill({ due }: { due: Due | null | undefined }) {
  const t = useT();
  const look = dueLook(due);
  if (!look) return null;
  const text =
    look.key === 'overdue'
      ? t('suggestion.dueOverdue', { n: look.days })
      : look.key === 'today'
        ? t('suggestion.dueToday')
        : t(look.key === 'soon' ? 'suggestion.dueSoon' : 'suggestion.dueLeft', { n: look.days });
  return (
    <Pill tone={look.tone} data-overdue={look.key === 'overdue'}>
      {text}
    </Pill>
  );
}

const RATING_TONE = { satisfied: 'good', basically: 'info', dissatisfied: 'bad' } as const;

export function RatingPill({ rating }: { rating: Rating | null | undefined }) {
  const t = useT();
  if (!rating) return null;
  return <Pill tone={RATING_TONE[rating]}>{t(`suggestion.rating.${rating}`)}</Pill>;
}

/** The state with what else is true now: a pending request, key supervision, the second round. */
export function SuggestionBadges({
  item,
  withDue,
}: {
  item: Pick<SuggestionItem, 'state' | 'pending' | 'keySupervision' | 'round' | 'due'>;
  withDue?: boolean;
}) {
  const t = useT();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      <StatePill state={item.state} />
      {item.pending && <Pill tone="warn">{t(`suggestion.pending.${item.pending}`)}</Pill>}
      {item.keySupervision && <Pill tone="brown">{t('suggestion.key')}</Pill>}
      {withDue && <DuePill due={item.due} />}
    </span>
  );
}
