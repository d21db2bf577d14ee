import { DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type SessionDetail, type SessionKind, sessionsApi } from '../../api/sessions.ts';
import { DeputyPicker } from '../../components/DeputyPicker.tsx';
import { useTerms } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';

type Values = {
  termId?: string;
  number?: number | null;
  kind: SessionKind;
  startDate: Dayjs;
  endDate: Dayjs;
  place?: string;
  notes?: string;
  secretaryGeneralId?: string | null;
};
const FIELDS = ['termId', 'number', 'kind', 'startDate', 'endDate', 'place', 'notes', 'secretaryGeneralId'] as const;

type Member = { deputyId: string; name: string; code?: string; executive: boolean };

/** A new session, or the basics of one: term, number, kind, dates, place, secretary-general and presidium. */
export function SessionFormDialog({ session, onClose, onSaved }: { session?: SessionDetail; onClose: () => void; onSaved?: (s: SessionDetail) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const terms = useTerms();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [members, setMembers] = useState<Member[]>(
    () => session?.presidium.map((p) => ({ deputyId: p.deputyId, name: p.name, code: p.code, executive: p.executive })) ?? [],
  );
  const [initial] = useState<Partial<Values>>(() =>
    session
      ? {
          number: session.number,
          kind: session.kind,
          startDate: dayjs(session.startDate),
          endDate: dayjs(session.endDate),
          place: session.place,
          notes: session.notes,
          secretaryGeneralId: session.secretaryGeneral?.id ?? null,
        }
      : { kind: 'ordinary' },
  );
  const currentTerm = terms.data?.find((x) => x.current);

  async function submit(v: Values) {
    setSaving(true);
    const body = {
      number: v.number ?? undefined,
      kind: v.kind,
      startDate: v.startDate.format('YYYY-MM-DD'),
      endDate: v.endDate.format('YYYY-MM-DD'),
      place: v.place ?? '',
      notes: v.notes ?? '',
      secretaryGeneralId: v.secretaryGeneralId ?? null,
      presidium: members.map((m) => ({ deputyId: m.deputyId, executive: m.executive })),
    };
    try {
      const termId = v.termId ?? currentTerm?.id;
      const saved = session
        ? await sessionsApi.update(session.id, { ...body, version: session.version })
        : await sessionsApi.create({ ...body, termId: termId ?? '' });
      void qc.invalidateQueries({ queryKey: ['sessions'] });
      message.success(session ? t('common.saved') : t('common.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  const requiredDate = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Modal
      open
      title={session ? t('session.edit') : t('session.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={680}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Row gutter={12}>
          {!session && (
            <Col xs={24} sm={12}>
              <Form.Item name="termId" label={t('session.term')}>
                <Select allowClear placeholder={currentTerm?.name} options={(terms.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="number" label={t('session.number')} extra={session ? undefined : t('session.numberHint')}>
              <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="kind" label={t('session.kind')}>
          <Radio.Group
            options={[
              { value: 'ordinary', label: t('session.kind.ordinary') },
              { value: 'extraordinary', label: t('session.kind.extraordinary') },
            ]}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="startDate" label={t('session.startDate')} rules={requiredDate(t('session.startDate'))}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="endDate" label={t('session.endDate')} rules={requiredDate(t('session.endDate'))}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="place" label={t('session.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="secretaryGeneralId" label={t('session.secretaryGeneral')}>
          <DeputyPicker known={session?.secretaryGeneral ?? null} />
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, marginBottom: 4, border: 0 }}>{t('session.presidium')}</legend>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {t('session.presidiumHint')}
          </Typography.Text>
          <DeputyPicker
            aria-label={t('session.presidiumAdd')}
            placeholder={t('session.presidiumAdd')}
            value={null}
            excludeIds={members.map((m) => m.deputyId)}
            onChange={(id, d) => {
              if (id && !members.some((m) => m.deputyId === id))
                setMembers([...members, { deputyId: id, name: d?.name ?? id, code: d?.code, executive: false }]);
            }}
          />
          {members.length === 0 ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {t('session.presidiumEmpty')}
            </Typography.Text>
          ) : (
            <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0 0', display: 'grid', gap: 4 }}>
              {members.map((m, i) => (
                <li key={m.deputyId} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <span style={{ flex: '1 1 auto' }}>
                    {i + 1}. {m.name}
                    {m.code ? `（${m.code}）` : ''}
                  </span>
                  <Checkbox
                    checked={m.executive}
                    onChange={(e) => setMembers(members.map((x) => (x.deputyId === m.deputyId ? { ...x, executive: e.target.checked } : x)))}
                  >
                    {t('session.executive')}
                  </Checkbox>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('session.removeMember', { name: m.name })}
                    onClick={() => setMembers(members.filter((x) => x.deputyId !== m.deputyId))}
                  />
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <Form.Item name="notes" label={t('session.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
