import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Space, Tag, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { deputiesApi } from '../../api/deputies.ts';
import { type FindingDetail, type FindingItem, type FindingStatus, RESPONSIBLE_TYPES, SEVERITIES, type Severity, findingsApi } from '../../api/findings.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { regionsApi } from '../../api/regions.ts';
import { unitsApi } from '../../api/units.ts';
import { useT } from '../../i18n/index.tsx';

/* The dialogs of the findings area: a finding's form, issuing a notice, a re-inspection, closing. */

const LOOKUP = { staleTime: 5 * 60_000, retry: false } as const;
const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

export const STATUS_COLOR: Record<FindingStatus, string> = { open: 'orange', rectifying: 'blue', reinspected: 'cyan', closed: 'default' };
export const SEVERITY_COLOR: Record<Severity, string> = { minor: 'default', general: 'gold', major: 'red' };
/** Overdue rows stand out in every findings table (rowClassName `finding-overdue`). */
export const OVERDUE_ROW_CSS = '.finding-overdue td { background: #fff1f0 !important; }';

export function FindingStatusTag({ f }: { f: Pick<FindingItem, 'status' | 'overdue'> }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[f.status]}>{t(`finding.status.${f.status}`)}</Tag>
      {f.overdue && <Tag color="red">{t('finding.overdue')}</Tag>}
    </Space>
  );
}

export function useUnitOptions() {
  const q = useQuery({ queryKey: ['units', 'options'], queryFn: () => unitsApi.list({ pageSize: 200, active: 'true' }), ...LOOKUP });
  return (q.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
}
export function useVillageOptions() {
  const q = useQuery({ queryKey: ['villages', 'all'], queryFn: regionsApi.allVillages, ...LOOKUP });
  return (q.data ?? []).map((v) => ({ value: v.id, label: v.name }));
}
function useDeputyOptions() {
  const q = useQuery({ queryKey: ['deputies', 'options'], queryFn: () => deputiesApi.list({ pageSize: 200, status: 'serving' }), ...LOOKUP });
  return (q.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));
}

function useDone(onClose: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const t = useT();
  return () => {
    message.success(t('finding.saved'));
    void qc.invalidateQueries({ queryKey: ['findings'] });
    onClose();
  };
}

type FormValues = {
  foundOn: Dayjs;
  description: string;
  place?: string;
  responsibleType: (typeof RESPONSIBLE_TYPES)[number];
  responsibleUnitId?: string;
  responsibleVillageId?: string;
  responsibleName?: string;
  severity: Severity;
};
const FORM_FIELDS = ['foundOn', 'description', 'place', 'responsibleType', 'responsibleUnitId', 'responsibleVillageId', 'responsibleName', 'severity'];

