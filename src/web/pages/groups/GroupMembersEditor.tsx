import { DeleteOutlined } from '@ant-design/icons';
import { Button, Select, Typography } from 'antd';
import { useId, useState } from 'react';
import { GROUP_ROLES, type GroupRole } from '../../api/groups.ts';
import { DeputyPicker } from '../../components/DeputyPicker.tsx';
import { useT } from '../../i18n/index.tsx';
import { MIN_MEMBERS, type MemberRow, withRole } from './groupMembers.ts';

type Props = {
  value: MemberRow[];
  onChange: (members: MemberRow[]) => void;
  /** Problems with the list as a whole (too few, no leader), the form's or the server's. */
  errors?: string[];
  /** Problems the server found with single members (index in the list sent -> message). */
  rowErrors?: Record<string, string>;
};

/** The members of a deputy group: add deputies by search, give each a role, remove them. */
export function GroupMembersEditor({ value: members, onChange: set, errors = [], rowErrors = {} }: Props) {
  const t = useT();
  const uid = useId();
  const [picked, setPicked] = useState<string | null>(null);
  const leader = members.find((m) => m.role === 'leader');

  return (
    <fieldset id="group-members" aria-describedby={`${uid}-hint`} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <legend style={{ fontSize: 14, marginBottom: 8, padding: 0 }}>{t('group.members')}</legend>
      <label htmlFor={`${uid}-add`} style={{ display: 'block', marginBottom: 4 }}>
        {t('group.addMember')}
      </label>
      <DeputyPicker
        id={`${uid}-add`}
        value={picked}
        excludeIds={members.map((m) => m.deputyId)}
        onChange={(deputyId, d) => {
          if (!deputyId || !d) return setPicked(null);
          set([...members, { deputyId, name: d.name, code: d.code, role: 'member' }]);
          // The box empties again, ready for the next name.
          setPicked(null);
        }}
      />
      <div id={`${uid}-summary`} aria-live="polite" style={{ margin: '8px 0' }}>
        <Typography.Text type="secondary">
          {t('group.memberSummary', { count: members.length, leader: leader?.name ?? t('group.noLeaderYet') })}
        </Typography.Text>
      </div>
      <ul aria-label={t('group.members')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
        {members.map((m, i) => {
          const err = rowErrors[String(i)];
          return (
            <li
              key={m.deputyId}
              style={{
                display: 'flex',
                flexWrap: 'wrap',
                alignItems: 'center',
                gap: 8,
                padding: '6px 8px',
                border: `1px solid ${err ? '#ff4d4f' : '#f0f0f0'}`,
                borderRadius: 6,
              }}
            >
              <span style={{ flex: '1 1 8em', minWidth: 0, overflowWrap: 'anywhere' }}>
                {m.name}
                {m.code && <Typography.Text type="secondary">（{m.code}）</Typography.Text>}
              </span>
              <Select<GroupRole>
                aria-label={t('group.roleOf', { name: m.name })}
                style={{ width: 110 }}
                value={m.role}
                onChange={(role) => set(withRole(members, m.deputyId, role))}
                options={GROUP_ROLES.map((r) => ({ value: r, label: t.enum('groupRole', r) }))}
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('group.removeMember', { name: m.name })}
                onClick={() => set(members.filter((x) => x.deputyId !== m.deputyId))}
              />
              {err && (
                <div role="alert" style={{ flexBasis: '100%', color: '#cf1322' }}>
                  {err}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {errors.length > 0 && (
        <div role="alert" style={{ color: '#cf1322', marginTop: 4 }}>
          {errors.map((e) => (
            <div key={e}>{e}</div>
          ))}
        </div>
      )}
      <Typography.Text id={`${uid}-hint`} type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {t('group.membersHint', { min: MIN_MEMBERS })}
      </Typography.Text>
    </fieldset>
  );
}
