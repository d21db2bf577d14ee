import { useQuery } from '@tanstack/react-query';
import { Form, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { groupsApi } from '../../api/groups.ts';
import { type ClaimantType, type TopicDetail, researchApi } from '../../api/research.ts';
import { useStations } from '../../hooks/useLookups.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { useTopicAction } from './useTopicAction.ts';

/**
 * Claim a topic. A liaison claims for their own station (nothing to choose); an admin claims on behalf
 * of any station or deputy group of the town.
 */
export function ClaimModal({ topic, open, onClose }: { topic: TopicDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const me = useMe().user;
  const liaison = me.role === 'liaison';
  const stations = useStations();
  const groups = useQuery({ queryKey: ['groups', 'list'], queryFn: groupsApi.list, staleTime: 5 * 60_000, enabled: open && !liaison });
  const [type, setType] = useState<ClaimantType>('station');
  const [id, setId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run, busy } = useTopicAction();
  const own = stations.data?.find((s) => s.id === me.stationId);

  useEffect(() => {
    if (!open) return;
    setType('station');
    setId(liaison ? me.stationId : null);
    setError(null);
  }, [open, liaison, me.stationId]);

  async function ok() {
    if (!id) return setError(t('common.requiredSelect', { field: t('research.claimFor') }));
    const done = await run(() => researchApi.claim(topic.id, type, id, topic.version), t('research.claimed'));
    if (done) onClose();
  }

  const options =
    type === 'station'
      ? (stations.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))
      : (groups.data ?? []).map((g) => ({ value: g.id, label: `${g.name}（${g.code}）` }));

  return (
    <Modal open={open} title={t('research.claimTitle', { title: topic.title })} onCancel={onClose} onOk={() => void ok()} okText={t('research.claim')} confirmLoading={busy}>
      {liaison ? (
        <Typography.Paragraph>{t('research.claimForOwn', { name: own?.name ?? '' })}</Typography.Paragraph>
      ) : (
        <Form layout="vertical">
          <Form.Item label={`${t('research.claimantType.station')} / ${t('research.claimantType.group')}`}>
            <Radio.Group
              aria-label={`${t('research.claimantType.station')} / ${t('research.claimantType.group')}`}
              value={type}
              onChange={(e) => {
                setType(e.target.value);
                setId(null);
              }}
              options={[
                { value: 'station', label: t('research.claimantType.station') },
                { value: 'group', label: t('research.claimantType.group') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('research.claimFor')} htmlFor="research-claim-for" validateStatus={error ? 'error' : undefined} help={error ?? undefined} required>
            <Select
              id="research-claim-for"
              value={id}
              onChange={(v) => {
                setId(v);
                setError(null);
              }}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