/** Add (activityId given, no finding) or edit a finding, with its photos. */
export function FindingFormModal({
  open,
  activityId,
  finding,
  onClose,
}: {
  open: boolean;
  activityId: string;
  finding: FindingDetail | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [photos, setPhotos] = useState<{ id: string; name: string }[]>([]);
  const [uploading, setUploading] = useState(false);
  const units = useUnitOptions();
  const villages = useVillageOptions();
  const type = Form.useWatch('responsibleType', form);
  const done = useDone(onClose);

  useEffect(() => {
    if (!open) return;
    if (finding) {
      form.setFieldsValue({
        foundOn: dayjs(finding.foundOn),
        description: finding.description,
        place: finding.place,
        responsibleType: finding.responsibleType,
        responsibleUnitId: finding.responsibleUnit?.id,
        responsibleVillageId: finding.responsibleVillage?.id,
        responsibleName: finding.responsibleName,
        severity: finding.severity,
      });
      setPhotos(finding.photos.map((p) => ({ id: p.id, name: p.name })));
    } else {
      form.resetFields();
      form.setFieldsValue({ foundOn: dayjs(), responsibleType: 'unit', severity: 'general' });
      setPhotos([]);
    }
  }, [open, finding, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = {
        foundOn: ymd(v.foundOn),
        description: v.description,
        place: v.place ?? '',
        responsibleType: v.responsibleType,
        responsibleUnitId: v.responsibleType === 'unit' ? (v.responsibleUnitId ?? null) : null,
        responsibleVillageId: v.responsibleType === 'village' ? (v.responsibleVillageId ?? null) : null,
        responsibleName: v.responsibleType === 'enterprise' || v.responsibleType === 'other' ? (v.responsibleName ?? '') : '',
        severity: v.severity,
        fileIds: photos.map((p) => p.id),
      };
      return finding ? findingsApi.update(finding.id, { ...body, version: finding.version }) : findingsApi.create({ ...body, activityId });
    },
    onSuccess: done,
    onError: (e) => {
      if (!applyServerErrors(form, e, FORM_FIELDS)) message.error((e as Error).message);
    },
  });

  async function addPhoto(file: File) {
    setUploading(true);
    try {
      const meta = await findingsApi.uploadPhoto(file);
      setPhotos((p) => [...p, { id: meta.id, name: meta.name }]);
    } catch (e) {
      message.error(`${file.name}：${(e as Error).message}`);
    } finally {
      setUploading(false);
    }
  }

  return (
    <Modal
      open={open}
      title={finding ? t('finding.edit') : t('finding.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="foundOn" label={t('finding.foundOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={t('finding.description')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="place" label={t('finding.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="responsibleType" label={t('finding.responsibleType')} rules={[{ required: true }]}>
          <Radio.Group options={RESPONSIBLE_TYPES.map((r) => ({ value: r, label: t(`finding.responsibleType.${r}`) }))} />
        </Form.Item>
        {type === 'unit' && (
          <Form.Item name="responsibleUnitId" label={t('finding.responsibleUnit')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={units} />
          </Form.Item>
        )}
        {type === 'village' && (
          <Form.Item name="responsibleVillageId" label={t('finding.responsibleVillage')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={villages} />
          </Form.Item>
        )}
        {(type === 'enterprise' || type === 'other') && (
          <Form.Item name="responsibleName" label={t('finding.responsibleName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="severity" label={t('finding.severity')} rules={[{ required: true }]}>
          <Radio.Group options={SEVERITIES.map((s) => ({ value: s, label: t(`finding.severity.${s}`) }))} />
        </Form.Item>
        <Form.Item label={t('finding.photos')}>
          <Space wrap>
            {photos.map((p) => (
              <Tag key={p.id} closable onClose={() => setPhotos((all) => all.filter((x) => x.id !== p.id))}>
                {p.name}
              </Tag>
            ))}
            <Upload
              accept="image/jpeg,image/png,.jpg,.jpeg,.png"
              showUploadList={false}
              beforeUpload={(file) => {
                void addPhoto(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading}>
                {t('finding.addPhoto')}
              </Button>
            </Upload>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}

type NoticeValues = { findingIds: string[]; number: string; issuedOn: Dayjs; deadline: Dayjs; addressee: string; content?: string };

/** Issue a rectification notice for findings picked from `candidates` (those whose actions allow it). */
export function NoticeModal({
  open,
  candidates,
  preselected,
  onClose,
  onIssued,
}: {
  open: boolean;
  candidates: FindingItem[];
  preselected: string[];
  onClose: () => void;
  onIssued?: (id: string) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeValues>();
  const qc = useQueryClient();
  // biome-ignore lint/correctness/useExhaustiveDependencies: filled once when the dialog opens, not on every re-render of the list
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const picked = candidates.filter((c) => preselected.includes(c.id));
    const parties = [...new Set(picked.map((c) => c.responsible).filter(Boolean))];
    form.setFieldsValue({
      findingIds: preselected,
      issuedOn: dayjs(),
      deadline: dayjs().add(15, 'day'),
      addressee: parties.join('、'),
      content: t('finding.contentDefault'),
    });
    findingsApi
      .nextNumber()
      .then((n) => form.setFieldValue('number', n.number))
      .catch(() => undefined);
  }, [open]);
  const issue = useMutation({
    mutationFn: (v: NoticeValues) =>
      findingsApi.issueNotice({
        findingIds: v.findingIds,
        number: v.number,
        issuedOn: ymd(v.issuedOn),
        deadline: ymd(v.deadline),
        addressee: v.addressee,
        content: v.content ?? '',
      }),
    onSuccess: (n) => {
      message.success(t('finding.saved'));
      void qc.invalidateQueries({ queryKey: ['findings'] });
      onClose();
      onIssued?.(n.id);
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, ['findingIds', 'number', 'issuedOn', 'deadline', 'addressee', 'content'])) message.error((e as Error).message);
    },
  });
  return (
    <Modal
      open={open}
      title={t('finding.issueNoticeTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('finding.issueNotice')}
      cancelText={t('common.cancel')}
      confirmLoading={issue.isPending}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={(v) => issue.mutate(v)}>
        <Form.Item name="findingIds" label={t('finding.pickFindings')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {candidates.map((c) => (
              <Checkbox key={c.id} value={c.id}>
                {c.code} {c.description.slice(0, 40)}（{c.responsible}）
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="number" label={t('finding.noticeNumber')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="issuedOn" label={t('finding.issuedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('finding.deadline')}
            dependencies={['issuedOn']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_r, v: Dayjs | undefined) => {
                  const from = getFieldValue('issuedOn') as Dayjs | undefined;
                  return v && from && v.isBefore(from, 'day') ? Promise.reject(new Error('整改期限不能早于签发日期')) : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="addressee" label={t('finding.addressee')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label={t('finding.content')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ReValues = { date: Dayjs; result: 'fixed' | 'not_fixed'; notes?: string; deputyIds?: string[] };

export function ReinspectModal({ finding, onClose }: { finding: FindingItem | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReValues>();
  const deputies = useDeputyOptions();
  const done = useDone(onClose);
  useEffect(() => {
    if (finding) {
      form.resetFields();
      form.setFieldsValue({ date: dayjs(), result: 'fixed' });
    }
  }, [finding, form]);
  const save = useMutation({
    mutationFn: (v: ReValues) =>
      findingsApi.reinspect((finding as FindingItem).id, {
        version: (finding as FindingItem).version,
        date: ymd(v.date),
        result: v.result,
        notes: v.notes ?? '',
        deputyIds: v.deputyIds ?? [],
      }),
    onSuccess: done,
    onError: (e) => {
      if (!applyServerErrors(form, e, ['date', 'result', 'notes', 'deputyIds'])) message.error((e as Error).message);
    },
  });
  return (
    <Modal
      open={!!finding}
      title={`${t('finding.reinspectTitle')} ${finding?.code ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="date" label={t('finding.reinspectDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="result" label={t('finding.result')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'fixed', label: t('finding.result.fixed') },
              { value: 'not_fixed', label: t('finding.result.not_fixed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('finding.notes')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="deputyIds" label={t('finding.deputiesPresent')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={deputies} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CloseModal({ finding, onClose }: { finding: FindingItem | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const done = useDone(onClose);
  useEffect(() => {
    if (finding) form.resetFields();
  }, [finding, form]);
  const save = useMutation({
    mutationFn: (v: { reason?: string }) =>
      findingsApi.close((finding as FindingItem).id, { version: (finding as FindingItem).version, reason: v.reason ?? '' }),
    onSuccess: done,
    onError: (e) => {
      if (!applyServerErrors(form, e, ['reason'])) message.error((e as Error).message);
    },
  });
  return (
    <Modal
      open={!!finding}
      title={`${t('finding.closeTitle')} ${finding?.code ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('finding.close')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="reason"
          label={t('finding.closeReason')}
          extra={t('finding.closeReasonHint')}
          rules={[{ required: finding?.status === 'open', whitespace: true }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
