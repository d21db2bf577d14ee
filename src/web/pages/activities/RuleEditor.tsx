import { Checkbox, Select, Space } from 'antd';
import type { ScheduleRule } from '../../api/stations.ts';
import { useT } from '../../i18n/index.tsx';

type Props = { id?: string; value?: ScheduleRule; onChange?: (r: ScheduleRule) => void };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** The four schedule rules the server expands (the same ScheduleRule as the stations' reception days). */
export function RuleEditor({ id, value, onChange }: Props) {
  const t = useT();
  const rule = value ?? { type: 'monthly_nth_weekday', nth: 1, weekday: 6 };
  const weekdayOptions = WEEKDAYS.map((d) => ({ value: d, label: t(`activity.weekday${d}` as 'activity.weekday0') }));
  const set = (r: ScheduleRule) => onChange?.(r);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        id={id}
        aria-label={t('activity.ruleType')}
        value={rule.type}
        onChange={(type) => {
          if (type === 'monthly_days') set({ type, days: [1] });
          else if (type === 'monthly_nth_weekday') set({ type, nth: 1, weekday: 6 });
          else if (type === 'weekly') set({ type, weekdays: [1] });
          else set({ type: 'first_weekend' });
        }}
        options={(['monthly_nth_weekday', 'monthly_days', 'weekly', 'first_weekend'] as const).map((v) => ({ value: v, label: t(`activity.rule.${v}`) }))}
      />
      {rule.type === 'monthly_days' && (
        <Select
          mode="multiple"
          aria-label={t('activity.ruleDays')}
          value={rule.days}
          onChange={(days: number[]) => set({ type: 'monthly_days', days: [...days].sort((a, b) => a - b) })}
          options={Array.from({ length: 31 }, (_, i) => ({ value: i + 1, label: t('activity.dayOfMonth', { d: i + 1 }) }))}
        />
      )}
      {rule.type === 'monthly_nth_weekday' && (
        <Space wrap>
          <Select
            aria-label={t('activity.ruleNth')}
            style={{ width: 140 }}
            value={rule.nth}
            onChange={(nth: number) => set({ ...rule, nth })}
            options={[1, 2, 3, 4, 5, -1].map((n) => ({ value: n, label: n === -1 ? t('activity.nthLast') : t('activity.nth', { n }) }))}
          />
          <Select
            aria-label={t('activity.ruleWeekday')}
            style={{ width: 140 }}
            value={rule.weekday}
            onChange={(weekday: number) => set({ ...rule, weekday })}
            options={weekdayOptions}
          />
        </Space>
      )}
      {rule.type === 'weekly' && (
        <Checkbox.Group
          aria-label={t('activity.ruleWeekday')}
          value={rule.weekdays}
          onChange={(v) => set({ type: 'weekly', weekdays: v as number[] })}
          options={weekdayOptions}
        />
      )}
    </Space>
  );
}
