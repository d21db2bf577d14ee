import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form } from 'antd';
import { useState } from 'react';
import type { InviteSelector } from '../../api/activities.ts';
import { documentsApi } from '../../api/documents.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import type { KnownDeputy } from '../../components/DeputyPicker.tsx';
import { DeputySelectionFields, SELECTION_FIELDS, type SelectionValues, selectionBody } from '../../components/DeputySelectionFields.tsx';
import { useT } from '../../i18n/index.tsx';

/** Send to deputies chosen by station, group, level or by hand — the same choosing as inviting to an activity. Sending again adds more. */
export function SendPanel({ documentId, sent }: { documentId: string; sent: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SelectionValues>();
  const [picked, setPicked] = useState<KnownDeputy[]>([]);

  const send = useMutation({
    mutationFn: (body: InviteSelector) => documentsApi.send(documentId, body),
    onSuccess: (r) => {
      message.success(t('document.sent', { added: r.added, already: r.alreadySent }));
      form.resetFields();
      setPicked([]);
      void qc.invalidateQueries({ queryKey: ['documents'] });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, SELECTION_FIELDS)) message.error((e as Error).message);
    },
  });

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{sent ? t('document.sendMore') : t('document.send')}</h2>} size="small">
      <Form<SelectionValues>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          const body = selectionBody(v, picked);
          if (!body) message.warning(t('document.sendEmpty'));
          else send.mutate(body);
        }}
      >
        <DeputySelectionFields pickerId="send-deputy" picked={picked} onPickedChange={setPicked} />
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={send.isPending}>
          {t('document.sendButton')}
        </Button>
      </Form>
    </Card>
  );
}
