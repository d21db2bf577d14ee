import { FileOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { type FileMeta, type TopicDetail, researchApi } from '../../api/research.ts';
import { useT } from '../../i18n/index.tsx';
import { useTopicAction } from './useTopicAction.ts';

/** Upload the report (a PDF or Office document) and submit it with a short summary. */
export function ReportModal({ topic, open, onClose }: { topic: TopicDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const [file, setFile] = useState<FileMeta | null>(null);
  const [summary, setSummary] = useState('');
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { run, busy } = useTopicAction();

  useEffect(() => {
    if (!open) return;
    setFile(topic.report);
    setSummary(topic.reportSummary);
    setError(null);
  }, [open, topic.report, topic.reportSummary]);

  async function upload(f: File) {
    setUploading(true);
    setError(null);
    try {
      setFile(await researchApi.uploadReport(f));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setUploading(false);
    }
  }

  async function ok() {
    if (!file) return setError(t('research.needFile'));
    if (topic.memberCount === 0) return setError(t('research.needMembersFirst'));
    const done = await run(() => researchApi.submit(topic.id, file.id, summary.trim(), topic.version), t('research.submitted'));
    if (done) onClose();
  }

  return (
    <Modal
      open={open}
      title={t('research.submitTitle', { title: topic.title })}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={topic.status === 'submitted' ? t('research.resubmit') : t('research.submit')}
      confirmLoading={busy}
      okButtonProps={{ disabled: uploading }}
    >
      <Form layout="vertical">
        <Form.Item label={t('research.report')} required extra={t('research.fileHint')} validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Upload
            accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              {uploading ? t('research.uploading') : t('research.chooseFile')}
            </Button>
          </Upload>
          {file && (
            <Typography.Text style={{ display: 'block', marginTop: 8 }}>
              <FileOutlined /> {t('research.uploaded', { name: file.name })}
            </Typography.Text>
          )}
        </Form.Item>
        <Form.Item label={t('research.reportSummary')} htmlFor="research-summary">
          <Input.TextArea id="research-summary" rows={4} maxLength={2000} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
