import { ArrowDownOutlined, ArrowUpOutlined, CheckOutlined, DeleteOutlined, EditOutlined, FileOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Card, Empty, Form, Input, Modal, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.ts';
import { ADDABLE_KINDS, type AgendaItem, type ItemKind, type ItemStatus, REPORT_KINDS, type SessionDetail, sessionsApi } from '../../api/sessions.ts';
import { Pill, type Tone } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import ItemVotes from './ItemVotes.tsx';
import type { SessionTabProps } from './tabProps.ts';

const STATUS_TONE: Record<ItemStatus, Tone> = { pending: 'dim', reviewed: 'info', passed: 'good', failed: 'bad' };

/** Titles staff type again every year; the box suggests them. */
const COMMON_TITLES = [
  '政府工作报告',
  '人大主席团工作报告',
  '财政预算执行情况和预算草案的报告',
  '关于本级预算的决定',
  '关于代表资格审查委员会的报告',
  '民生实事项目票决',
];

type FileRef = { id: string; name: string };
type Values = { kind: ItemKind; title: string; presenter?: string; notes?: string };
const FIELDS = ['kind', 'title', 'presenter', 'notes', 'fileIds'] as const;

function ItemFormDialog({ sessionId, item, onClose }: { sessionId: string; item?: AgendaItem; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<FileRef[]>(item?.files.map((f) => ({ id: f.id, name: f.name })) ?? []);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);

  async function submit(v: Values) {
    setSaving(true);
    try {
      const common = { title: v.title, presenter: v.presenter ?? '', notes: v.notes ?? '', fileIds: files.map((f) => f.id) };
      if (item) await sessionsApi.updateItem(sessionId, item.id, { ...common, version: item.version });
      else await sessionsApi.addItem(sessionId, { ...common, kind: v.kind });
      void qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
      message.success(item ? t('common.saved') : t('common.created'));
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={item ? t('session.agenda.edit') : t('session.agenda.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: uploading }}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={item ? { kind: item.kind, title: item.title, presenter: item.presenter, notes: item.notes } : { kind: 'work_report' }}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('session.agenda.kind')}>
          <Select disabled={!!item} options={(item ? [item.kind] : ADDABLE_KINDS).map((k) => ({ value: k, label: t(`session.agenda.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('session.agenda.title')}
          extra={t('session.agenda.titleHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('session.agenda.title') }) }]}
        >
          <AutoComplete options={COMMON_TITLES.map((x) => ({ value: x }))} filterOption={(input, o) => (o?.value ?? '').includes(input)}>
            <Input maxLength={200} />
          </AutoComplete>
        </Form.Item>
        <Form.Item name="presenter" label={t('session.agenda.presenter')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="notes" label={t('session.agenda.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('session.agenda.files')} extra={t('session.agenda.uploadHint')}>
          <Upload
            multiple
            accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
            fileList={files.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const }))}
            onRemove={(f) => setFiles((xs) => xs.filter((x) => x.id !== f.uid))}
            customRequest={async ({ file, onSuccess, onError }) => {
              setUploading(true);
              try {
                const up = await sessionsApi.uploadDocument(file as File);
                setFiles((xs) => [...xs, { id: up.id, name: up.name }]);
                onSuccess?.(up);
              } catch (e) {
                message.error((e as Error).message, 6);
                onError?.(e as Error);
              } finally {
                setUploading(false);
              }
            }}
            showUploadList={{ showRemoveIcon: true }}
            itemRender={(node) => node}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              {t('session.agenda.upload')}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The agenda (议程): items in order with their documents; staff add, edit, reorder and mark reports
 * reviewed. Under each item that is voted on, the vote panel (ItemVotes) of the motions and votes area.
 */
export default function AgendaTab(props: SessionTabProps & { session: SessionDetail }) {
  const { sessionId, session } = props;
  const t = useT();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<AgendaItem | 'new' | null>(null);
  const canEdit = props.canManage && session.actions.includes('manage_items');
  const items = session.items;
  const after = () => void qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
  const onError = (e: unknown) => message.error((e as Error).message, 8);

  const review = useMutation({
    mutationFn: (it: AgendaItem) => sessionsApi.updateItem(sessionId, it.id, { version: it.version, status: 'reviewed' }),
    onSuccess: () => {
      message.success(t('session.agenda.reviewed'));
      after();
    },
    onError,
  });
  const order = useMutation({ mutationFn: (ids: string[]) => sessionsApi.orderItems(sessionId, ids), onSuccess: after, onError });
  const remove = useMutation({ mutationFn: (it: AgendaItem) => sessionsApi.removeItem(sessionId, it.id), onSuccess: after, onError });

  const move = (i: number, d: -1 | 1) => {
    const ids = items.map((x) => x.id);
    [ids[i], ids[i + d]] = [ids[i + d], ids[i]];
    order.mutate(ids);
  };

  return (
    <>
      {canEdit && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
          {t('session.agenda.add')}
        </Button>
      )}
      {items.length === 0 ? (
        <Empty description={t('session.agenda.empty')} />
      ) : (
        <ol aria-label={t('session.tab.agenda')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
          {items.map((it, i) => (
            <li key={it.id} data-testid="agenda-item">
              <Card size="small">
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                  <div style={{ flex: '1 1 240px', minWidth: 0 }}>
                    <Typography.Text strong style={{ fontSize: 15, overflowWrap: 'anywhere' }}>
                      {it.seq}. {it.title}
                    </Typography.Text>{' '}
                    <Pill tone="brown">{t(`session.agenda.kind.${it.kind}`)}</Pill>{' '}
                    {it.motion?.status === 'withdrawn' ? (
                      // The motion was withdrawn while on the agenda: the item will not be voted (and may be deleted).
                      <Pill tone="dim">{t('motion.status.withdrawn')}</Pill>
                    ) : (
                      <Pill tone={STATUS_TONE[it.status]}>{t(`session.agenda.status.${it.status}`)}</Pill>
                    )}
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {[
                        it.presenter && `${t('session.agenda.presenter')}：${it.presenter}`,
                        it.motion && t('session.agenda.motionRef', { n: it.motion.number }),
                        it.election && t('session.agenda.electionRef'),
                        it.lastVote && t('session.agenda.lastVote', it.lastVote),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                    {it.notes && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{it.notes}</Typography.Paragraph>}
                    {it.files.length > 0 && (
                      <Space wrap size={[12, 4]} style={{ marginTop: 4 }}>
                        {it.files.map((f) => (
                          <a key={f.id} href={sessionsApi.itemFileUrl(sessionId, it.id, f.id)} download={f.name}>
                            <FileOutlined aria-hidden /> {f.name}
                          </a>
                        ))}
                      </Space>
                    )}
                  </div>
                  {canEdit && (
                    <Space wrap size={4}>
                      {REPORT_KINDS.includes(it.kind) && it.status === 'pending' && (
                        <Button
                          size="small"
                          icon={<CheckOutlined />}
                          onClick={() => review.mutate(it)}
                          loading={review.isPending && review.variables?.id === it.id}
                        >
                          {t('session.agenda.markReviewed')}
                        </Button>
                      )}
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label={t('session.agenda.moveUp', { title: it.title })}
                        disabled={i === 0 || order.isPending}
                        onClick={() => move(i, -1)}
                      />
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('session.agenda.moveDown', { title: it.title })}
                        disabled={i === items.length - 1 || order.isPending}
                        onClick={() => move(i, 1)}
                      />
                      {it.kind !== 'election' && (
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(it)}>
                          {t('common.edit')}
                        </Button>
                      )}
                      {(!it.motion || it.motion.status === 'withdrawn') && !it.election && !it.lastVote && (
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={`${t('session.agenda.delete')} ${it.title}`}
                          onClick={() =>
                            modal.confirm({
                              title: t('session.agenda.deleteConfirm', { title: it.title }),
                              okText: t('session.agenda.delete'),
                              okButtonProps: { danger: true },
                              cancelText: t('common.cancel'),
                              onOk: () => remove.mutateAsync(it),
                            })
                          }
                        />
                      )}
                    </Space>
                  )}
                </div>
                {it.kind !== 'election' && (
                  <ItemVotes
                    sessionId={sessionId}
                    sessionStatus={props.sessionStatus}
                    canManage={props.canManage}
                    item={{ id: it.id, kind: it.kind, title: it.title, status: it.status }}
                    lastVote={it.lastVote}
                    quorum={session.quorum}
                    motionStatus={it.motion?.status ?? null}
                  />
                )}
              </Card>
            </li>
          ))}
        </ol>
      )}
      {editing && <ItemFormDialog sessionId={sessionId} item={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
