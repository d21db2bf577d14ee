import { useQuery } from '@tanstack/react-query';
import { Checkbox, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useId } from 'react';
import { type ScheduleRule, stationsApi } from '../../api/stations.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { type MsgKey, useT } from '../../i18n/index.tsx';
import { describeRule, NTHS, nextDates, nthKey, RULE_TYPES, type RuleType, sameRule, WEEK_ORDER, WEEKDAY_KEYS } from './scheduleRules.ts';

type Props = {
  id?: string;
  value?: ScheduleRule | null;
  onChange?: (rule: ScheduleRule | null) => void;
  /** When editing a saved station: its id and saved rule, so an unchanged rule previews the server's own dates. */
  stationId?: string;
  savedRule?: ScheduleRule | null;
};

const TYPE_KEYS: Record<RuleType | 'none', MsgKey> = {
  none: 'station.ruleNone',
  monthly_days: 'station.ruleMonthlyDays',
  monthly_nth_weekday: 'station.ruleNthWeekday',
  first_weekend: 'station.ruleFirstWeekend',
  weekly: 'station.ruleWeekly',
};

function blank(type: RuleType): ScheduleRule {
  switch (type) {
    case 'monthly_days':
      return { type, days: [] };
    case 'monthly_nth_weekday':
      return { type, nth: 1, weekday: 1 };
    case 'first_weekend':
      return { type };
    case 'weekly':
      return { type, weekdays: [] };
  }
}

const PREVIEW_COUNT = 5;

/** The reception-day rule (接待日): the four kinds of rule, a live description and the next dates it gives. */
export function ScheduleEditor({ id, value, onChange, stationId, savedRule }: Props) {
  const t = useT();
  const mobile = useIsMobile();
  const uid = useId();
  const rule = value ?? null;
  const set = (r: ScheduleRule | null) => onChange?.(r);
  const today = dayjs().format('YYYY-MM-DD');
  const unchanged = !!stationId && !!rule && sameRule(rule, savedRule);
  // The saved rule's dates come from the server; an edited one is expanded here until it is saved.
  const server = useQuery({
    queryKey: ['stations', 'days', stationId, today],
    queryFn: () => stationsApi.receptionDays(stationId as string, { from: today }),
    enabled: unchanged,
  });
  const dates = unchanged ? (server.data?.dates.slice(0, PREVIEW_COUNT) ?? []) : nextDates(rule, today, PREVIEW_COUNT);
  const text = describeRule(t, rule);
  const dayLabel = (d: number) => t('station.text.day', { day: d });

  return (
    <div>
      <Radio.Group
        id={id}
        aria-label={t('station.ruleType')}
        value={rule?.type ?? 'none'}
        onChange={(e) => set(e.target.value === 'none' ? null : blank(e.target.value as RuleType))}
        style={{ display: 'flex', flexDirection: mobile ? 'column' : 'row', flexWrap: 'wrap', gap: mobile ? 4 : 0 }}
        options={(['none', ...RULE_TYPES] as const).map((k) => ({ value: k, label: t(TYPE_KEYS[k]) }))}
      />
      <div style={{ marginTop: 12 }}>
        {rule?.type === 'monthly_days' && (
          <>
            <label htmlFor={`${uid}-days`} style={{ display: 'block', marginBottom: 4 }}>
              {t('station.ruleDays')}
            </label>
            <Select
              id={`${uid}-days`}
              mode="multiple"
              style={{ width: '100%' }}
              placeholder={t('station.ruleDaysPlaceholder')}
              value={rule.days}
              onChange={(days: number[]) => set({ type: 'monthly_days', days: [...days].sort((a, b) => a - b) })}
              options={Array.from({ length: 31 }, (_, i) => ({ value: i + 1, label: dayLabel(i + 1) }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </>
        )}
        {rule?.type === 'monthly_nth_weekday' && (
          <Space wrap>
            <span>
              <label htmlFor={`${uid}-nth`} style={{ marginInlineEnd: 8 }}>
                {t('station.ruleNth')}
              </label>
              <Select
                id={`${uid}-nth`}
                style={{ width: 120 }}
                value={rule.nth}
                onChange={(nth: number) => set({ ...rule, nth })}
                options={NTHS.map((n) => ({ value: n, label: t(nthKey(n)) }))}
              />
            </span>
            <span>
              <label htmlFor={`${uid}-weekday`} style={{ marginInlineEnd: 8 }}>
                {t('station.ruleWeekday')}
              </label>
              <Select
                id={`${uid}-weekday`}
                style={{ width: 120 }}
                value={rule.weekday}
                onChange={(weekday: number) => set({ ...rule, weekday })}
                options={WEEK_ORDER.map((w) => ({ value: w, label: t(WEEKDAY_KEYS[w]) }))}
              />
            </span>
          </Space>
        )}
        {rule?.type === 'weekly' && (
          <div role="group" aria-labelledby={`${uid}-weekly`}>
            <div id={`${uid}-weekly`} style={{ marginBottom: 4 }}>
              {t('station.ruleWeekdays')}
            </div>
            <Checkbox.Group
              value={rule.weekdays}
              onChange={(ws) => set({ type: 'weekly', weekdays: WEEK_ORDER.filter((w) => (ws as number[]).includes(w)) })}
              options={WEEK_ORDER.map((w) => ({ value: w, label: t(WEEKDAY_KEYS[w]) }))}
            />
          </div>
        )}
        {rule?.type === 'first_weekend' && <Typography.Text type="secondary">{t('station.ruleFirstWeekendHint')}</Typography.Text>}
      </div>
      {rule && (
        <div aria-live="polite" style={{ marginTop: 12, padding: '8px 12px', background: '#f5f7fa', borderRadius: 6 }}>
          <div>
            <Typography.Text strong>{t('station.ruleText')}</Typography.Text>
            {text || t('station.ruleIncomplete')}
          </div>
          {text && (
            <div>
              <Typography.Text strong>{t('station.rulePreview')}</Typography.Text>
              {dates.length ? dates.join(t('station.text.sep')) : server.isFetching ? t('app.loading') : t('common.none')}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
