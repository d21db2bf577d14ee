import { UploadOutlined } from '@ant-design/icons';
import { Button, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { UploadedFile } from '../../api/suggestions.ts';
import { useT } from '../../i18n/index.tsx';

type Props = {
  id?: string;
  accept: string;
  upload: (f: File) => Promise<UploadedFile>;
  onUploaded: (f: UploadedFile) => void;
  multiple?: boolean;
  disabled?: boolean;
  'aria-describedby'?: string;
};

/**
 * Upload first, attach second: a chosen file goes to POST /files at once and the caller keeps its id.
 * A refused file (type by content, size) shows the server's message under the button.
 */
export function UploadButton({ id, accept, upload, onUploaded, multiple, disabled, ...aria }: Props) {
  const t = useT();
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string | null>(null);

  async function send(f: File) {
    setBusy((n) => n + 1);
    setError(null);
    try {
      onUploaded(await upload(f));
    } catch (e) {
      setError(`${f.name}：${(e as Error).message}`);
    } finally {
      setBusy((n) => n - 1);
    }
  }

  return (
    <div>
      <Upload
        accept={accept}
        multiple={multiple}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(f) => {
          void send(f);
          return false;
        }}
      >
        <Button id={id} icon={<UploadOutlined />} loading={busy > 0} disabled={disabled} {...aria}>
          {busy > 0 ? t('suggestion.form.uploading') : t('suggestion.form.chooseFile')}
        </Button>
      </Upload>
      {error && (
        <Typography.Text type="danger" role="alert" style={{ display: 'block', marginTop: 4 }}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
