import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form } from 'antd';
import { useState } from 'react';
import { activitiesApi, type InviteSelector } from '../../api/activities.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import type { KnownDeputy } from '../../components/DeputyPicker.tsx';
import { DeputySelectionFields, SELECTION_FIELDS, type SelectionValues as Values, selectionBody } from '../../components/DeputySelectionFields.tsx';
import { useT } from '../../i18n/index.tsx';

/** Invite by station, group, level or by hand; the server skips those already invited. */
export function InvitePanel({ activityId, defaultStationId }: { activityId: string; defaultStationId?: string | null }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
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
      if (!applyServerErrors(form, e, SELECTION_FIELDS)) message.error((e as Error).message);
    },
  });

  function submit(v: Values) {
    const body = selectionBody(v, picked);
    if (!body) {
      message.warning(t('activity.inviteEmpty'));
      return;
    }
    invite.mutate(body);
  }

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('activity.invite')}</h2>} size="small">
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ stationIds: defaultStationId ? [defaultStationId] : [] }}>
        <DeputySelectionFields pickerId="invite-deputy" picked={picked} onPickedChange={setPicked} />
        <Button type="primary" htmlType="submit" loading={invite.isPending}>
          {t('activity.sendInvites')}
        </Button>
      </Form>
    </Card>
  );
}
