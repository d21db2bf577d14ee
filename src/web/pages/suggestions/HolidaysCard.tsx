import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Input, Select, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type Holiday, type HolidayKind, suggestionsApi } from '../../api/suggestions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';
import { issuesByField } from './SettingsEditors.tsx';
import { chinaToday, holidayProblems, sortHolidays } from './suggestionFormat.ts';

const ERR = { display: 'block', fontSize: 12 } as const;

/**
 * The town's holiday calendar of one year: days off (放假) and weekend days at work (调休上班), with a
 * name. Saving replaces that year's list; the return window counts working days with it.
 */
export function HolidaysCard() {
  const t = useT();
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const q = useQuery({ queryKey: ['holidays', year], queryFn: () => suggestionsApi.holidays(year), retry: false });
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('suggestion.settings.holidays')}</h2>}
      extra={
        <Select<number>
          aria-label={t('suggestion.settings.holidayYear')}
          value={year}
          onChange={setYear}
          style={{ width: 100 }}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: t('suggestion.filter.yearOption', { year: y }) }))}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('suggestion.settings.holidaysHint')}</Typography.Paragraph>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton active />
      ) : (
        <HolidayList year={year} saved={q.data.items} />
      )}
    </Card>
  );
}

function HolidayList({ year, saved }: { year: number; saved: Holiday[] }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [rows, setRows] = useState<Holiday[]>(saved);
  const [issues, setIssues] = useState<Map<string, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A new row's empty date is only a problem once the user tries to save.
  const [tried, setTried] = useState(false);
  useEffect(() => {
    setTried(false);
    setRows(sortHolidays(saved));
    setIssues(new Map());
    setProblem(null);
  }, [saved]);
  const local = holidayProblems(year, rows);
  const rowProblem = (i: number) => {
    const server = issues.get(`items.${i}.date`) ?? issues.get(`items.${i}`) ?? issues.get(`items.${i}.name`);
    if (server) return server;
    const p = local.find((x) => x.row === i)?.problem;
    if (!p || (p === 'date' && !tried)) return null;
    return p === 'year'
      ? t('suggestion.settings.holidayWrongYear', { year })
      : p === 'duplicate'
        ? t('suggestion.settings.holidayDuplicate')
        : t('suggestion.settings.holidayBadDate');
  };
  const set = (i: number, p: Partial<Holiday>) => setRows((r) => r.map((h, j) => (j === i ? { ...h, ...p } : h)));

  async function save() {
    setProblem(null);
    setTried(true);
    if (local.length) return setProblem(t('suggestion.settings.fixProblems'));
    setSaving(true);
    try {
      const next = await suggestionsApi.saveHolidays(
        year,
        sortHolidays(rows).map((h) => ({ ...h, name: h.name.trim() })),
      );
      qc.setQueryData(['holidays', year], next);
      message.success(t('suggestion.settings.holidaysSaved', { year }));
    } catch (e) {
      const byField = issuesByField(e);
      setIssues(byField);
      setProblem(byField.size ? t('suggestion.settings.fixProblems') : (e as Error).message);
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: ['holidays', year] });
    } finally {
      setSaving(false);
    }
  }

  return (
    <div>
      {problem && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={problem} />}
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggestion.settings.noHolidays', { year })} />
      ) : (
        <ol aria-label={t('suggestion.settings.holidays')} style={{ listStyle: 'none', margin: '0 0 12px', padding: 0, maxWidth: 640 }}>
          {rows.map((h, i) => {
            const err = rowProblem(i);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the date itself may be changing
              <li key={i} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start', padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
                <div>
                  <DatePicker
                    aria-label={t('suggestion.settings.holidayDateOf', { n: i + 1 })}
                    value={h.date ? dayjs(h.date) : null}
                    status={err ? 'error' : undefined}
                    onChange={(d) => set(i, { date: d ? d.format('YYYY-MM-DD') : '' })}
                    style={{ width: 150 }}
                  />
                  {err && (
                    <Typography.Text type="danger" style={ERR}>
                      {err}
                    </Typography.Text>
                  )}
                </div>
                <Select<HolidayKind>
                  aria-label={t('suggestion.settings.holidayKindOf', { n: i + 1 })}
                  value={h.kind}
                  onChange={(kind) => set(i, { kind })}
                  style={{ width: 120 }}
                  options={[
                    { value: 'holiday', label: t('suggestion.settings.holiday') },
                    { value: 'workday', label: t('suggestion.settings.workday') },
                  ]}
                />
                <Input
                  aria-label={t('suggestion.settings.holidayNameOf', { n: i + 1 })}
                  placeholder={t('suggestion.settings.holidayName')}
                  value={h.name}
                  maxLength={30}
                  onChange={(e) => set(i, { name: e.target.value })}
                  style={{ flex: '1 1 140px', minWidth: 120 }}
                />
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('suggestion.settings.removeHoliday', { n: i + 1 })}
                  onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
                />
              </li>
            );
          })}
        </ol>
      )}
      <Space wrap>
        <Button icon={<PlusOutlined />} onClick={() => setRows((r) => [...r, { date: '', kind: 'holiday', name: '' }])}>
          {t('suggestion.settings.addHoliday')}
        </Button>
        <Button type="primary" loading={saving} onClick={() => void save()}>
          {t('suggestion.settings.saveHolidays', { year })}
        </Button>
      </Space>
    </div>
  );
}
