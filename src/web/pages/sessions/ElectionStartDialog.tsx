import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Modal, Space, Typography } from 'antd';
import { type Election, electionsApi } from '../../api/elections.ts';
import { useT } from '../../i18n/index.tsx';
import { ElectionRuleAlert } from './ElectionRuleAlert.tsx';

/** Start voting: shows the rule check first (warnings are shown, not enforced) and the standing candidates. */
export default function ElectionStartDialog({
  sessionId,
  election,
  open,
  onClose,
}: {
  sessionId: string;
  election: Election;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: () => electionsApi.start(sessionId, election.id, election.version),
    onSuccess: () => {
      message.success(t('election.saved'));
      qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
      onClose();
    },
    onError: (err) => message.error((err as Error).message),
  });
  const standing = election.candidates.filter((c) => !c.withdrawn);
  return (
    <Modal
      open={open}
      title={`${t('election.start')} · ${election.postName}`}
      onCancel={onClose}
      onOk={() => start.mutate()}
      confirmLoading={start.isPending}
      okText={t('election.start')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ElectionRuleAlert rule={election.rule} />
        <Typography.Text>
          {t('election.seatsText', { n: election.seats })} · {t('election.candidates')}：{standing.map((c) => c.name).join('、') || t('election.noCandidates')}
        </Typography.Text>
        <Typography.Text type="secondary">{t('election.startConfirm')}</Typography.Text>
      </Space>
    </Modal>
  );
}
