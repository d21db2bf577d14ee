import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Select, Space, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { activitiesApi } from '../../api/activities.ts';
import { DOCUMENT_CATEGORIES, type DocumentCategory, type DocumentDetail, type FileMeta, documentsApi } from '../../api/documents.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { cn } from '../activities/activityFormat.ts';

type Values = { title: string; category: DocumentCategory; docNumber?: string; issueDate?: Dayjs | null; summary?: string; activityId?: string | null };
const FIELDS = ['title', 'category', 'docNumber', 'issueDate', 'summary', 'activityId'];
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx';

/**
 * Activities a document can be linked to: the past half year and the next three months, newest first,
 * plus the one it is linked to (or opened from) when that lies outside, so the choice shows its name.
 */
function useActivityChoices(current: DocumentDetail['activity'] | undefined, openedFrom: string | undefined) {
  const from = dayjs().subtract(180, 'day').format('YYYY-MM-DD');
  const to = dayjs().add(90, 'day').format('YYYY-MM-DD');
  const q = useQuery({ queryKey: ['activities', 'list', 'doc-link', from, to], queryFn: () => activitiesApi.list({ from, to, pageSize: 200 }), staleTime: 60_000 });
  const items = [...(q.data?.items ?? [])].reverse();
  const missing = openedFrom && q.data && !items.some((a) => a.id === openedFrom) ? openedFrom : null;
  const one = useQuery({ queryKey: ['activities', 'one', missing], queryFn: () => activitiesApi.get(missing ?? ''), enabled: missing !== null });
  const options = items.map((a) => ({ value: a.id, label: `${a.code} ${a.title}（${cn(a.startAt).format('MM-DD')}）` }));
  const extra = current ?? (one.data ? { id: one.data.id, code: one.data.code, title: one.data.title } : null);
  if (extra && !options.some((o) => o.value === extra.id)) options.unshift({ value: extra.id, label: `${extra.code} ${extra.title}` });
  return { options, loading: q.isPending || (missing !== null && one.isPending) };
}

/**
 * Create or edit a document: upload the file first (POST /files), then save the record with its id.
 * A sent document keeps what deputies read: only its category and activity link stay editable.
 */
export function DocumentFormDrawer({
  open,
  onClose,
  document: d,
  defaultActivityId,
}: {
  open: boolean;
  onClose: () => void;
  document?: DocumentDetail;
  defaultActivityId?: string;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<FileMeta | null>(d?.file ?? null);
  const [uploading, setUploading] = useState(false);
  const locked = d?.status === 'sent';
  const activities = useActivityChoices(d?.activity, defaultActivityId);

  useEffect(() => {
    if (open) setFile(d?.file ?? null);
  }, [open, d]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        category: v.category,
        activityId: v.activityId ?? null,
        ...(locked
          ? {}
          : {
              title: v.title,
              docNumber: v.docNumber ?? '',
              issueDate: v.issueDate ? v.issueDate.format('YYYY-MM-DD') : null,
              summary: v.summary ?? '',
              fileId: file?.id ?? null,
            }),
      };
      return d ? documentsApi.update(d.id, { ...body, version: d.version }) : documentsApi.create({ title: v.title, ...body });
    },
    onSuccess: (saved) => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['documents'] });
      onClose();
      if (!d) navigate(`/documents/${saved.id}`);
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    },
  });

  async function upload(f: File) {
    setUploading(true);
    try {
      setFile(await documentsApi.uploadFile(f));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setUploading(false);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 600}
      title={d ? t('document.edit') : t('document.add')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} disabled={uploading} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {locked && <Alert type="info" showIcon title={t('document.lockedHint')} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          title: d?.title,
          category: d?.category ?? 'presidium',
          docNumber: d?.docNumber,
          issueDate: d?.issueDate ? dayjs(d.issueDate) : null,
          summary: d?.summary,
          activityId: d ? (d.activity?.id ?? null) : (defaultActivityId ?? null),
        }}
      >
        <Form.Item name="title" label={t('document.docTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input disabled={locked} maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t('document.category')} rules={[{ required: true }]}>
          <Select options={DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: t(`document.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="docNumber" label={t('document.docNumber')}>
          <Input disabled={locked} maxLength={100} placeholder={t('document.docNumberPlaceholder')} />
        </Form.Item>
        <Form.Item name="issueDate" label={t('document.issueDate')}>
          <DatePicker disabled={locked} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('document.file')} htmlFor="document-upload">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {file && (
              <Space wrap>
                <PaperClipOutlined aria-hidden />
                <span data-testid="uploaded-file">{t('document.uploaded', { name: file.name })}</span>
                {!locked && (
                  <Button size="small" icon={<DeleteOutlined />} onClick={() => setFile(null)}>
                    {t('document.removeFile')}
                  </Button>
                )}
              </Space>
            )}
            {!locked && (
              <Upload
                accept={ACCEPT}
                showUploadList={false}
                beforeUpload={(f) => {
                  if (f.size > MAX_BYTES) message.error(t('document.fileTooBig'));
                  else void upload(f);
                  return false;
                }}
              >
                <Button id="document-upload" icon={<UploadOutlined />} loading={uploading}>
                  {file ? t('document.replaceFile') : t('document.upload')}
                </Button>
              </Upload>
            )}
          </Space>
        </Form.Item>
        <Form.Item name="activityId" label={t('document.activity')} extra={t('document.activityHint')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={activities.options} loading={activities.loading} />
        </Form.Item>
        <Form.Item name="summary" label={t('document.summary')}>
          <Input.TextArea disabled={locked} autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
