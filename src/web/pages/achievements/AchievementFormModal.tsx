import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  ACHIEVEMENT_CATEGORIES,
  type Achievement,
  type AchievementCategory,
  type AchievementInput,
  COMMON_UNITS,
  achievementsApi,
} from '../../api/achievements.ts';
import { activitiesApi } from '../../api/activities.ts';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { suggestionsApi } from '../../api/suggestions.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';

type Values = {
  date: Dayjs;
  title: string;
  category: AchievementCategory;
  amount?: number | null;
  unit?: string;
  description?: string;
  activityId?: string | null;
  suggestionId?: string | null;
};
const FIELDS = ['date', 'title', 'category', 'amount', 'unit', 'description', 'activityId', 'suggestionId'] as const;

/**
 * Record an achievement, or edit one (`achievement` given). `activityId` preset links a new entry to the
 * activity whose page it was opened from. The activity list is the held activities of the entry's year;
 * suggestions are searched as one types.
 */
export function AchievementFormModal({
  open,
  achievement,
  activityId,
  onClose,
}: {
  open: boolean;
  achievement?: Achievement;
  activityId?: string;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [suggestionQ, setSuggestionQ] = useState('');
  const date = Form.useWatch('date', form);
  const year = (date ?? dayjs()).year();
  const activities = useQuery({
    queryKey: ['activities', 'picker', year],
    queryFn: () => activitiesApi.list({ from: `${year}-01-01`, to: `${year}-12-31`, status: 'held', page: 1, pageSize: 200 }),
    enabled: open,
  });
  const suggestions = useQuery({
    queryKey: ['suggestions', 'picker', suggestionQ],
    queryFn: () => suggestionsApi.list({ q: suggestionQ || undefined, page: 1, pageSize: 20 }),
    enabled: open,
  });

  useEffect(() => {
    if (!open) return;
    if (achievement)
      form.setFieldsValue({
        date: dayjs(achievement.date),
        title: achievement.title,
        category: achievement.category,
        amount: achievement.amount,
        unit: achievement.unit,
        description: achievement.description,
        activityId: achievement.activity?.id ?? null,
        suggestionId: achievement.suggestion?.id ?? null,
      });
    else
      form.setFieldsValue({
        date: dayjs(),
        title: '',
        category: 'economy',
        amount: null,
        unit: '',
        description: '',
        activityId: activityId ?? null,
        suggestionId: null,
      });
  }, [open, achievement, activityId, form]);

  // The linked records stay selectable (and named) even when not in the current picker lists.
  const activityOptions = [
    ...(achievement?.activity && !activities.data?.items.some((a) => a.id === achievement.activity?.id) ? [achievement.activity] : []),
    ...(activities.data?.items ?? []),
  ].map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }));
  const suggestionOptions = [
    ...(achievement?.suggestion && !suggestions.data?.items.some((s) => s.id === achievement.suggestion?.id) ? [achievement.suggestion] : []),
    ...(suggestions.data?.items ?? []),
  ].map((s) => ({ value: s.id, label: `${s.code} ${s.title}` }));

  async function submit(v: Values) {
    setSaving(true);
    const input: AchievementInput = {
      date: v.date.format('YYYY-MM-DD'),
      title: v.title.trim(),
      category: v.category,
      amount: v.amount ?? null,
      unit: v.unit?.trim() ?? '',
      description: v.description?.trim() ?? '',
      activityId: v.activityId || null,
      suggestionId: v.suggestionId || null,
    };
    try {
      if (achievement) {
        await achievementsApi.update(achievement.id, { ...input, version: achievement.version });
        message.success(t('common.saved'));
      } else {
        const made = await achievementsApi.create(input);
        message.success(t('common.created'));
        if (!activityId) navigate(`/achievements/${made.id}`);
      }
      void qc.invalidateQueries({ queryKey: ['achievements'] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && achievement) {
        message.warning(t('common.conflict'), 6);
        void qc.invalidateQueries({ queryKey: ['achievements'] });
        onClose();
      } else if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const required = (field: MsgKey) => ({ required: true, message: t('common.required', { field: t(field) }) });
  return (
    <Modal
      open={open}
      title={achievement ? t('achievement.edit') : t('achievement.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={600}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="title"
          label={t('achievement.title')}
          extra={t('achievement.titleHint')}
          rules={[{ ...required('achievement.title'), whitespace: true }, { max: 100 }]}
        >
          <Input />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="date" label={t('achievement.date')} rules={[required('achievement.date')]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="category" label={t('achievement.category')} rules={[required('achievement.category')]} style={{ minWidth: 160 }}>
            <Select options={ACHIEVEMENT_CATEGORIES.map((c) => ({ value: c, label: t(`achievement.category.${c}` as MsgKey) }))} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="amount" label={t('achievement.amount')}>
            <InputNumber min={0} max={1e12} precision={2} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="unit" label={t('achievement.unit')} extra={t('achievement.unitHint')} rules={[{ max: 10 }]}>
            <AutoComplete style={{ width: 140 }} options={COMMON_UNITS.map((u) => ({ value: u }))} />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t('achievement.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="activityId" label={t('achievement.activity')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('achievement.pickActivity')}
            loading={activities.isFetching}
            options={activityOptions}
          />
        </Form.Item>
        <Form.Item name="suggestionId" label={t('achievement.suggestion')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setSuggestionQ }}
            placeholder={t('achievement.pickSuggestion')}
            loading={suggestions.isFetching}
            options={suggestionOptions}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
