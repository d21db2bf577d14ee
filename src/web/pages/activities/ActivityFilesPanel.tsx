import { ArrowLeftOutlined, ArrowRightOutlined, DeleteOutlined, EditOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Image, Input, Modal, Popconfirm, Space, Upload } from 'antd';
import { useState } from 'react';
import { type ActivityFile, type ActivityFileList, type ActivityFileRole, ACCEPT, MAX_FILE_BYTES, activityFilesApi } from '../../api/activityFiles.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';

const heading = { fontSize: 16, margin: 0 } as const;
const subheading = { fontSize: 14, margin: '0 0 8px' } as const;
const muted = { color: 'rgba(0,0,0,0.68)', fontSize: 12 } as const;
const PHOTO_TYPES = ['image/jpeg', 'image/png'];

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Upload the files picked in one go (each through POST /files, which checks its type by content), then
 * link those that arrived to the activity in one call. A file the browser already knows to be wrong
 * (type, size, one too many) is named and skipped before anything is sent.
 */
function useAddFiles(activityId: string, role: ActivityFileRole, room: number) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  async function add(picked: File[]) {
    if (picked.length > room) {
      message.error(room > 0 ? t('activityFile.tooMany', { n: room }) : t('activityFile.full'));
      return;
    }
    const ok = picked.filter((f) => {
      if (role === 'photo' && f.type && !PHOTO_TYPES.includes(f.type)) message.error(t('activityFile.wrongType', { name: f.name }));
      else if (f.size > MAX_FILE_BYTES) message.error(t('activityFile.tooBig', { name: f.name }));
      else return true;
      return false;
    });
    if (!ok.length) return;
    setBusy(true);
    try {
      const uploaded: string[] = [];
      for (const f of ok) {
        // One at a time: a phone on a weak network sends one 10 MB photo better than five at once.
        try {
          uploaded.push((await activityFilesApi.upload(f, role)).id);
        } catch (e) {
          message.error(`${f.name}：${(e as Error).message}`);
        }
      }
      if (uploaded.length) {
        const list = await activityFilesApi.attach(
          activityId,
          role,
          uploaded.map((fileId) => ({ fileId })),
        );
        qc.setQueryData(['activities', 'files', activityId], list);
        void qc.invalidateQueries({ queryKey: ['audit'] });
        message.success(t('activityFile.added', { n: uploaded.length }));
      }
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return { add, busy };
}

function AddButton({ activityId, role, room }: { activityId: string; role: ActivityFileRole; room: number }) {
  const t = useT();
  const { add, busy } = useAddFiles(activityId, role, room);
  return (
    <Upload
      accept={ACCEPT[role]}
      multiple
      showUploadList={false}
      disabled={busy || room <= 0}
      beforeUpload={(file, batch) => {
        // Called once per picked file with the whole batch: act on the batch once, at its first file.
        if (file.uid === batch[0]?.uid) void add(batch);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} disabled={room <= 0}>
        {role === 'photo' ? t('activityFile.addPhotos') : t('activityFile.addAttachments')}
      </Button>
    </Upload>
  );
}

type Edit = { file: ActivityFile; caption: string } | null;

/** Move, caption and remove buttons of one file, for those who may edit the activity. */
function FileTools({
  f,
  index,
  count,
  onMove,
  onEdit,
  onRemove,
}: {
  f: ActivityFile;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const t = useT();
  return (
    <Space size={0} wrap>
      <Button
        type="text"
        size="small"
        icon={<ArrowLeftOutlined />}
        aria-label={t('activityFile.moveEarlier', { name: f.name })}
        title={t('activityFile.moveEarlier', { name: f.name })}
        disabled={index === 0}
        onClick={() => onMove(index, index - 1)}
      />
      <Button
        type="text"
        size="small"
        icon={<ArrowRightOutlined />}
        aria-label={t('activityFile.moveLater', { name: f.name })}
        title={t('activityFile.moveLater', { name: f.name })}
        disabled={index === count - 1}
        onClick={() => onMove(index, index + 1)}
      />
      <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('activityFile.captionOf', { name: f.name })} title={t('activityFile.editCaption')} onClick={onEdit} />
      <Popconfirm title={t('activityFile.removeConfirm', { name: f.name })} onConfirm={onRemove} okText={t('activityFile.remove')} cancelText={t('common.cancel')}>
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('activityFile.removeOf', { name: f.name })} title={t('activityFile.remove')} />
      </Popconfirm>
    </Space>
  );
}

/**
 * 照片与附件: the activity's photos as a gallery of small pictures (full size on click) and its papers
 * as download links; upload, caption, order and removal for those who may edit the activity.
 *
 * There are no thumbnails on the server: each picture is the original, shown small by CSS and loaded
 * lazily (only when scrolled into view), so a page with 30 photos does not fetch them all at once.
 */
export function ActivityFilesPanel({ activityId }: { activityId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['activities', 'files', activityId];
  const q = useQuery({ queryKey: key, queryFn: () => activityFilesApi.list(activityId) });
  const [edit, setEdit] = useState<Edit>(null);
  const fail = (e: Error) => {
    message.error(e.message);
    void qc.invalidateQueries({ queryKey: key });
  };
  const put = (list: ActivityFileList) => qc.setQueryData(key, list);
  const reorder = useMutation({
    mutationFn: (v: { role: ActivityFileRole; ids: string[] }) => activityFilesApi.reorder(activityId, v.role, v.ids),
    onSuccess: put,
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (f: ActivityFile) => activityFilesApi.remove(activityId, f.fileId),
    onSuccess: () => {
      message.success(t('activityFile.removed'));
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: fail,
  });
  const caption = useMutation({
    mutationFn: (e: NonNullable<Edit>) => activityFilesApi.caption(activityId, e.file, e.caption.trim()),
    onSuccess: () => {
      message.success(t('common.saved'));
      setEdit(null);
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: fail,
  });

  const title = <h2 style={heading}>{t('activityFile.title')}</h2>;
  if (q.isPending) return <Card size="small" title={title} loading />;
  if (q.error)
    return (
      <Card size="small" title={title}>
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    );
  const { items, canEdit, limits } = q.data;
  const photos = items.filter((f) => f.role === 'photo');
  const docs = items.filter((f) => f.role === 'attachment');
  const move = (role: ActivityFileRole, list: ActivityFile[]) => (from: number, to: number) => {
    const ids = list.map((f) => f.fileId);
    [ids[from], ids[to]] = [ids[to], ids[from]];
    reorder.mutate({ role, ids });
  };
  const tools = (f: ActivityFile, i: number, list: ActivityFile[]) =>
    canEdit && (
      <FileTools
        f={f}
        index={i}
        count={list.length}
        onMove={move(f.role, list)}
        onEdit={() => setEdit({ file: f, caption: f.caption })}
        onRemove={() => remove.mutate(f)}
      />
    );
  const sectionHead = (role: ActivityFileRole, n: number) => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 8 }}>
      <h3 style={{ ...subheading, margin: 0 }}>
        {role === 'photo' ? t('activityFile.photos') : t('activityFile.attachments')}{' '}
        <span style={muted}>{t('activityFile.count', { n, max: limits[role] })}</span>
      </h3>
      {canEdit && <AddButton activityId={activityId} role={role} room={limits[role] - n} />}
    </div>
  );

  return (
    <Card size="small" title={title} data-testid="activity-files">
      <section aria-label={t('activityFile.photos')}>
        {sectionHead('photo', photos.length)}
        {canEdit && <p style={{ ...muted, margin: '0 0 8px' }}>{t('activityFile.photoHint', { max: limits.photo })}</p>}
        {photos.length === 0 ? (
          <p style={{ ...muted, fontSize: 14 }}>{t('activityFile.noPhotos')}</p>
        ) : (
          <Image.PreviewGroup>
            <ul className="activity-photos" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(148px, 1fr))', gap: 12 }}>
              {photos.map((f, i) => (
                <li key={f.fileId} style={{ border: '1px solid #e0e0e0', borderRadius: 6, overflow: 'hidden', background: '#fafafa' }}>
                  <Image
                    src={activityFilesApi.url(activityId, f.fileId)}
                    alt={t('activityFile.photoAlt', { name: f.caption || f.name })}
                    loading="lazy"
                    width="100%"
                    height={112}
                    style={{ objectFit: 'cover', display: 'block' }}
                    preview={{ cover: t('activityFile.preview') }}
                  />
                  <div style={{ padding: '4px 8px 6px' }}>
                    <div style={{ fontSize: 13, wordBreak: 'break-word' }}>{f.caption || <span style={muted}>{f.name}</span>}</div>
                    {tools(f, i, photos)}
                  </div>
                </li>
              ))}
            </ul>
          </Image.PreviewGroup>
        )}
      </section>
      <section aria-label={t('activityFile.attachments')} style={{ marginTop: 16 }}>
        {sectionHead('attachment', docs.length)}
        {canEdit && <p style={{ ...muted, margin: '0 0 8px' }}>{t('activityFile.attachmentHint', { max: limits.attachment })}</p>}
        {docs.length === 0 ? (
          <p style={{ ...muted, fontSize: 14 }}>{t('activityFile.noAttachments')}</p>
        ) : (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {docs.map((f, i) => (
              <li key={f.fileId} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                <FileOutlined aria-hidden />
                <span style={{ flex: '1 1 200px', minWidth: 0, wordBreak: 'break-word' }}>
                  <a href={activityFilesApi.url(activityId, f.fileId)} download={f.name}>
                    {f.name}
                  </a>{' '}
                  <span style={muted}>{sizeLabel(f.size)}</span>
                  {f.caption && <div style={{ fontSize: 13 }}>{f.caption}</div>}
                </span>
                {tools(f, i, docs)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Modal
        open={edit !== null}
        title={edit ? t('activityFile.captionOf', { name: edit.file.name }) : ''}
        onCancel={() => setEdit(null)}
        onOk={() => edit && caption.mutate(edit)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={caption.isPending}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={() => edit && caption.mutate(edit)}>
          <Form.Item label={t('activityFile.caption')} htmlFor="activity-file-caption">
            <Input
              id="activity-file-caption"
              maxLength={200}
              showCount
              value={edit?.caption ?? ''}
              onChange={(e) => setEdit((cur) => (cur ? { ...cur, caption: e.target.value } : cur))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
