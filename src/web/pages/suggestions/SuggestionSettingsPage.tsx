import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type Settings, suggestionsApi } from '../../api/suggestions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { CategoriesEditor, GradesEditor, issuesByField } from './SettingsEditors.tsx';
import { HolidaysCard } from './HolidaysCard.tsx';
import { gradeProblems } from './suggestionFormat.ts';
import { SETTINGS_KEY, useSuggestionSettings } from './useSuggestionSettings.ts';

type NumberKey = 'replyMonths' | 'returnWorkingDays' | 'rehandleDays' | 'dueSoonDays';
const NUMBERS: { key: NumberKey; min: number; max: number }[] = [
  { key: 'replyMonths', min: 1, max: 6 },
  { key: 'returnWorkingDays', min: 1, max: 30 },
  { key: 'rehandleDays', min: 15, max: 30 },
  { key: 'dueSoonDays', min: 1, max: 60 },
];

/** 建议设置 (admins): categories, reply grades, deadline numbers, and the holiday calendar by year. */
export default function SuggestionSettingsPage() {
  const t = useT();
  const q = useSuggestionSettings();
  return (
    <>
      <PageHeader title={t('suggestion.settings.title')} back="/suggestions" />
      {q.error ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : !q.data ? <Skeleton active /> : <SettingsForm saved={q.data} />}
      <HolidaysCard />
    </>
  );
}

function SettingsForm({ saved }: { saved: Settings }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Settings>(saved);
  const [issues, setIssues] = useState<Map<string, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(saved), [saved]);
  const patch = (p: Partial<Settings>) => setDraft((d) => ({ ...d, ...p }));

  async function save() {
    setProblem(null);
    if (gradeProblems(draft.grades).length) return setProblem(t('suggestion.settings.fixProblems'));
    setSaving(true);
    try {
      const next = await suggestionsApi.saveSettings({
        ...draft,
        categories: draft.categories.map((c) => c.trim()),
        grades: draft.grades.map((g) => ({ ...g, code: g.code.trim(), label: g.label.trim() })),
      });
      setIssues(new Map());
      qc.setQueryData(SETTINGS_KEY, next);
      message.success(t('suggestion.settings.saved'));
    } catch (e) {
      const byField = issuesByField(e);
      setIssues(byField);
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: SETTINGS_KEY });
      setProblem(
        e instanceof ApiError && e.status === 409
          ? `${e.message}（${t('common.conflict')}）`
          : byField.size
            ? t('suggestion.settings.fixProblems')
            : (e as Error).message,
      );
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', marginBottom: 16 }}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('suggestion.settings.categories')}</h2>}>
        <CategoriesEditor value={draft.categories} onChange={(categories) => patch({ categories })} issues={issues} />
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('suggestion.settings.grades')}</h2>}>
        <GradesEditor value={draft.grades} onChange={(grades) => patch({ grades })} issues={issues} />
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('suggestion.settings.deadlines')}</h2>}>
        <Form layout="vertical" component="div">
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 24px' }}>
            {NUMBERS.map((n) => (
              <Form.Item
                key={n.key}
                label={t(`suggestion.settings.${n.key}`)}
                htmlFor={`settings-${n.key}`}
                extra={t(`suggestion.settings.${n.key}Hint`)}
                validateStatus={issues.get(n.key) ? 'error' : undefined}
                help={issues.get(n.key)}
                style={{ width: 220 }}
              >
                <InputNumber
                  id={`settings-${n.key}`}
                  min={n.min}
                  max={n.max}
                  precision={0}
                  value={draft[n.key]}
                  onChange={(v) => patch({ [n.key]: v ?? n.min })}
                  style={{ width: 120 }}
                />
              </Form.Item>
            ))}
          </div>
        </Form>
      </Card>
      <div>
        <Button type="primary" loading={saving} onClick={() => void save()}>
          {t('suggestion.settings.save')}
        </Button>
      </div>
    </Space>
  );
}
