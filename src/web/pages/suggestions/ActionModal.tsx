import { Alert, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import type { Suggestion, UploadedFile } from '../../api/suggestions.ts';
import { useT } from '../../i18n/index.tsx';
import { ActionFields, ACTION_FIELDS, initialValues } from './ActionFields.tsx';
import { actionLabel } from './suggestionLabels.ts';
import { useSuggestionAction } from './useSuggestionAction.ts';
import { useSuggestionSettings } from './useSuggestionSettings.ts';

const isDay = (v: unknown): v is Dayjs => dayjs.isDayjs(v);

/** The request body from the form: dates as YYYY-MM-DD, empty text left out, the uploaded file as its id. */
export function bodyOf(values: Record<string, unknown>, file: UploadedFile | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (isDay(v)) out[k] = v.format('YYYY-MM-DD');
    else if (typeof v === 'string') {
      const s = v.trim();
      if (s) out[k] = s;
    } else out[k] = v;
  }
  if (file) out.fileId = file.id;
  return out;
}

/**
 * The dialog of one action of the detail page: its fields, the server's problems beside them, and a
 * clear line for a refusal (409: the state moved on, or someone else changed it first).
 */
export function ActionModal({ suggestion, action, onClose }: { suggestion: Suggestion; action: string | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const settings = useSuggestionSettings().data;
  const { run, busy } = useSuggestionAction();
  const [problem, setProblem] = useState<string | null>(null);
  const [file, setFile] = useState<UploadedFile | null>(null);
  const open = action !== null;

  // Only when a dialog opens: a refetch of the detail while it is open keeps what the user typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on opening only
  useEffect(() => {
    if (!action) return;
    form.resetFields();
    form.setFieldsValue(initialValues(action, suggestion, settings));
    setProblem(null);
    setFile(null);
  }, [action]);

  async function ok() {
    if (!action) return;
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setProblem(null);
    const res = await run(suggestion, action, bodyOf(values, file));
    if (res.ok) {
      onClose();
      return;
    }
    const e = res.error;
    const placed = applyServerErrors(form, e, ACTION_FIELDS[action] ?? [], { intoId: 'intoId' });
    // A stale version: the server's words are generic, so say what happened here; a refused step keeps the server's reason.
    if (e instanceof ApiError && e.status === 409) setProblem(e.code === 'CONFLICT' ? t('suggestion.conflictReloaded') : e.message);
    else if (!placed) setProblem((e as Error).message);
  }

  return (
    <Modal
      open={open}
      title={action ? t('suggestion.actionTitle', { action: actionLabel(t, action), code: suggestion.code }) : ''}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={action ? actionLabel(t, action) : t('common.confirm')}
      okButtonProps={{ danger: action === 'not-accept' || action === 'withdraw' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      forceRender
      destroyOnHidden={false}
    >
      {problem && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={problem} />}
      <Form form={form} layout="vertical" requiredMark name={`suggestion-${action ?? 'none'}`}>
        {action && <ActionFields action={action} suggestion={suggestion} settings={settings} file={file} onFile={setFile} />}
      </Form>
    </Modal>
  );
}
