import { DeleteOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Modal, Select, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { issueFieldPath } from '../../api/form-errors.ts';
import { MEMBER_ROLES, type MemberRole, type TopicDetail, type TopicMember, researchApi } from '../../api/research.ts';
import { DeputyPicker } from '../../components/DeputyPicker.tsx';
import { useT } from '../../i18n/index.tsx';
import { useTopicAction } from './useTopicAction.ts';

type Row = Pick<TopicMember, 'deputyId' | 'name' | 'code' | 'role'>;

/** Making one deputy the lead makes the previous lead a member: a topic has at most one lead. */
export function withRole(rows: Row[], deputyId: string, role: MemberRole): Row[] {
  return rows.map((r) => (r.deputyId === deputyId ? { ...r, role } : role === 'lead' && r.role === 'lead' ? { ...r, role: 'member' } : r));
}

/**
 * The deputies who take part in a topic: picked from the claimant's deputies (a station's deputies, a
 * group's members) or from the whole town by search; one may be the lead.
 */
export function MembersModal({ topic, open, onClose }: { topic: TopicDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const uid = useId();
  const [rows, setRows] = useState<Row[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const { run, busy } = useTopicAction();
  const suggested = useQuery({ queryKey: ['research', 'suggested', topic.id], queryFn: () => researchApi.suggested(topic.id), enabled: open && !!topic.claimant });

  useEffect(() => {
    if (open) {
      setRows(topic.members.map((m) => ({ ...m })));
      setRowErrors({});
    }
  }, [open, topic.members]);

  async function save() {
    setRowErrors({});
    const body = rows.map((r) => ({ deputyId: r.deputyId, role: r.role }));
    const done = await run(async () => {
      try {
        return await researchApi.setMembers(topic.id, body, topic.version);
      } catch (e) {
        // A problem with one deputy shows on that deputy's row as well as in the message.
        if (e instanceof ApiError) {
          const errs: Record<number, string> = {};
          for (const i of e.issues) {
            const idx = issueFieldPath(i.field)[1];
            if (typeof idx === 'number') errs[idx] = i.message;
          }
          setRowErrors(errs);
        }
        throw e;
      }
    }, t('research.membersSaved'));
    if (done) onClose();
  }

  const lead = rows.find((r) => r.role === 'lead');
  // The claimant's deputies not in the list yet: a station's or a group's, picked one by one.
  const suggestions = (suggested.data?.deputies ?? []).filter((d) => !rows.some((r) => r.deputyId === d.deputyId));
  return (
    <Modal open={open} title={t('research.membersTitle', { title: topic.title })} onCancel={onClose} onOk={() => void save()} okText={t('common.save')} confirmLoading={busy} width={600}>
      {suggested.data && (
        <>
          <label htmlFor={`${uid}-suggested`} style={{ display: 'block', marginBottom: 4 }}>
            {t('research.suggest', { name: suggested.data.claimant.name })}
          </label>
          <Select<string | null>
            id={`${uid}-suggested`}
            style={{ width: '100%', marginBottom: 12 }}
            value={null}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('research.suggestPlaceholder', { n: suggestions.length })}
            notFoundContent={t('research.suggestNone', { name: suggested.data.claimant.name })}
            options={suggestions.map((d) => ({ value: d.deputyId, label: `${d.name}（${d.code}）` }))}
            onChange={(deputyId) => {
              const d = suggestions.find((x) => x.deputyId === deputyId);
              if (d) setRows([...rows, { deputyId: d.deputyId, name: d.name, code: d.code, role: 'member' }]);
            }}
          />
        </>
      )}
      <label htmlFor={`${uid}-add`} style={{ display: 'block', marginBottom: 4 }}>
        {t('research.addMember')}
      </label>
      <DeputyPicker
        id={`${uid}-add`}
        value={picked}
        excludeIds={rows.map((r) => r.deputyId)}
        onChange={(deputyId, d) => {
          if (deputyId && d) setRows([...rows, { deputyId, name: d.name, code: d.code, role: 'member' }]);
          setPicked(null);
        }}
      />
      <div aria-live="polite" style={{ margin: '8px 0' }}>
        <Typography.Text type="secondary">
          {t('research.memberCount', { n: rows.length })}
          {lead ? ` · ${t('research.lead')}：${lead.name}` : ''}
        </Typography.Text>
      </div>
      <ul aria-label={t('research.members')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
        {rows.map((r, i) => (
          <li
            key={r.deputyId}
            style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '6px 8px', border: `1px solid ${rowErrors[i] ? '#ff4d4f' : '#f0f0f0'}`, borderRadius: 6 }}
          >
            <span style={{ flex: '1 1 8em', minWidth: 0 }}>
              {r.name}
              <Typography.Text type="secondary">（{r.code}）</Typography.Text>
            </span>
            <Select<MemberRole>
              aria-label={t('research.roleOf', { name: r.name })}
              style={{ width: 96 }}
              value={r.role}
              onChange={(role) => setRows(withRole(rows, r.deputyId, role))}
              options={MEMBER_ROLES.map((x) => ({ value: x, label: t(`research.role.${x}`) }))}
            />
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('research.removeMember', { name: r.name })} onClick={() => setRows(rows.filter((x) => x.deputyId !== r.deputyId))} />
            {rowErrors[i] && (
              <div role="alert" style={{ flexBasis: '100%', color: '#cf1322' }}>
                {rowErrors[i]}
              </div>
            )}
          </li>
        ))}
      </ul>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {t('research.membersHint')}
      </Typography.Text>
    </Modal>
  );
}
