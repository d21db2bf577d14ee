import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type Submission, inboxApi } from '../../api/portal.ts';
import { useT } from '../../i18n/index.tsx';

export type InboxAction = 'answer' | 'decline';

/**
 * Answer a resident publicly, or decline with a reason: one text, shown to the resident on the
 * tracking page. A stale version (someone else acted first) reloads the list.
 */
export function InboxActionModal({ item, action, onClose }: { item: Submission | null; action: InboxAction | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = !!item && !!action;
  useEffect(() => {
    if (!open) return;
    setText(action === 'answer' ? (item?.publicReply ?? '') : '');
    setError(null);
  }, [open, action, item]);

  const label = action === 'answer' ? t('portal.inbox.publicReply') : t('portal.inbox.reason');
  async function ok() {
    if (!item || !action) return;
    const v = text.trim();
    if (!v) return setError(t('common.required', { field: label }));
    setBusy(true);
    try {
      if (action === 'answer') await inboxApi.answer(item.id, { publicReply: v, version: item.version });
      else await inboxApi.decline(item.id, { reason: v, version: item.version });
      message.success(action === 'answer' ? t('portal.inbox.answered') : t('portal.inbox.declined'));
      void qc.invalidateQueries({ queryKey: ['portal-inbox'] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(t('portal.inbox.stale'));
        void qc.invalidateQueries({ queryKey: ['portal-inbox'] });
        onClose();
      } else {
        setError((e as Error).message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={item ? t(action === 'answer' ? 'portal.inbox.answerTitle' : 'portal.inbox.declineTitle', { code: item.trackingCode }) : ''}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={action === 'answer' ? t('portal.inbox.answer') : t('portal.inbox.decline')}
      okButtonProps={{ danger: action === 'decline' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item
          className="portal-counted"
          label={label}
          htmlFor="portal-inbox-text"
          required
          validateStatus={error ? 'error' : undefined}
          help={error ?? undefined}
          extra={action === 'answer' ? t('portal.inbox.answerHint') : t('portal.inbox.reasonHint')}
        >
          <Input.TextArea
            id="portal-inbox-text"
            rows={5}
            maxLength={action === 'answer' ? 2000 : 500}
            showCount
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
