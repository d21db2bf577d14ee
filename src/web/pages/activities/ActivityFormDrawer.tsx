import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Segmented, Select, TimePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { type ActivityDetail, activitiesApi, type OrganiserType, type Series } from '../../api/activities.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import type { ScheduleRule } from '../../api/stations.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { isoWithOffset } from './activityFormat.ts';
import { RuleEditor } from './RuleEditor.tsx';
import { useActivityOptions } from './useActivityLookups.ts';

type Values = {
  title: string;
  kindId: string;
  organiserType: OrganiserType;
  organiserId?: string | null;
  range?: [Dayjs, Dayjs];
  rule?: ScheduleRule;
  startTime?: Dayjs;
  durationMinutes?: number;
  dates?: [Dayjs, Dayjs];
  place?: string;
  content?: string;
  inviteOrganiser?: boolean;
};

const FIELDS = ['title', 'kindId', 'organiserType', 'organiserId', 'range', 'rule', 'startTime', 'durationMinutes', 'dates', 'place', 'content'];
const RENAME = { startAt: 'range', endAt: 'range', fromDate: 'dates', untilDate: 'dates' };

type Props = {
  open: boolean;
  onClose: () => void;
  onCreated: (r: { kind: 'one'; activity: ActivityDetail } | { kind: 'series'; series: Series }) => void;
  /** A liaison's activities are organised by their own station. */
  stationId?: string | null;
};

export function ActivityFormDrawer({ open, onClose, onCreated, stationId }: Props) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'one' | 'series'>('one');
  const opts = useActivityOptions();
  const organiserType = Form.useWatch('organiserType', form);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const shared = {
        title: v.title,
        kindId: v.kindId,
        organiserType: v.organiserType,
        organiserId: v.organiserType === 'town' ? null : (v.organiserId ?? null),
        place: v.place ?? '',
        content: v.content ?? '',
      };
      if (mode === 'one') {
        const [s, e] = v.range ?? [];
        const activity = await activitiesApi.create({ ...shared, startAt: s ? isoWithOffset(s) : '', endAt: e ? isoWithOffset(e) : '' });
        return { kind: 'one' as const, activity };
      }
      const [from, until] = v.dates ?? [];
      const series = await activitiesApi.createSeries({
        ...shared,
        rule: v.rule ?? { type: 'monthly_nth_weekday', nth: 1, weekday: 6 },
        startTime: v.startTime?.format('HH:mm') ?? '',
        durationMinutes: v.durationMinutes ?? 0,
        fromDate: from?.format('YYYY-MM-DD') ?? '',
        untilDate: until?.format('YYYY-MM-DD') ?? '',
        // Every day of a station's or group's series invites its members (those serving then).
        invite:
          v.inviteOrganiser && shared.organiserId
            ? v.organiserType === 'station'
              ? { stationIds: [shared.organiserId] }
              : { groupIds: [shared.organiserId] }
            : null,
      });
      return { kind: 'series' as const, series };
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['activities'] });
      message.success(r.kind === 'series' ? t('activity.seriesCreated', { n: r.series.occurrenceCount }) : t('common.created'));
      form.resetFields();
      onCreated(r);
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
      title={t('activity.create')}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      }
    >
      <Segmented
        block
        aria-label={t('activity.mode')}
        style={{ marginBottom: 16 }}
        value={mode}
        onChange={(v) => setMode(v as 'one' | 'series')}
        options={[
          { value: 'one', label: t('activity.modeOne') },
          { value: 'series', label: t('activity.modeSeries') },
        ]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          organiserType: stationId ? 'station' : 'town',
          organiserId: stationId ?? null,
          durationMinutes: 120,
          startTime: dayjs('09:00', 'HH:mm'),
          rule: { type: 'monthly_nth_weekday', nth: 1, weekday: 6 },
          inviteOrganiser: true,
        }}
      >
        <Form.Item name="title" label={t('activity.title')} rules={req(t('activity.title'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kindId" label={t('activity.kind')} rules={req(t('activity.kind'))}>
          <Select options={opts.kinds} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="organiserType" label={t('activity.organiserType')}>
          <Select
            disabled={!!stationId}
            onChange={() => form.setFieldValue('organiserId', null)}
            options={(['town', 'station', 'group'] as const).map((v) => ({ value: v, label: t(`activity.organiser.${v}`) }))}
          />
        </Form.Item>
        {organiserType && organiserType !== 'town' && (
          <Form.Item name="organiserId" label={t('activity.organiser')} rules={req(t('activity.organiser'))}>
            <Select disabled={!!stationId} options={organiserType === 'station' ? opts.stations : opts.groups} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        )}
        {mode === 'one' ? (
          <Form.Item name="range" label={t('activity.time')} rules={req(t('activity.time'))}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <>
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
            {organiserType && organiserType !== 'town' && (
              <Form.Item name="inviteOrganiser" valuePropName="checked">
                <Checkbox>{t('activity.inviteOrganiser')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
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
