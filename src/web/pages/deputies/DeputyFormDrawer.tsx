import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type Deputy, GENDERS, OCCUPATIONS, PARTIES, deputiesApi } from '../../api/deputies.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useConstituencies, useStationOptions, useTerms } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';
import { type DeputyFormValues, FORM_FIELDS, SERVER_FIELD_RENAME, changedFields, toFormValues, toInput } from './deputyForm.ts';
import { idNumberProblem, isPhone } from './deputyRules.ts';
import { ETHNICITIES } from './ethnicities.ts';
import { LevelCheckboxes } from './LevelCheckboxes.tsx';

type Props = { open: boolean; deputy?: Deputy; onClose: () => void; onSaved: (d: Deputy) => void };

/** Create a deputy, or edit one (only changed fields are sent, with the version read). */
export function DeputyFormDrawer({ open, deputy, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = useIsMobile();
  const [form] = Form.useForm<DeputyFormValues>();
  const [saving, setSaving] = useState(false);
  const terms = useTerms();
  const currentTerm = terms.data?.find((x) => x.current)?.id;
  const termId = Form.useWatch('termId', form);
  const constituencies = useConstituencies(termId);
  const stations = useStationOptions();
  const initial = useMemo(() => toFormValues(deputy, currentTerm), [deputy, currentTerm]);

  // A new version from the server (after a conflict, or someone's save) refills the form.
  useEffect(() => {
    if (!open) return;
    if (deputy) form.setFieldsValue({ ...initial });
    else if (!form.getFieldValue('termId') && initial.termId) form.setFieldsValue({ termId: initial.termId });
  }, [open, deputy, initial, form]);

  const req = (key: Parameters<typeof t>[0], select = false) => ({
    required: true,
    message: t(select ? 'common.requiredSelect' : 'common.required', { field: t(key) }),
  });

  async function submit(values: DeputyFormValues) {
    setSaving(true);
    try {
      const input = toInput(values);
      let saved: Deputy;
      if (deputy) {
        const patch = changedFields(toInput(initial), input, deputy);
        // Nothing changed: no request, so the audit log does not fill with empty edits.
        saved = Object.keys(patch).length ? await deputiesApi.update(deputy.id, { ...patch, version: deputy.version }) : deputy;
      } else {
        saved = await deputiesApi.create(input);
      }
      qc.setQueryData(['deputies', 'one', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['deputies', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      void qc.invalidateQueries({ queryKey: ['deputies', 'stats'] });
      message.success(deputy ? t('common.saved') : t('common.created'));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && deputy) {
        message.warning(t('common.conflict'), 6);
        await qc.invalidateQueries({ queryKey: ['deputies', 'one', deputy.id] });
      } else if (!applyServerErrors(form, e, FORM_FIELDS, SERVER_FIELD_RENAME)) {
        message.error((e as Error).message);
      }
    } finally {
      setSaving(false);
    }
  }

  const half = mobile ? 24 : 12;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 720}
      title={deputy ? t('deputy.editTitle', { name: deputy.name }) : t('deputy.createTitle')}
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
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} scrollToFirstError={{ block: 'center' }}>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 15, marginBottom: 12 }}>{t('deputy.basicInfo')}</legend>
          <Row gutter={16}>
            <Col span={half}>
              <Form.Item name="name" label={t('deputy.name')} rules={[req('deputy.name'), { max: 50, whitespace: true }]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="code" label={t('deputy.code')} extra={deputy ? undefined : t('deputy.codeHint')}>
                <Input autoComplete="off" maxLength={32} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="gender" label={t('deputy.gender')} rules={[req('deputy.gender', true)]}>
                <Radio.Group options={GENDERS.map((g) => ({ value: g, label: t.enum('gender', g) }))} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="birthDate" label={t('deputy.birthDate')}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} defaultPickerValue={dayjs('1975-01-01')} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="ethnicity" label={t('deputy.ethnicity')}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={ETHNICITIES.map((e) => ({ value: e, label: e }))} allowClear />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="party" label={t('deputy.party')} rules={[req('deputy.party', true)]}>
                <Select options={PARTIES.map((p) => ({ value: p, label: t.enum('party', p) }))} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
          </Row>
        </fieldset>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 15, marginBottom: 12 }}>{t('deputy.dutyInfo')}</legend>
          <Row gutter={16}>
            <Col span={half}>
              <Form.Item name="termId" label={t('deputy.term')} rules={[req('deputy.term', true)]}>
                <Select options={(terms.data ?? []).map((x) => ({ value: x.id, label: x.name }))} loading={terms.isPending} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="levels" label={t('deputy.level')} rules={[{ required: true, type: 'array', min: 1, message: t('deputy.levelRequired') }]}>
                <LevelCheckboxes />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="constituencyId" label={t('deputy.constituency')}>
                <Select allowClear options={(constituencies.data ?? []).map((c) => ({ value: c.id, label: c.name }))} loading={constituencies.isFetching} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="stationId" label={t('deputy.station')}>
                <Select allowClear options={stations} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="occupation" label={t('deputy.occupation')} rules={[req('deputy.occupation', true)]}>
                <Select options={OCCUPATIONS.map((o) => ({ value: o, label: t.enum('occupation', o) }))} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="workplace" label={t('deputy.workplace')} rules={[{ max: 100 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="title" label={t('deputy.title')} rules={[{ max: 50 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="hardship" label={t('deputy.hardship')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
        </fieldset>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 15, marginBottom: 12 }}>{t('deputy.contactInfo')}</legend>
          <Row gutter={16}>
            <Col span={half}>
              <Form.Item
                name="phone"
                label={t('deputy.phone')}
                rules={[{ validator: (_, v: string) => (!v || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('deputy.phoneInvalid')))) }]}
              >
                <Input inputMode="tel" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item
                name="idNumber"
                label={t('deputy.idNumber')}
                extra={deputy?.idNumber ? t('deputy.idNumberKeep', { masked: deputy.idNumber }) : undefined}
                rules={[
                  {
                    validator: (_, v: string) => {
                      if (!v) return Promise.resolve();
                      const p = idNumberProblem(v);
                      if (!p) return Promise.resolve();
                      return Promise.reject(new Error(t(p === 'format' ? 'deputy.idNumberInvalid' : 'deputy.idNumberChecksum')));
                    },
                  },
                ]}
              >
                <Input autoComplete="off" maxLength={18} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="notes" label={t('deputy.notes')} rules={[{ max: 500 }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
            </Col>
          </Row>
        </fieldset>
      </Form>
    </Drawer>
  );
}
