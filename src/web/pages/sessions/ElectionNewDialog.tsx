import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { ELECTION_POSTS, type ElectionPost, electionsApi } from '../../api/elections.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type MsgKey, useT } from '../../i18n/index.tsx';

/** The default name of each post (the server uses the same when the name is left blank). */
export const DEFAULT_POST_NAMES: Record<ElectionPost, string> = {
  chair: '镇人民代表大会主席',
  vice_chair: '镇人民代表大会副主席',
  town_head: '镇长',
  deputy_head: '副镇长',
  presidium_member: '主席团成员',
  other: '',
};

type Values = { post: ElectionPost; postName?: string; seats: number };

/** New election: the post and its seats; the server appends the agenda item 选举…. */
export default function ElectionNewDialog({ sessionId, open, onClose }: { sessionId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const post = Form.useWatch('post', form);
  const save = useMutation({
    mutationFn: (v: Values) => electionsApi.create(sessionId, { post: v.post, seats: v.seats, postName: v.postName?.trim() || undefined }),
    onSuccess: () => {
      message.success(t('election.saved'));
      qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      if (!applyServerErrors(form, err, ['post', 'postName', 'seats'])) message.error((err as Error).message);
    },
  });
  return (
    <Modal
      open={open}
      title={t('election.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ post: 'town_head', seats: 1 }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="post" label={t('election.post')} rules={[{ required: true }]}>
          <Select options={ELECTION_POSTS.map((p) => ({ value: p, label: t(`election.post.${p}` as MsgKey) }))} />
        </Form.Item>
        <Form.Item
          name="postName"
          label={t('election.postName')}
          extra={post && post !== 'other' ? t('election.postNameHint', { name: DEFAULT_POST_NAMES[post] }) : undefined}
          rules={[{ required: post === 'other', whitespace: true }, { max: 50 }]}
        >
          <Input placeholder={post ? DEFAULT_POST_NAMES[post] : undefined} />
        </Form.Item>
        <Form.Item name="seats" label={t('election.seats')} rules={[{ required: true }]}>
          <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
