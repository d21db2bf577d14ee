import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, http } from '../../api/client.ts';
import { type Band, DEFAULT_BANDS, type DutyReport, type DutyReportInput, dutyReportsApi } from '../../api/dutyReports.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { stationsApi } from '../../api/stations.ts';
import { DeputyPicker } from '../../components/DeputyPicker.tsx';
import { useT } from '../../i18n/index.tsx';

type Values = {
  deputyId: string;
  year: number;
  heldOn: Dayjs;
  place?: string;
  stationId?: string | null;
  voterReps: number;
  summary?: string;
  bands: Band[];
  notes?: string;
};
const FIELDS = ['deputyId', 'year', 'heldOn', 'place', 'stationId', 'voterReps', 'summary', 'notes'] as const;

/** Create a duty report, or edit one (`report` given): the deputy and the bands only while a draft. */
export function DutyReportFormModal({ open, report, onClose }: { open: boolean; report?: DutyReport; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [file, setFile] = useState<{ id: string; name: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [bandsError, setBandsError] = useState<string | null>(null);
  const stations = useQuery({ queryKey: ['stations'], queryFn: () => stationsApi.list(), enabled: open });
  const draft = !report || report.status === 'draft';
  const reps = Form.useWatch('voterReps', form);

  useEffect(() => {
    if (!open) return;
    setFile(report?.reportFile ?? null);
    setFileError(null);
    setBandsError(null);
    if (report)
      form.setFieldsValue({
        deputyId: report.deputy.id,
        year: report.year,
        heldOn: dayjs(report.heldOn),
        place: report.place,
        stationId: report.station?.id ?? null,
        voterReps: report.voterReps,
        summary: report.summary,
        bands: report.bands,
        notes: report.notes,
      });
    else form.setFieldsValue({ year: new Date().getFullYear(), voterReps: 50, bands: DEFAULT_BANDS, place: '', summary: '', notes: '', stationId: null });
  }, [open, report, form]);

  async function upload(f: File) {
    setUploading(true);
    setFileError(null);
    try {
      setFile(await http.upload<{ id: string; name: string }>('POST', '/files?use=document', f));
    } catch (e) {
      setFileError((e as Error).message);
    } finally {
      setUploading(false);
    }
  }

  async function submit(v: Values) {
    setSaving(true);
    const input: DutyReportInput = {
      deputyId: v.deputyId,
      year: v.year,
      heldOn: v.heldOn.format('YYYY-MM-DD'),
      place: v.place?.trim() ?? '',
      stationId: v.stationId || null,
      voterReps: v.voterReps,
      summary: v.summary?.trim() ?? '',
      reportFileId: file?.id ?? null,
      bands: v.bands.map((b) => ({ label: b.label.trim(), minPercent: Number(b.minPercent) })),
      notes: v.notes?.trim() ?? '',
    };
    try {
      if (report) {
        const { deputyId, bands, ...rest } = input;
        await dutyReportsApi.update(report.id, { ...rest, ...(draft ? { deputyId, bands } : {}), version: report.version });
        message.success(t('common.saved'));
      } else {
        const made = await dutyReportsApi.create(input);
        message.success(t('common.created'));
        navigate(`/duty-reports/${made.id}`);
      }
      void qc.invalidateQueries({ queryKey: ['duty-reports'] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && report) {
        message.warning(e.message || t('common.conflict'), 6);
        void qc.invalidateQueries({ queryKey: ['duty-reports'] });
        onClose();
      } else if (e instanceof ApiError && e.issues.some((i) => i.field === 'body.reportFileId')) {
        setFileError(e.message);
      } else if (e instanceof ApiError && e.issues.some((i) => i.field.startsWith('body.bands'))) {
        setBandsError(e.message);
      } else if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={report ? t('dutyReport.edit') : t('dutyReport.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: uploading }}
      destroyOnHidden
      width={680}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="deputyId"
          label={t('dutyReport.deputy')}
          htmlFor="dr-deputy"
          rules={[{ required: true, message: t('common.required', { field: t('dutyReport.deputy') }) }]}
        >
          <DeputyPicker id="dr-deputy" disabled={!draft} known={report ? report.deputy : null} aria-label={t('dutyReport.deputy')} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="year" label={t('dutyReport.year')} rules={[{ required: true, message: t('common.required', { field: t('dutyReport.year') }) }]}>
            <InputNumber min={2000} max={2100} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item
            name="heldOn"
            label={t('dutyReport.heldOn')}
            rules={[{ required: true, message: t('common.required', { field: t('dutyReport.heldOn') }) }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="voterReps"
            label={t('dutyReport.voterReps')}
            rules={[{ required: true, message: t('common.required', { field: t('dutyReport.voterReps') }) }]}
          >
            <InputNumber min={0} max={100000} style={{ width: 130 }} />
          </Form.Item>
        </div>
        {typeof reps === 'number' && reps < 50 && <Alert type="warning" showIcon title={t('dutyReport.voterRepsHint')} style={{ marginBottom: 12 }} />}
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="place" label={t('dutyReport.place')} rules={[{ max: 200 }]} style={{ flex: '1 1 240px' }}>
            <Input />
          </Form.Item>
          <Form.Item name="stationId" label={t('dutyReport.station')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              optionFilterProp="label"
              loading={stations.isLoading}
              options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="summary" label={t('dutyReport.summary')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          label={t('dutyReport.reportFile')}
          extra={t('dutyReport.fileHint')}
          validateStatus={fileError ? 'error' : undefined}
          help={fileError ?? undefined}
        >
          <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
            <Upload
              accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
              showUploadList={false}
              beforeUpload={(f) => {
                void upload(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading}>
                {t('dutyReport.upload')}
              </Button>
            </Upload>
            {file && (
              <>
                <span>{file.name}</span>
                <Button
                  size="small"
                  type="text"
                  aria-label={`${t('dutyReport.remove')} ${file.name}`}
                  icon={<DeleteOutlined />}
                  onClick={() => setFile(null)}
                />
              </>
            )}
          </div>
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, marginBottom: 4 }}>{t('dutyReport.bands')}</legend>
          <p style={{ fontSize: 12, color: '#555', margin: '0 0 8px' }}>{t('dutyReport.bandsHint')}</p>
          {bandsError && <Alert type="error" showIcon title={bandsError} style={{ marginBottom: 8 }} role="alert" />}
          <Form.List name="bands">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                    <Form.Item
                      name={[f.name, 'label']}
                      rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('dutyReport.band.label') }) }]}
                    >
                      <Input
                        aria-label={`${t('dutyReport.band.label')} ${i + 1}`}
                        placeholder={t('dutyReport.band.label')}
                        disabled={!draft}
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'minPercent']} rules={[{ required: true, message: t('common.required', { field: t('dutyReport.band.min') }) }]}>
                      <InputNumber
                        aria-label={`${t('dutyReport.band.min')} ${i + 1}`}
                        min={0}
                        max={100}
                        disabled={!draft}
                        addonAfter="%"
                        style={{ width: 130 }}
                      />
                    </Form.Item>
                    {draft && fields.length > 1 && (
                      <Button type="text" aria-label={`${t('dutyReport.remove')} ${i + 1}`} icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                    )}
                  </div>
                ))}
                {draft && fields.length < 10 && (
                  <Button icon={<PlusOutlined />} onClick={() => add({ label: '', minPercent: 0 })} style={{ marginBottom: 12 }}>
                    {t('dutyReport.band.add')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item name="notes" label={t('dutyReport.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
