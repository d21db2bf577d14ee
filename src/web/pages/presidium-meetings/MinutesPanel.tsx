import { DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, Space, Upload } from 'antd';
import { useState } from 'react';
import { type FileMeta, type MeetingDetail, presidiumMeetingsApi } from '../../api/presidiumMeetings.ts';
import { useT } from '../../i18n/index.tsx';

/** 会议纪要: the text, and optionally the signed or scanned file (uploaded first, then saved with the text). */
export function MinutesPanel({ meeting }: { meeting: MeetingDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(meeting.minutes);
  const [file, setFile] = useState<FileMeta | null>(meeting.minutesFile);
  const [busy, setBusy] = useState(false);

  function start() {
    setText(meeting.minutes);
    setFile(meeting.minutesFile);
    setEditing(true);
  }
  async function save() {
    setBusy(true);
    try {
      await presidiumMeetingsApi.update(meeting.id, { version: meeting.version, minutes: text, minutesFileId: file?.id ?? null });
      void qc.invalidateQueries({ queryKey: ['presidium-meetings'] });
      message.success(t('common.saved'));
      setEditing(false);
    } catch (e) {
      message.error((e as Error).message, 6);
    } finally {
      setBusy(false);
    }
  }

  const fileLink = (f: FileMeta) => (
    <a href={presidiumMeetingsApi.minutesFileUrl(meeting.id)} download={f.name}>
      <FileOutlined /> {f.name}
    </a>
  );
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('meeting.minutes')}</h2>}
      size="small"
      extra={
        meeting.canEdit && !editing ? (
          <Button size="small" onClick={start}>
            {t('meeting.editMinutes')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor="meeting-minutes">{t('meeting.minutes')}</label>
          <Input.TextArea id="meeting-minutes" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 6, maxRows: 20 }} maxLength={20000} showCount />
          <div>
            {t('meeting.minutesFile')}：
            {file ? (
              <Space>
                <span>
                  <FileOutlined /> {file.name}
                </span>
                <Button size="small" danger icon={<DeleteOutlined />} onClick={() => setFile(null)}>
                  {t('meeting.removeFile')}
                </Button>
              </Space>
            ) : (
              <Upload
                showUploadList={false}
                accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
                beforeUpload={(f) => {
                  setBusy(true);
                  presidiumMeetingsApi
                    .uploadMinutes(f)
                    .then(setFile)
                    .catch((e: Error) => message.error(e.message, 6))
                    .finally(() => setBusy(false));
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={busy}>
                  {t('meeting.uploadFile')}
                </Button>
              </Upload>
            )}
          </div>
          <Space>
            <Button type="primary" onClick={() => void save()} loading={busy}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Space>
      ) : meeting.minutes || meeting.minutesFile ? (
        <>
          {meeting.minutes && <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{meeting.minutes}</div>}
          {meeting.minutesFile && <div style={{ marginTop: 8 }}>{fileLink(meeting.minutesFile)}</div>}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meeting.minutesEmpty')} />
      )}
    </Card>
  );
}
