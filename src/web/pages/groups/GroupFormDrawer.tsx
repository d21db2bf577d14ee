import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Select, Skeleton, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors, issueFieldPath } from '../../api/form-errors.ts';
import { type GroupDetail, type GroupInput, groupsApi } from '../../api/groups.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useStationOptions } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';
import { GroupMembersEditor } from './GroupMembersEditor.tsx';
import { byRole, MIN_MEMBERS, type MemberRow, memberProblem, sameMembers } from './groupMembers.ts';

type Values = { code?: string; name?: string; stationId?: string | null; description?: string };
const FIELDS = ['code', 'name', 'stationId', 'description'] as const;

function toValues(g?: GroupDetail): Values {
  if (!g) return { stationId: null };
  return { code: g.code, name: g.name, stationId: g.stationId, description: g.description };
}

const membersOf = (g?: GroupDetail): MemberRow[] => [...(g?.members ?? [])].sort(byRole).map((m) => ({ deputyId: m.deputyId, name: m.name, role: m.role }));

function toInput(v: Values): GroupInput {
  const input: GroupInput = { name: (v.name ?? '').trim(), stationId: v.stationId ?? null, description: (v.description ?? '').trim() };
  const code = (v.code ?? '').trim();
  if (code) input.code = code;
  return input;
}

function changed(before: GroupInput, after: GroupInput): Partial<GroupInput> {
  const out: Partial<GroupInput> = {};
  for (const k of Object.keys(after) as (keyof GroupInput)[]) if ((before[k] ?? null) !== (after[k] ?? null)) (out as Record<string, unknown>)[k] = after[k];
  return out;
}

type Props = { open: boolean; groupId?: string; onClose: () => void; onSaved: (g: GroupDetail) => void };

/**
 * Create or edit a deputy group with its members. The group and its members are two requests: when the
 * members are refused after a new group was made, the drawer goes on editing that group, so saving
 * again does not make a second one.
 */
export function GroupFormDrawer({ open, groupId, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = useIsMobile();
  const stations = useStationOptions();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [createdId, setCreatedId] = useState<string | null>(null);
  // The members live beside the antd form: a form field's error would paint every select in the list red.
  const [members, setMembers] = useState<MemberRow[]>([]);
  const [memberErrors, setMemberErrors] = useState<string[]>([]);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const id = groupId ?? createdId ?? undefined;
  const q = useQuery({ queryKey: ['groups', 'one', id], queryFn: () => groupsApi.get(id as string), enabled: open && !!id });
  const group = q.data;

  // The version the form was filled from: a newer one from the server (after a conflict, or someone's
  // save) refills the form; the drawer's own saves do not, so members being fixed are not wiped.
  const filledFrom = useRef<string | null>(null);
  useEffect(() => {
    if (!open) {
      setCreatedId(null);
      setRowErrors({});
      setMemberErrors([]);
      setTried(false);
      filledFrom.current = null;
      return;
    }
    if (id && !group) return;
    const key = group ? `${group.id}:${group.version}` : 'new';
    if (filledFrom.current === key) return;
    filledFrom.current = key;
    form.setFieldsValue(toValues(group));
    setMembers(membersOf(group));
  }, [open, id, group, form]);

  function problemText(ms: MemberRow[]): string[] {
    const p = memberProblem(ms);
    if (!p) return [];
    return [t(p === 'count' ? 'group.needMembers' : p === 'noLeader' ? 'group.needLeader' : 'group.oneLeader', { min: MIN_MEMBERS })];
  }

  function changeMembers(ms: MemberRow[]) {
    setMembers(ms);
    setRowErrors({});
    // After a first try, the message follows the list as it is fixed.
    if (tried) setMemberErrors(problemText(ms));
  }

  function showServerMemberErrors(e: ApiError): boolean {
    const own = e.issues.filter((i) => issueFieldPath(i.field)[0] === 'members');
    if (!own.length) return false;
    const rows: Record<string, string> = {};
    const general: string[] = [];
    for (const i of own) {
      const idx = issueFieldPath(i.field)[1];
      if (typeof idx === 'number') {
        rows[String(idx)] = i.message;
        general.push(`${members[idx]?.name ?? ''}：${i.message}`);
      } else general.push(i.message);
    }
    setRowErrors(rows);
    setMemberErrors(general);
    return true;
  }

  async function save() {
    setTried(true);
    const problems = problemText(members);
    setMemberErrors(problems);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (problems.length) {
      document.getElementById('group-members')?.scrollIntoView({ block: 'center' });
      return;
    }
    setSaving(true);
    setRowErrors({});
    try {
      const input = toInput(values);
      let saved: GroupDetail;
      if (group) {
        const patch = changed(toInput(toValues(group)), input);
        saved = Object.keys(patch).length ? await groupsApi.update(group.id, { ...patch, version: group.version }) : group;
      } else {
        saved = await groupsApi.create(input);
        setCreatedId(saved.id);
      }
      filledFrom.current = `${saved.id}:${saved.version}`;
      qc.setQueryData(['groups', 'one', saved.id], saved);
      if (!sameMembers(saved.members, members)) {
        saved = await groupsApi.setMembers(
          saved.id,
          members.map(({ deputyId, role }) => ({ deputyId, role })),
          saved.version,
        );
        qc.setQueryData(['groups', 'one', saved.id], saved);
      }
      void qc.invalidateQueries({ queryKey: ['groups', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      message.success(group ? t('common.saved') : t('common.created'));
      onSaved(saved);
    } catch (e) {
      void qc.invalidateQueries({ queryKey: ['groups', 'list'] });
      if (e instanceof ApiError && e.status === 409 && group && e.issues.length === 0) {
        message.warning(t('common.conflict'), 6);
        await qc.invalidateQueries({ queryKey: ['groups', 'one', group.id] });
      } else if (e instanceof ApiError && showServerMemberErrors(e)) {
        message.error(e.message);
      } else if (!applyServerErrors(form, e, FIELDS)) {
        message.error((e as Error).message);
      }
    } finally {
      setSaving(false);
    }
  }

  const editing = !!id;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : 640}
      title={editing ? t('group.editTitle', { name: group?.name ?? '' }) : t('group.createTitle')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={editing && !group} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {editing && q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : editing && !group ? (
        <Skeleton active />
      ) : (
        <>
          <Form form={form} layout="vertical" initialValues={toValues(group)} onFinish={() => void save()} scrollToFirstError={{ block: 'center' }}>
            <Form.Item
              name="name"
              label={t('group.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('group.name') }) }, { max: 100 }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="code" label={t('common.code')} extra={editing ? undefined : t('group.codeHint')} rules={[{ max: 32 }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="stationId" label={t('group.station')}>
              <Select allowClear options={stations} placeholder={t('group.noStation')} />
            </Form.Item>
            <Form.Item name="description" label={t('group.description')} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Form>
          <GroupMembersEditor value={members} onChange={changeMembers} errors={memberErrors} rowErrors={rowErrors} />
        </>
      )}
    </Drawer>
  );
}
