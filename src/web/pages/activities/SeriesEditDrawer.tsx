import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { activitiesApi, type Series } from '../../api/activities.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import type { ScheduleRule } from '../../api/stations.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { RuleEditor } from './RuleEditor.tsx';

type Values = { title: string; rule: ScheduleRule; startTime: Dayjs; durationMinutes: number; dates: [Dayjs, Dayjs]; place?: string; content?: string };
const FIELDS = ['title', 'rule', 'startTime', 'durationMinutes', 'dates', 'place', 'content'];
const RENAME = { fromDate: 'dates', untilDate: 'dates' };

/**
 * Edit a whole series. The server rewrites only the occurrences still to come that nobody has touched
 * (not moved, changed on their own, cancelled, held or answered by a deputy); the drawer says so, and
 * the answer's counts (updated / created / removed / kept) are shown after saving.
 */
export function SeriesEditDrawer({ series: s, open, onClose }: { series: Series; open: boolean; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      activitiesApi.updateSeries(s.id, {
        title: v.title,
        rule: v.rule,
        startTime: v.startTime.format('HH:mm'),
        durationMinutes: v.durationMinutes,
        fromDate: v.dates[0].format('YYYY-MM-DD'),
        untilDate: v.dates[1].format('YYYY-MM-DD'),
        place: v.place ?? '',
        content: v.content ?? '',
        version: s.version,
      }),
    onSuccess: (r) => {
      const g = r.regenerated ?? { created: 0, updated: 0, removed: 0, kept: 0 };
      message.success(t('activityView.seriesSaved', g));
      void qc.invalidateQueries({ queryKey: ['activities'] });
      void qc.invalidateQueries({ queryKey: ['activity-series', s.id] });
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, FIELDS, RENAME)) message.error((e as Error).message);
    },
  });
  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 560}
      title={t('activityView.editSeries')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('activityView.editSeriesNote')} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          title: s.title,
          rule: s.rule,
          startTime: dayjs(s.startTime, 'HH:mm'),
          durationMinutes: s.durationMinutes,
          dates: [dayjs(s.fromDate), dayjs(s.untilDate)],
          place: s.place,
          content: s.content,
        }}
      >
        <Form.Item name="title" label={t('activity.title')} rules={req(t('activity.title'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="rule" label={t('activity.rule')}>
          <RuleEditor />
        </Form.Item>
        <Form.Item name="startTime" label={t('activity.startTime')} rules={req(t('activity.startTime'))}>
          <TimePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
        <Form.Item name="durationMinutes" label={t('activity.duration')} rules={req(t('activity.duration'))}>
          <InputNumber min={5} max={1440} step={30} />
        </Form.Item>
        <Form.Item name="dates" label={t('activity.seriesDates')} rules={req(t('activity.seriesDates'))}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('activity.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label={t('activity.content')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
