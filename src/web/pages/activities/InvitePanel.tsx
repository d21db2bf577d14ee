import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Select, Tag } from 'antd';
import { useState } from 'react';
import { activitiesApi, type InviteSelector } from '../../api/activities.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { DeputyPicker, type KnownDeputy } from '../../components/DeputyPicker.tsx';
import { useT } from '../../i18n/index.tsx';
import { useActivityOptions } from './useActivityLookups.ts';

type Values = { stationIds?: string[]; groupIds?: string[]; levels?: ('town' | 'county')[] };

/** Invite by station, group, level or by hand; the server skips those already invited. */
export function InvitePanel({ activityId, defaultStationId }: { activityId: string; defaultStationId?: string | null }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const opts = useActivityOptions();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<KnownDeputy[]>([]);

  const invite = useMutation({
    mutationFn: (body: InviteSelector) => activitiesApi.invite(activityId, body),
    onSuccess: (r) => {
      message.success(t('activity.invited', { added: r.added, already: r.alreadyInvited }));
      form.resetFields();
      setPicked([]);
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, ['stationIds', 'groupIds', 'levels'])) message.error((e as Error).message);
    },
  });

  function submit(v: Values) {
    const body: InviteSelector = {};
    if (v.stationIds?.length) body.stationIds = v.stationIds;
    if (v.groupIds?.length) body.groupIds = v.groupIds;
    if (v.levels?.length) body.levels = v.levels;
    if (picked.length) body.deputyIds = picked.map((d) => d.id);
    if (Object.keys(body).length === 0) {
      message.warning(t('activity.inviteEmpty'));
      return;
    }
    invite.mutate(body);
  }

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('activity.invite')}</h2>} size="small">
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ stationIds: defaultStationId ? [defaultStationId] : [] }}>
        <Form.Item name="stationIds" label={t('activity.byStation')}>
          <Select mode="multiple" options={opts.stations} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="groupIds" label={t('activity.byGroup')}>
          <Select mode="multiple" options={opts.groups} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="levels" label={t('activity.byLevel')}>
          <Checkbox.Group
            options={[
              { value: 'town', label: t('activity.levelTown') },
              { value: 'county', label: t('activity.levelCounty') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('activity.byHand')} htmlFor="invite-deputy">
          <DeputyPicker
            id="invite-deputy"
            value={null}
            excludeIds={picked.map((d) => d.id)}
            onChange={(_id, d) => d && setPicked((p) => [...p, { id: d.id, name: d.name, code: d.code }])}
          />
          <div style={{ marginTop: 8 }}>
            {picked.map((d) => (
              <Tag
                key={d.id}
                closable
                closeIcon={<span aria-label={t('activity.removePicked', { name: d.name })}>×</span>}
                onClose={() => setPicked((p) => p.filter((x) => x.id !== d.id))}
              >
                {d.name}
              </Tag>
            ))}
          </div>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={invite.isPending}>
          {t('activity.sendInvites')}
        </Button>
      </Form>
    </Card>
  );
}
