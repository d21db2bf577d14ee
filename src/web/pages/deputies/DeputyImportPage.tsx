import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { deputiesApi } from '../../api/deputies.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { ImportProgress } from './ImportProgress.tsx';

const MAX_BYTES = 10 * 1024 * 1024;

export default function DeputyImportPage() {
  const t = useT();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [downloading, setDownloading] = useState(false);

  async function template() {
    setDownloading(true);
    try {
      await deputiesApi.downloadTemplate();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setDownloading(false);
    }
  }

  async function start(file: File) {
    setUploading(true);
    try {
      setJobId((await deputiesApi.startImport(file)).jobId);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setUploading(false);
    }
  }

  return (
    <>
      <PageHeader title={t('import.title')} back="/deputies" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('import.step1')}</h2>}>
          <Typography.Paragraph>{t('import.step1Hint')}</Typography.Paragraph>
          <Button icon={<DownloadOutlined />} onClick={template} loading={downloading}>
            {t('import.downloadTemplate')}
          </Button>
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('import.step2')}</h2>}>
          {jobId ? (
            <ImportProgress jobId={jobId} onAgain={() => setJobId(null)} />
          ) : (
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              disabled={uploading}
              beforeUpload={(file) => {
                if (!file.name.toLowerCase().endsWith('.xlsx')) message.error(t('import.wrongType'));
                else if (file.size > MAX_BYTES) message.error(t('import.tooBig'));
                else void start(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p className="ant-upload-text">{t('import.dropHint')}</p>
              <p className="ant-upload-hint">{t('import.sizeHint')}</p>
            </Upload.Dragger>
          )}
        </Card>
      </Space>
    </>
  );
}
