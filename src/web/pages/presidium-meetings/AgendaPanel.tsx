import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { AgendaItem, MeetingDetail } from '../../api/presidiumMeetings.ts';
import { presidiumMeetingsApi } from '../../api/presidiumMeetings.ts';
import { useT } from '../../i18n/index.tsx';

/** The agenda in meeting order; administrators edit it as one list (add, remove, move) and save it whole. */
export function AgendaPanel({ meeting }: { meeting: MeetingDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ items: AgendaItem[] }>();

  async function save(v: { items?: AgendaItem[] }) {
    setSaving(true);
    try {
      const items = (v.items ?? []).map((i) => ({ title: i.title, presenter: i.presenter ?? '', notes: i.notes ?? '' }));
      await presidiumMeetingsApi.setAgenda(meeting.id, meeting.version, items);
      void qc.invalidateQueries({ queryKey: ['presidium-meetings'] });
      message.success(t('common.saved'));
      setEditing(false);
    } catch (e) {
      message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('meeting.agenda')}</h2>}
      size="small"
      extra={
        meeting.canEdit && !editing ? (
          <Button size="small" onClick={() => setEditing(true)}>
            {t('meeting.editAgenda')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <Form form={form} layout="vertical" initialValues={{ items: meeting.agenda }} onFinish={save}>
          <Form.List name="items">
            {(fields, { add, remove, move }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 8 }} styles={{ body: { paddingBottom: 0 } }}>
                    <Form.Item
                      name={[f.name, 'title']}
                      label={t('meeting.agendaTitle', { n: i + 1 })}
                      rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('meeting.agendaItem') }) }]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    <Space wrap align="start" style={{ width: '100%' }}>
                      <Form.Item name={[f.name, 'presenter']} label={t('meeting.presenter')}>
                        <Input maxLength={50} style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'notes']} label={t('meeting.agendaNotes')}>
                        <Input maxLength={2000} style={{ width: 280, maxWidth: '100%' }} />
                      </Form.Item>
                    </Space>
                    <Space style={{ marginBottom: 12 }}>
                      <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('meeting.moveUp', { n: i + 1 })} onClick={() => move(i, i - 1)} />
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={i === fields.length - 1}
                        aria-label={t('meeting.moveDown', { n: i + 1 })}
                        onClick={() => move(i, i + 1)}
                      />
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('meeting.removeItem', { n: i + 1 })} onClick={() => remove(i)} />
                    </Space>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ title: '', presenter: '', notes: '' })} style={{ marginBottom: 12 }}>
                  {t('meeting.addItem')}
                </Button>
              </>
            )}
          </Form.List>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      ) : meeting.agenda.length ? (
        <ol style={{ margin: 0, paddingInlineStart: 24 }}>
          {meeting.agenda.map((a) => (
            <li key={a.id} style={{ marginBottom: 6, overflowWrap: 'anywhere' }}>
              <span>{a.title}</span>
              {a.presenter && <Typography.Text type="secondary">（{t('meeting.presenter')}：{a.presenter}）</Typography.Text>}
              {a.notes && <div style={{ color: 'rgba(0,0,0,0.65)' }}>{a.notes}</div>}
            </li>
          ))}
        </ol>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meeting.agendaEmpty')} />
      )}
    </Card>
  );
}
