import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { STATION_KINDS, type ScheduleRule, type StationDetail, type StationInput, type StationKind, stationsApi } from '../../api/stations.ts';
import { DeputyPicker } from '../../components/DeputyPicker.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { ScheduleEditor } from './ScheduleEditor.tsx';
import { ruleProblem, sameRule } from './scheduleRules.ts';

type Values = {
  code?: string;
  name?: string;
  kind?: StationKind;
  address?: string;
  phone?: string;
  headDeputyId?: string | null;
  description?: string;
  scheduleRule?: ScheduleRule | null;
};
const FIELDS = ['code', 'name', 'kind', 'address', 'phone', 'headDeputyId', 'description', 'scheduleRule'] as const;

function toValues(s?: StationDetail): Values {
  if (!s) return { kind: 'station', scheduleRule: null, headDeputyId: null };
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    address: s.address,
    phone: s.phone ?? '',
    headDeputyId: s.headDeputyId,
    description: s.description,
    scheduleRule: s.scheduleRule,
  };
}

function toInput(v: Values): StationInput {
  const input: StationInput = {
    name: (v.name ?? '').trim(),
    kind: v.kind ?? 'station',
    address: (v.address ?? '').trim(),
    phone: (v.phone ?? '').trim() || null,
    headDeputyId: v.headDeputyId ?? null,
    description: (v.description ?? '').trim(),
    scheduleRule: v.scheduleRule ?? null,
  };
  const code = (v.code ?? '').trim();
  if (code) input.code = code;
  return input;
}

/** Only what changed, so a PATCH does not write back fields someone else edited meanwhile. */
function changed(before: StationInput, after: StationInput): Partial<StationInput> {
  const out: Partial<StationInput> = {};
  for (const k of Object.keys(after) as (keyof StationInput)[]) {
    const same = k === 'scheduleRule' ? sameRule(before.scheduleRule, after.scheduleRule) : (before[k] ?? null) === (after[k] ?? null);
    if (!same) (out as Record<string, unknown>)[k] = after[k];
  }
  return out;
}

type Props = { open: boolean; station?: StationDetail; onClose: () => void; onSaved: (s: StationDetail) => void };

/** Create a liaison station or edit one (with the version read: a stale one is refused and the form reloads). */
export function StationFormDrawer({ open, station, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  // A new version from the server (after a conflict, or someone's save) refills the form.
  useEffect(() => {
    if (open) form.setFieldsValue(toValues(station));
  }, [open, station, form]);

  async function submit(values: Values) {
    setSaving(true);
    try {
      const input = toInput(values);
      let saved: StationDetail;
      if (station) {
        const patch = changed(toInput(toValues(station)), input);
        saved = Object.keys(patch).length ? await stationsApi.update(station.id, { ...patch, version: station.version }) : station;
      } else {
        saved = await stationsApi.create(input);
      }
      qc.setQueryData(['stations', 'one', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['stations', 'list'] });
      void qc.invalidateQueries({ queryKey: ['stations', 'days', saved.id] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      message.success(station ? t('common.saved') : t('common.created'));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'CONFLICT' && station && e.issues.length === 0) {
        message.warning(t('common.conflict'), 6);
        await qc.invalidateQueries({ queryKey: ['stations', 'one', station.id] });
      } else if (!applyServerErrors(form, e, FIELDS, { days: 'scheduleRule', weekdays: 'scheduleRule', nth: 'scheduleRule', weekday: 'scheduleRule' })) {
        message.error((e as Error).message);
      }
    } finally {
      setSaving(false);
    }
  }

  const req = (key: 'station.name' | 'station.kind', select = false) => ({
    required: true,
    whitespace: !select,
    message: t(select ? 'common.requiredSelect' : 'common.required', { field: t(key) }),
  });
  const half = mobile ? 24 : 12;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 720}
      title={station ? t('station.editTitle', { name: station.name }) : t('station.createTitle')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={toValues(station)} onFinish={submit} scrollToFirstError={{ block: 'center' }}>
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item name="name" label={t('station.name')} rules={[req('station.name'), { max: 100 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="code" label={t('common.code')} extra={station ? undefined : t('station.codeHint')} rules={[{ max: 32 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="kind" label={t('station.kind')} rules={[req('station.kind', true)]}>
              <Select options={STATION_KINDS.map((k) => ({ value: k, label: t.enum('stationKind', k) }))} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="headDeputyId" label={t('station.head')}>
              <DeputyPicker known={station?.headDeputyId ? { id: station.headDeputyId, name: station.headDeputyName ?? '' } : null} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="address" label={t('common.address')} rules={[{ max: 200 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="phone" label={t('common.phone')} rules={[{ max: 30 }]}>
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('station.description')} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="scheduleRule"
              label={t('station.schedule')}
              rules={[
                {
                  validator: (_, r: ScheduleRule | null) => {
                    const p = ruleProblem(r);
                    if (!p) return Promise.resolve();
                    return Promise.reject(
                      new Error(t(p === 'days' ? 'station.ruleNeedDays' : p === 'weekdays' ? 'station.ruleNeedWeekdays' : 'station.ruleIncomplete')),
                    );
                  },
                },
              ]}
            >
              <ScheduleEditor stationId={station?.id} savedRule={station?.scheduleRule} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
