import { useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.ts';
import { MEETING_STATUSES, type MeetingDetail, type MeetingStatus, presidiumMeetingsApi } from '../../api/presidiumMeetings.ts';
import { useTerms } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';

type Values = {
  termId?: string;
  ordinal?: number | null;
  title: string;
  date: Dayjs;
  startTime?: Dayjs | null;
  endTime?: Dayjs | null;
  place?: string;
  presider?: string;
  attendees?: string;
  status: MeetingStatus;
};
const FIELDS = ['termId', 'ordinal', 'title', 'date', 'startTime', 'endTime', 'place', 'presider', 'attendees', 'status'] as const;
const hm = (d: Dayjs | null | undefined) => (d ? d.format('HH:mm') : null);

/** A new meeting, or the basics of one (agenda, minutes and decisions are edited on its page). */
export function MeetingFormModal({ meeting, onClose, onSaved }: { meeting?: MeetingDetail; onClose: () => void; onSaved?: (m: MeetingDetail) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const terms = useTerms();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [initial] = useState<Partial<Values>>(() =>
    meeting
      ? {
          ordinal: meeting.ordinal,
          title: meeting.title,
          date: dayjs(meeting.date),
          startTime: meeting.startTime ? dayjs(`2000-01-01T${meeting.startTime}`) : null,
          endTime: meeting.endTime ? dayjs(`2000-01-01T${meeting.endTime}`) : null,
          place: meeting.place,
          presider: meeting.presider,
          attendees: meeting.attendees,
          status: meeting.status,
        }
      : { date: dayjs(), status: 'planned', startTime: dayjs('2000-01-01T09:00') },
  );

  async function submit(v: Values) {
    setSaving(true);
    const body = {
      ordinal: v.ordinal ?? undefined,
      title: v.title,
      date: v.date.format('YYYY-MM-DD'),
      startTime: hm(v.startTime),
      endTime: hm(v.endTime),
      place: v.place ?? '',
      presider: v.presider ?? '',
      attendees: v.attendees ?? '',
      status: v.status,
    };
    try {
      const saved = meeting
        ? await presidiumMeetingsApi.update(meeting.id, { ...body, version: meeting.version })
        : await presidiumMeetingsApi.create({ ...body, termId: v.termId });
      void qc.invalidateQueries({ queryKey: ['presidium-meetings'] });
      message.success(meeting ? t('common.saved') : t('common.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  return (
    <Modal
      open
      title={meeting ? t('meeting.edit') : t('meeting.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="title" label={t('meeting.title')} rules={required(t('meeting.title'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          {!meeting && (
            <Col xs={24} sm={12}>
              <Form.Item name="termId" label={t('deputy.term')} extra={terms.data?.find((x) => x.current)?.name}>
                <Select allowClear options={(terms.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="ordinal" label={t('meeting.ordinal')} extra={meeting ? undefined : t('meeting.ordinalHint')}>
              <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="date" label={t('meeting.date')} rules={[{ required: true, message: t('common.required', { field: t('meeting.date') }) }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="startTime" label={t('meeting.startTime')}>
              <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="endTime" label={t('meeting.endTime')}>
              <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="place" label={t('meeting.place')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="presider" label={t('meeting.presider')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="attendees" label={t('meeting.attendees')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="status" label={t('meeting.status')}>
          <Select options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meeting.status.${s}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
