import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ActivityDetail, activitiesApi } from '../../api/activities.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { cn, isoWithOffset } from './activityFormat.ts';

type Values = { title: string; range: [Dayjs, Dayjs]; place?: string; content?: string; outcomes?: string };
const FIELDS = ['title', 'range', 'place', 'content', 'outcomes'];
const RENAME = { startAt: 'range', endAt: 'range' };

/**
 * Edit one activity — for an occurrence of a series this moves or changes that day only (the server
 * marks it moved/detached, and later changes of the series leave it as it is).
 */
export function ActivityEditDrawer({ activity: a, open, onClose }: { activity: ActivityDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      activitiesApi.update(a.id, {
        title: v.title,
        startAt: isoWithOffset(v.range[0]),
        endAt: isoWithOffset(v.range[1]),
        place: v.place ?? '',
        content: v.content ?? '',
        outcomes: v.outcomes ?? '',
        version: a.version,
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['activities'] });
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, FIELDS, RENAME)) message.error((e as Error).message);
    },
  });
  // The pickers show China wall-clock time, as everything else on these pages.
  const wall = (iso: string) => dayjs(cn(iso).format('YYYY-MM-DDTHH:mm:ss'));
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 560}
      title={t('activity.editTitle')}
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
      {a.seriesId && <p>{t('activity.editOccurrenceNote')}</p>}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ title: a.title, range: [wall(a.startAt), wall(a.endAt)], place: a.place, content: a.content, outcomes: a.outcomes }}
      >
        <Form.Item name="title" label={t('activity.title')} rules={[{ required: true, message: t('common.required', { field: t('activity.title') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="range" label={t('activity.time')} rules={[{ required: true, message: t('common.required', { field: t('activity.time') }) }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('activity.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label={t('activity.content')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="outcomes" label={t('activity.outcomes')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
