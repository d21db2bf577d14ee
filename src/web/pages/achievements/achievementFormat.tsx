import { type Achievement, type AchievementCategory, formatAmount } from '../../api/achievements.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { Pill, type Tone } from '../../components/Pill.tsx';

/* Pill tones, not antd's preset tag colours: those fail WCAG AA contrast (see components/Pill.tsx). */
const TONE: Record<AchievementCategory, Tone> = {
  economy: 'warn',
  project: 'info',
  livelihood: 'good',
  environment: 'good',
  governance: 'brown',
  other: 'dim',
};

export function CategoryTag({ category }: { category: AchievementCategory }) {
  const t = useT();
  return <Pill tone={TONE[category]}>{t(`achievement.category.${category}` as MsgKey)}</Pill>;
}

/** "1,967 万元", or — without an amount. */
export function amountText(a: Pick<Achievement, 'amount' | 'unit'>): string {
  return a.amount === null ? '—' : `${formatAmount(a.amount)} ${a.unit}`.trim();
}
