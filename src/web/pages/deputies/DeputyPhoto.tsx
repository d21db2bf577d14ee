import { UploadOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Upload } from 'antd';
import { useState } from 'react';
import { type Deputy, deputiesApi } from '../../api/deputies.ts';
import { useT } from '../../i18n/index.tsx';

const MAX_BYTES = 2 * 1024 * 1024;

/** The deputy's photo (versioned URL, so a new upload shows at once) and, for admins, the upload. */
export function DeputyPhoto({ deputy, canEdit }: { deputy: Deputy; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function upload(file: File) {
    setBusy(true);
    try {
      const saved = await deputiesApi.uploadPhoto(deputy.id, file);
      qc.setQueryData(['deputies', 'one', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['deputies', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      message.success(t('deputy.photoUploaded'));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 8, width: 148 }}>
      {deputy.hasPhoto ? (
        <img
          src={deputiesApi.photoUrl(deputy)}
          alt={t('deputy.photoAlt', { name: deputy.name })}
          style={{ width: 132, height: 176, objectFit: 'cover', borderRadius: 6, border: '1px solid #e0e0e0' }}
        />
      ) : (
        <div
          role="img"
          aria-label={t('deputy.noPhoto')}
          style={{ width: 132, height: 176, borderRadius: 6, background: '#f0f0f0', display: 'grid', placeItems: 'center', color: '#616161', fontSize: 48 }}
        >
          <UserOutlined aria-hidden />
        </div>
      )}
      {canEdit && (
        <Upload
          accept="image/jpeg,image/png"
          showUploadList={false}
          beforeUpload={(file) => {
            if (!['image/jpeg', 'image/png'].includes(file.type)) message.error(t('deputy.photoWrongType'));
            else if (file.size > MAX_BYTES) message.error(t('deputy.photoTooBig'));
            else void upload(file);
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy}>
            {deputy.hasPhoto ? t('deputy.replacePhoto') : t('deputy.uploadPhoto')}
          </Button>
        </Upload>
      )}
      {canEdit && <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.68)', textAlign: 'center' }}>{t('deputy.photoHint')}</span>}
    </div>
  );
}
