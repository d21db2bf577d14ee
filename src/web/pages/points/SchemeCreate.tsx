import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber } from 'antd';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { pointsApi } from '../../api/points.ts';
import { useT } from '../../i18n/index.tsx';
import { defaultScheme } from './pointsFormat.ts';

type Values = { name: string; fullMarks: number; commendTop: number };

/** No scheme for the year: admins create one from the defaults (the server fills in the default items). */
export function SchemeCreate({ year, canCreate }: { year: number; canCreate: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const base = defaultScheme(year);
  const create = useMutation({
    mutationFn: (v: Values) => pointsApi.create({ ...base, ...v }),
    onSuccess: () => {
      message.success(t('points.created'));
      void qc.invalidateQueries({ queryKey: ['points'] });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, ['name', 'fullMarks', 'commendTop'])) message.error(e instanceof ApiError ? e.message : String(e), 6);
    },
  });
  return (
    <Card>
      <Empty description={t('points.noScheme', { year })}>
        {canCreate && (
          <>
            <p style={{ color: '#595959' }}>{t('points.noSchemeHint')}</p>
            <Form<Values>
              form={form}
              layout="vertical"
              style={{ maxWidth: 420, margin: '0 auto', textAlign: 'left' }}
              initialValues={{ name: base.name, fullMarks: base.fullMarks, commendTop: base.commendTop }}
              onFinish={(v) => create.mutate(v)}
            >
              <Form.Item name="name" label={t('points.schemeName')} rules={[{ required: true, whitespace: true, max: 60 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="fullMarks" label={t('points.fullMarks')} extra={t('points.fullMarksHint')} rules={[{ required: true }]}>
                <InputNumber min={1} max={10000} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="commendTop" label={t('points.commendTop')} rules={[{ required: true }]}>
                <InputNumber min={0} max={500} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={create.isPending} block>
                {t('points.createDefault')}
              </Button>
            </Form>
          </>
        )}
      </Empty>
    </Card>
  );
}
