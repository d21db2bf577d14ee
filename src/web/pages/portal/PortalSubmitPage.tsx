import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { portalApi } from '../../api/portal.ts';
import { useT } from '../../i18n/index.tsx';
import { CaptchaField } from './CaptchaField.tsx';
import { usePortal, usePortalTitle } from './PortalLayout.tsx';
import { SubmitDone } from './SubmitDone.tsx';
import { newIdempotencyKey, phoneOk } from './portalFormat.ts';

type Values = {
  targetType: 'station' | 'deputy';
  stationId?: string;
  deputyId?: string;
  category?: string;
  content?: string;
  villageId?: string;
  name?: string;
  phone?: string;
  captchaAnswer?: string;
};

const FIELDS = ['targetType', 'stationId', 'deputyId', 'category', 'content', 'villageId', 'name', 'phone', 'captchaAnswer'] as const;
const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * 提交意见: to a station or a deputy, with an offline captcha. The idempotency key is made once per
 * opinion and kept across retries, so pressing 提交 again after a dropped connection cannot store it
 * twice; the server answers the first one's tracking code.
 */
export default function PortalSubmitPage() {
  const t = useT();
  const { portal, base } = usePortal();
  const [sp] = useSearchParams();
  usePortalTitle(t('portal.submit.title'), portal.town.name);
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(newIdempotencyKey);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const captcha = useQuery({
    queryKey: ['portal', 'captcha', key],
    queryFn: portalApi.captcha,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const deputies = useQuery({ queryKey: ['portal', 'deputies', portal.town.code], queryFn: () => portalApi.deputies(portal.town.code), staleTime: 5 * 60_000 });
  const targetType = Form.useWatch('targetType', form) ?? 'station';

  const initial: Values = {
    targetType: sp.get('deputy') ? 'deputy' : 'station',
    stationId: sp.get('station') ?? (portal.stations.length === 1 ? portal.stations[0].id : undefined),
    deputyId: sp.get('deputy') ?? undefined,
  };

  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  function newCaptcha() {
    form.setFieldValue('captchaAnswer', '');
    void captcha.refetch();
  }

  async function send(v: Values) {
    if (!captcha.data) return newCaptcha();
    setBusy(true);
    setError(null);
    try {
      const res = await portalApi.submit(portal.town.code, {
        captchaId: captcha.data.id,
        captchaAnswer: v.captchaAnswer?.trim() ?? '',
        idempotencyKey: key,
        targetType: v.targetType,
        stationId: v.targetType === 'station' ? v.stationId : undefined,
        deputyId: v.targetType === 'deputy' ? v.deputyId : undefined,
        category: v.category ?? '',
        content: v.content?.trim() ?? '',
        villageId: v.villageId,
        name: opt(v.name),
        phone: opt(v.phone),
      });
      setCode(res.trackingCode);
      window.scrollTo(0, 0);
    } catch (e) {
      // A tried captcha is used up: show a new one (first: a changed value clears the field's error). Any
      // other refusal leaves it valid.
      if (e instanceof ApiError && e.issues.some((i) => i.field === 'body.captchaAnswer')) newCaptcha();
      const onField = applyServerErrors(form, e, FIELDS);
      if (!onField) setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  function another() {
    const keep = form.getFieldsValue(['targetType', 'stationId', 'deputyId']);
    form.resetFields();
    form.setFieldsValue(keep);
    setCode(null);
    setError(null);
    // A new opinion gets a new key, and with it a new captcha (the query is keyed by it).
    setKey(newIdempotencyKey());
  }

  if (code) return <SubmitDone code={code} trackHref={`${base}/track?code=${code}`} onAnother={another} />;

  const required = (field: string) => ({ required: true, message: t('portal.submit.requiredSelect', { field }) });
  return (
    <>
      <h1>{t('portal.submit.title')}</h1>
      <Typography.Paragraph>{t('portal.submit.intro')}</Typography.Paragraph>
      {error && (
        <div ref={alertRef} tabIndex={-1} style={{ marginBottom: 16, outline: 'none' }}>
          <Alert
            role="alert"
            type="error"
            showIcon
            title={error instanceof ApiError && error.status === 0 ? t('portal.submit.failed') : error.message}
            description={error instanceof ApiError && error.status === 0 ? `${error.message} ${t('portal.submit.retryHint')}` : undefined}
          />
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        initialValues={initial}
        onFinish={(v) => void send(v)}
        requiredMark="optional"
        disabled={busy}
        scrollToFirstError
      >
        <Form.Item name="targetType" label={t('portal.submit.targetType')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'station', label: t('portal.submit.toStation') },
              { value: 'deputy', label: t('portal.submit.toDeputy') },
            ]}
          />
        </Form.Item>
        {targetType === 'station' ? (
          <Form.Item name="stationId" label={t('portal.submit.station')} rules={[required(t('portal.submit.station'))]}>
            <Select options={portal.stations.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        ) : (
          <Form.Item name="deputyId" label={t('portal.submit.deputy')} rules={[required(t('portal.submit.deputy'))]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('portal.submit.deputyPlaceholder')}
              loading={deputies.isLoading}
              options={(deputies.data ?? []).map((d) => ({ value: d.id, label: d.station ? `${d.name}（${d.station}）` : d.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="category" label={t('portal.submit.category')} rules={[required(t('portal.submit.category'))]}>
          <Select options={portal.categories.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item
          name="content"
          className="portal-counted"
          label={t('portal.submit.content')}
          extra={t('portal.submit.contentHint')}
          rules={[
            { required: true, whitespace: true, message: t('portal.submit.required', { field: t('portal.submit.content') }) },
            {
              validator: (_, v: string | undefined) =>
                !v || v.trim().length >= 5 ? Promise.resolve() : Promise.reject(new Error(t('portal.submit.contentShort'))),
            },
          ]}
        >
          <Input.TextArea rows={6} maxLength={2000} showCount />
        </Form.Item>
        {portal.villages.length > 0 && (
          <Form.Item name="villageId" label={t('portal.submit.village')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={portal.villages.map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
        )}
        <Typography.Paragraph type="secondary">{t('portal.submit.privacy')}</Typography.Paragraph>
        <Form.Item name="name" label={t('portal.submit.name')}>
          <Input maxLength={20} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('portal.submit.phone')}
          rules={[
            {
              validator: (_, v: string | undefined) => (!v?.trim() || phoneOk(v) ? Promise.resolve() : Promise.reject(new Error(t('portal.submit.phoneBad')))),
            },
          ]}
        >
          <Input type="tel" inputMode="tel" maxLength={20} autoComplete="tel" />
        </Form.Item>
        <CaptchaField captcha={captcha.data} loading={captcha.isFetching} failed={!!captcha.error} onRefresh={newCaptcha} />
        <Button type="primary" htmlType="submit" block loading={busy} style={{ minHeight: 48, marginTop: 8 }}>
          {t('portal.submit.send')}
        </Button>
      </Form>
    </>
  );
}
