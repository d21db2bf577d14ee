import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type GradeBand, type Scheme, type SchemeItem, type Weights, pointsApi } from '../../api/points.ts';
import { Pill } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import { SchemeItemsTable } from './SchemeItemsTable.tsx';
import { bandsProblem, weightsProblem, weightsSum } from './pointsFormat.ts';

export type SchemeValues = { name: string; items: SchemeItem[]; weights: Weights; bands: GradeBand[]; fullMarks: number; commendTop: number };

const WEIGHT_KEYS = ['records', 'peer', 'voter', 'presidium'] as const;

export function SchemeStatusTag({ scheme }: { scheme: Scheme }) {
  const t = useT();
  return <Pill tone={scheme.status === 'active' ? 'good' : 'dim'}>{t(`points.status.${scheme.status}`)}</Pill>;
}

/** The scheme editor: items, weights (live sum), grade bands, full marks, commendations; save with version; activate. */
export function SchemeEditor({ scheme, canEdit }: { scheme: Scheme; canEdit: boolean }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SchemeValues>();
  const metrics = useQuery({ queryKey: ['points', 'metrics'], queryFn: pointsApi.metrics, staleTime: 10 * 60_000 });
  const weights = Form.useWatch('weights', form) as Partial<Weights> | undefined;
  const bands = Form.useWatch('bands', form) as Partial<GradeBand>[] | undefined;
  const problem = weights ? weightsProblem(weights) : null;
  const bandProblem = bands ? bandsProblem(bands) : null;

  // A saved scheme (or a refetch after someone else saved) resets the form to what the server holds.
  useEffect(() => {
    form.setFieldsValue({
      name: scheme.name,
      items: scheme.items,
      weights: scheme.weights,
      bands: scheme.bands,
      fullMarks: scheme.fullMarks,
      commendTop: scheme.commendTop,
    });
  }, [form, scheme]);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409) message.warning(e.message, 6);
    else if (!applyServerErrors(form, e, ['name', 'items', 'weights', 'bands', 'fullMarks', 'commendTop']))
      message.error(e instanceof Error ? e.message : String(e), 6);
    else message.error(e instanceof Error ? e.message : String(e), 6);
  };
  const refresh = () => void qc.invalidateQueries({ queryKey: ['points'] });
  const save = useMutation({
    mutationFn: (v: SchemeValues) =>
      pointsApi.update(scheme.id, {
        version: scheme.version,
        ...v,
        name: v.name.trim(),
        items: v.items.map((i) => ({ ...i, label: i.label.trim(), cap: i.cap ?? null })),
      }),
    onSuccess: (saved) => {
      // The new version at once, so an activation right after a save does not send the old one (409).
      qc.setQueryData(['points', 'schemes', saved.year], { items: [saved] });
      message.success(t('points.saved'));
      refresh();
    },
    onError: fail,
  });
  const activate = () =>
    modal.confirm({
      title: t('points.activate'),
      content: t('points.activateConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const active = await pointsApi.activate(scheme.id, scheme.version);
          qc.setQueryData(['points', 'schemes', active.year], { items: [active] });
          message.success(t('points.activated'));
        } catch (e) {
          fail(e);
        }
        refresh();
      },
    });

  return (
    <Form<SchemeValues> form={form} layout="vertical" disabled={!canEdit} onFinish={(v) => save.mutate(v)}>
      <Card
        size="small"
        title={
          <Space wrap>
            {scheme.name}
            <SchemeStatusTag scheme={scheme} />
          </Space>
        }
        extra={
          canEdit && scheme.status === 'draft' ? (
            <Button type="primary" ghost onClick={activate}>
              {t('points.activate')}
            </Button>
          ) : undefined
        }
        style={{ marginBottom: 16 }}
      >
        <Form.Item name="name" label={t('points.schemeName')} rules={[{ required: true, whitespace: true, max: 60 }]} style={{ maxWidth: 480 }}>
          <Input />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('points.items')}
        </Typography.Title>
        <SchemeItemsTable form={form} metrics={metrics.data?.items ?? []} canEdit={canEdit} />
      </Card>
      <Card size="small" title={t('points.weights')} style={{ marginBottom: 16 }}>
        <Space wrap align="start">
          {WEIGHT_KEYS.map((k) => (
            <Form.Item key={k} name={['weights', k]} label={t(`points.weights.${k}`)} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
              <InputNumber min={0} max={100} precision={0} style={{ width: 110 }} />
            </Form.Item>
          ))}
        </Space>
        <div role="status" aria-live="polite">
          {problem ? (
            <Alert type="error" showIcon title={`${t('points.weights.sum', { sum: weightsSum(weights ?? {}) })}：${problem}`} />
          ) : (
            <Pill tone="good">✓ {t('points.weights.ok')}</Pill>
          )}
        </div>
      </Card>
      <Card size="small" title={t('points.bands')} style={{ marginBottom: 16 }}>
        <Form.List name="bands">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true }]} style={{ marginBottom: 8 }}>
                    <Input aria-label={`${t('points.band.label')} ${f.name + 1}`} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'min']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <InputNumber aria-label={`${t('points.band.min')} ${f.name + 1}`} min={0} max={100} style={{ width: 110 }} prefix="≥" />
                  </Form.Item>
                  {canEdit && (
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('points.band.remove', { label: bands?.[f.name]?.label ?? String(f.name + 1) })}
                      onClick={() => remove(f.name)}
                    />
                  )}
                </div>
              ))}
              {canEdit && (
                <Button icon={<PlusOutlined />} onClick={() => add({ label: '', min: undefined })}>
                  {t('points.band.add')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {bandProblem && <Alert type="error" showIcon title={bandProblem} style={{ marginTop: 8 }} />}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginTop: 16 }}>
          <Form.Item name="fullMarks" label={t('points.fullMarks')} extra={t('points.fullMarksHint')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="commendTop" label={t('points.commendTop')} rules={[{ required: true }]}>
            <InputNumber min={0} max={500} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </div>
      </Card>
      {canEdit && (
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!!problem || !!bandProblem}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
