import { FileOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Radio, Select, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { ADMINS } from '../../api/auth.ts';
import { CONSULT_METHODS, CONSULT_STAGES, RATINGS, type Settings, type Suggestion, type UploadedFile, suggestionsApi } from '../../api/suggestions.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { DuplicateList, MergePicker } from './MergeFields.tsx';
import { UploadButton } from './UploadButton.tsx';
import { addMonths, chinaToday, latestReply } from './suggestionFormat.ts';
import { useUnitOptions } from './useUnitOptions.ts';

/** The body fields of each action, so the server's problems land beside them. */
export const ACTION_FIELDS: Record<string, readonly string[]> = {
  'not-accept': ['reason'],
  withdraw: ['reason'],
  merge: ['intoId'],
  assign: ['leadUnitId', 'coUnitIds', 'dueDate'],
  consult: ['heldOn', 'method', 'stage', 'note'],
  'request-return': ['reason'],
  'decide-return': ['approved', 'note'],
  'request-extension': ['reason', 'requestedDue'],
  'decide-extension': ['approved', 'note', 'dueDate'],
  reply: ['grade', 'content', 'repliedOn'],
  rate: ['attitude', 'result', 'comment'],
  close: ['note'],
  key: ['key', 'note'],
  publish: ['published', 'publicAnswer'],
};

const day = (d: string | null | undefined) => (d ? dayjs(d) : undefined);

function openRequest(s: Suggestion, kind: 'return' | 'extension') {
  return [...s.requests].reverse().find((r) => r.kind === kind && r.decision === null) ?? null;
}

/** What a dialog starts with: today's date, the default due date, the current key and publish state. */
export function initialValues(action: string, s: Suggestion, settings: Settings | undefined): Record<string, unknown> {
  const today = chinaToday();
  switch (action) {
    case 'assign':
      return { dueDate: day(addMonths(today, settings?.replyMonths ?? 3)), coUnitIds: [] };
    case 'consult':
      return { heldOn: day(today), method: 'face', stage: s.state === 'assigned' ? 'before' : 'during' };
    case 'decide-return':
      return { approved: true };
    case 'decide-extension':
      return { approved: true, dueDate: day(openRequest(s, 'extension')?.requestedDue) };
    case 'reply':
      return { repliedOn: day(today) };
    case 'key':
      return { key: !s.keySupervision, note: s.keyNote };
    case 'publish':
      return { published: true, publicAnswer: s.publicAnswer || latestReply(s.replies)?.content || '' };
    default:
      return {};
  }
}

const NOT_ACCEPT_REASONS = [
  'suggestion.form.reasonPersonal',
  'suggestion.form.reasonCourt',
  'suggestion.form.reasonMulti',
  'suggestion.form.reasonNotTown',
] as const;

type Props = { action: string; suggestion: Suggestion; settings: Settings | undefined; file: UploadedFile | null; onFile: (f: UploadedFile | null) => void };

/** The fields of one action's dialog, inside the dialog's Form. */
export function ActionFields({ action, suggestion: s, settings, file, onFile }: Props) {
  const t = useT();
  const form = Form.useFormInstance();
  const isAdmin = useHasRole(ADMINS);
  const units = useUnitOptions(action === 'assign');
  const leadUnitId = Form.useWatch('leadUnitId', form) as string | undefined;
  const approved = Form.useWatch('approved', form) as boolean | undefined;
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('common.required', { field: t(key) }) }];
  const requiredPick = (key: Parameters<typeof t>[0]) => [{ required: true, message: t('common.requiredSelect', { field: t(key) }) }];
  const reason = (
    <Form.Item name="reason" label={t('suggestion.form.reason')} rules={required('suggestion.form.reason')}>
      <Input.TextArea rows={3} maxLength={1000} />
    </Form.Item>
  );
  const note = (
    <Form.Item name="note" label={t('suggestion.form.noteOptional')}>
      <Input.TextArea rows={2} maxLength={1000} />
    </Form.Item>
  );
  const decision = (
    <Form.Item name="approved" label={t('suggestion.form.decision')} rules={requiredPick('suggestion.form.decision')}>
      <Radio.Group
        options={[
          { value: true, label: t('suggestion.form.approve') },
          { value: false, label: t('suggestion.form.refuse') },
        ]}
      />
    </Form.Item>
  );

  switch (action) {
    case 'register':
      return (
        <>
          <Typography.Paragraph>{t('suggestion.form.registerHint')}</Typography.Paragraph>
          <DuplicateList suggestion={s} />
        </>
      );
    case 'not-accept':
      return (
        <>
          <div style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t('suggestion.form.reasonHint')}</Typography.Text>
            <Space wrap size={4} style={{ marginTop: 4 }}>
              {NOT_ACCEPT_REASONS.map((k) => (
                <Button key={k} size="small" onClick={() => form.setFieldsValue({ reason: t(k) })}>
                  {t(k)}
                </Button>
              ))}
            </Space>
          </div>
          {reason}
        </>
      );
    case 'withdraw':
      return (
        <Form.Item name="reason" label={t('suggestion.form.noteOptional')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      );
    case 'merge':
      return (
        <>
          <Typography.Paragraph>{t('suggestion.form.mergeHint')}</Typography.Paragraph>
          <Form.Item name="intoId" label={t('suggestion.form.mergeInto')} rules={requiredPick('suggestion.form.mergeInto')}>
            <MergePicker suggestion={s} />
          </Form.Item>
        </>
      );
    case 'assign':
      return (
        <>
          <Form.Item name="leadUnitId" label={t('suggestion.form.leadUnit')} rules={requiredPick('suggestion.form.leadUnit')}>
            <Select options={units.active} loading={units.loading} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="coUnitIds" label={t('suggestion.form.coUnits')}>
            <Select
              mode="multiple"
              options={units.active.filter((u) => u.value !== leadUnitId)}
              loading={units.loading}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item name="dueDate" label={t('suggestion.form.dueDate')} extra={t('suggestion.form.dueDateHint', { months: settings?.replyMonths ?? 3 })}>
            <DatePicker style={{ width: 180 }} disabledDate={(d) => d.isBefore(dayjs(chinaToday())) || d.isAfter(dayjs(addMonths(chinaToday(), 6)))} />
          </Form.Item>
        </>
      );
    case 'consult':
      return (
        <>
          <Form.Item name="heldOn" label={t('suggestion.form.heldOn')} rules={requiredPick('suggestion.form.heldOn')}>
            <DatePicker style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="method" label={t('suggestion.form.method')} rules={requiredPick('suggestion.form.method')}>
            <Radio.Group options={CONSULT_METHODS.map((m) => ({ value: m, label: t(`suggestion.method.${m}`) }))} />
          </Form.Item>
          <Form.Item name="stage" label={t('suggestion.form.stage')} rules={requiredPick('suggestion.form.stage')}>
            <Radio.Group options={CONSULT_STAGES.map((m) => ({ value: m, label: t(`suggestion.stage.${m}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('suggestion.form.consultNote')} rules={required('suggestion.form.consultNote')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'request-return':
      return (
        <>
          {s.returnDeadline && <Typography.Paragraph>{t('suggestion.returnWindowOpen', { date: s.returnDeadline })}</Typography.Paragraph>}
          {reason}
        </>
      );
    case 'decide-return': {
      const r = openRequest(s, 'return');
      return (
        <>
          {r && <Alert type="info" style={{ marginBottom: 12 }} title={`${r.unit.name}：${t('suggestion.form.requestReason', { reason: r.reason })}`} />}
          {decision}
          {approved && <Typography.Paragraph type="secondary">{t('suggestion.form.returnApproveHint')}</Typography.Paragraph>}
          {note}
        </>
      );
    }
    case 'request-extension':
      return (
        <>
          <Form.Item
            name="requestedDue"
            label={t('suggestion.form.requestedDue')}
            rules={requiredPick('suggestion.form.requestedDue')}
            extra={s.latestDueDate ? t('suggestion.form.requestedDueHint', { date: s.latestDueDate }) : undefined}
          >
            <DatePicker
              style={{ width: 180 }}
              disabledDate={(d) => (s.dueDate ? !d.isAfter(dayjs(s.dueDate)) : false) || (s.latestDueDate ? d.isAfter(dayjs(s.latestDueDate)) : false)}
            />
          </Form.Item>
          {reason}
        </>
      );
    case 'decide-extension': {
      const r = openRequest(s, 'extension');
      return (
        <>
          {r && (
            <Alert
              type="info"
              style={{ marginBottom: 12 }}
              title={`${r.unit.name}：${t('suggestion.requestedDue')} ${r.requestedDue ?? '—'}；${t('suggestion.form.requestReason', { reason: r.reason })}`}
            />
          )}
          {decision}
          {approved && (
            <Form.Item name="dueDate" label={t('suggestion.form.newDueDate')}>
              <DatePicker style={{ width: 180 }} />
            </Form.Item>
          )}
          {note}
        </>
      );
    }
    case 'reply': {
      const grades = settings?.grades ?? [];
      return (
        <>
          <Form.Item name="grade" label={t('suggestion.form.grade')} rules={requiredPick('suggestion.form.grade')}>
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
              {grades.map((g) => (
                <Radio key={g.code} value={g.code}>
                  {g.code} {g.label}
                  {g.followUp && <Typography.Text type="secondary">（{t('suggestion.form.followUpHint')}）</Typography.Text>}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="content" label={t('suggestion.form.replyContent')} rules={required('suggestion.form.replyContent')}>
            <Input.TextArea rows={5} maxLength={5000} />
          </Form.Item>
          <Form.Item label={t('suggestion.form.replyFile')} htmlFor="suggestion-reply-file" extra={t('suggestion.form.replyFileHint')}>
            <div>
              <UploadButton
                id="suggestion-reply-file"
                accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
                upload={suggestionsApi.uploadDocument}
                onUploaded={onFile}
              />
              {file && (
                <Space style={{ marginTop: 6 }}>
                  <FileOutlined aria-hidden />
                  <span>{t('suggestion.form.uploaded', { name: file.name })}</span>
                  <Button size="small" type="link" onClick={() => onFile(null)} aria-label={t('suggestion.form.removeFile', { name: file.name })}>
                    ×
                  </Button>
                </Space>
              )}
            </div>
          </Form.Item>
          {isAdmin && (
            <Form.Item name="repliedOn" label={t('suggestion.form.repliedOn')}>
              <DatePicker style={{ width: 180 }} disabledDate={(d) => d.isAfter(dayjs(chinaToday()))} />
            </Form.Item>
          )}
        </>
      );
    }
    case 'rate': {
      const options = RATINGS.map((r) => ({ value: r, label: t(`suggestion.rating.${r}`) }));
      return (
        <>
          <Form.Item name="attitude" label={t('suggestion.form.attitude')} rules={requiredPick('suggestion.form.attitude')}>
            <Radio.Group options={options} />
          </Form.Item>
          <Form.Item
            name="result"
            label={t('suggestion.form.result')}
            rules={requiredPick('suggestion.form.result')}
            extra={s.round === 1 ? t('suggestion.form.rateDissatisfiedHint', { days: settings?.rehandleDays ?? 30 }) : undefined}
          >
            <Radio.Group options={options} />
          </Form.Item>
          <Form.Item name="comment" label={t('suggestion.form.comment')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    }
    case 'close':
      return note;
    case 'key':
      return (
        <>
          <Form.Item name="key" label={t('suggestion.form.keyOn')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="note" label={t('suggestion.keyNote')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'publish':
      return (
        <>
          <Form.Item name="published" label={t('suggestion.form.published')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="publicAnswer" label={t('suggestion.form.publicAnswer')} extra={t('suggestion.form.publicAnswerHint')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        </>
      );
    default:
      return null;
  }
}
