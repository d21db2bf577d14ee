import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';

/** 定稿: the note, and a word that unsaved edits are saved first; `onFreeze` does the saving and freezing. */
export function FreezeDialog({
  open,
  next,
  dirty,
  onFreeze,
  onClose,
}: {
  open: boolean;
  next: number;
  dirty: boolean;
  onFreeze: (note: string) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  async function ok() {
    setBusy(true);
    try {
      await onFreeze(note.trim());
      setNote('');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t('report.freezeTitle', { n: next })}
      okText={t('report.freeze')}
      cancelText={t('common.cancel')}
      onOk={ok}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('report.freezeBody')}</Typography.Paragraph>
      {dirty && <Alert type="info" showIcon title={t('report.freezeUnsaved')} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label={t('report.freezeNote')} htmlFor="freeze-note">
          <Input.TextArea
            id="freeze-note"
            value={note}
            maxLength={200}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
