import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Modal, Select, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { type ActivityKind, type ActivityKindInput, COUNTS_AS, type CountsAs, activitiesApi } from '../../api/activities.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { Pill } from '../../components/Pill.tsx';
import { moved } from './listOrder.ts';

type Values = { name: string; countsAs: CountsAs };

/**
 * 活动类型: the town's list of kinds. Admins add, rename, reorder and deactivate them; a kind is never
 * deleted (activities keep pointing at it), a deactivated one only disappears from new activities.
 * `countsAs` says what the duty record and statistics count an activity of the kind as.
 */
export default function ActivityKindsPage() {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<ActivityKind | 'new' | null>(null);
  const q = useQuery({ queryKey: ['activity-kinds', 'all'], queryFn: () => activitiesApi.allKinds() });
  const kinds = q.data?.items ?? [];
  const refresh = () => void qc.invalidateQueries({ queryKey: ['activity-kinds'] });
  const fail = (e: Error) => message.error(e.message);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: ActivityKindInput = { name: v.name.trim(), countsAs: v.countsAs };
      return editing === 'new' || !editing ? activitiesApi.createKind(body) : activitiesApi.updateKind(editing.id, { ...body, version: editing.version });
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      setEditing(null);
      refresh();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, ['name', 'countsAs'])) fail(e as Error);
    },
  });
  const reorder = useMutation({ mutationFn: (ids: string[]) => activitiesApi.reorderKinds(ids), onSuccess: refresh, onError: fail });
  const toggle = useMutation({
    mutationFn: (k: ActivityKind) => activitiesApi.updateKind(k.id, { active: !k.active, version: k.version }),
    onSuccess: (k) => {
      message.success(k.active ? t('activityView.kindActivated', { name: k.name }) : t('activityView.kindDeactivated', { name: k.name }));
      refresh();
    },
    onError: fail,
  });

  const countsAsLabel = (c: CountsAs) => t(`activityView.countsAs.${c}`);
  const ids = kinds.map((k) => k.id);
  const busy = reorder.isPending;
  const actions = (k: ActivityKind, i: number) => (
    <Space wrap size={4}>
      <Button
        size="small"
        icon={<ArrowUpOutlined />}
        aria-label={t('activityView.moveUp', { name: k.name })}
        disabled={i === 0 || busy}
        onClick={() => reorder.mutate(moved(ids, i, -1))}
      />
      <Button
        size="small"
        icon={<ArrowDownOutlined />}
        aria-label={t('activityView.moveDown', { name: k.name })}
        disabled={i === kinds.length - 1 || busy}
        onClick={() => reorder.mutate(moved(ids, i, 1))}
      />
      <Button size="small" aria-label={t('activityView.editKindOf', { name: k.name })} onClick={() => setEditing(k)}>
        {t('common.edit')}
      </Button>
      <Button
        size="small"
        danger={k.active}
        loading={toggle.isPending && toggle.variables?.id === k.id}
        aria-label={t(k.active ? 'activityView.deactivateOf' : 'activityView.activateOf', { name: k.name })}
        onClick={() => toggle.mutate(k)}
      >
        {k.active ? t('activityView.deactivate') : t('activityView.activate')}
      </Button>
    </Space>
  );
  const state = (k: ActivityKind) => (k.active ? <Pill tone="good">{t('activityView.kindActive')}</Pill> : <Pill tone="dim">{t('activityView.kindInactive')}</Pill>);

  const columns: TableColumnsType<ActivityKind> = [
    { key: 'order', title: t('activityView.order'), width: 64, render: (_, _k, i) => i + 1 },
    { key: 'name', title: t('activityView.kindName'), dataIndex: 'name' },
    { key: 'code', title: t('activity.code'), dataIndex: 'code', width: 140 },
    { key: 'countsAs', title: t('activityView.countsAs'), render: (_, k) => countsAsLabel(k.countsAs) },
    { key: 'active', title: t('activity.status'), width: 90, render: (_, k) => state(k) },
    { key: 'actions', title: t('common.actions'), render: (_, k, i) => actions(k, i) },
  ];

  return (
    <>
      <PageHeader
        title={t('activityView.kinds')}
        back="/activities"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('activityView.addKind')}
          </Button>
        }
      />
      <p style={{ marginTop: 0 }}>{t('activityView.kindsNote')}</p>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : mobile ? (
        <List
          loading={q.isFetching && !q.data}
          dataSource={kinds}
          renderItem={(k) => (
            <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
              <Card size="small" style={{ marginBottom: 8 }}>
                <Space wrap>
                  <strong>{k.name}</strong>
                  {state(k)}
                </Space>
                <div>
                  {t('activityView.countsAs')}：{countsAsLabel(k.countsAs)} · {k.code}
                </div>
                <div style={{ marginTop: 6 }}>{actions(k, kinds.indexOf(k))}</div>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <DataTable<ActivityKind> label={t('activityView.kinds')} rowKey="id" size="small" loading={q.isFetching && !q.data} columns={columns} dataSource={kinds} pagination={false} />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('activityView.addKind') : t('activityView.editKind')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) => save.mutate(v)}
          initialValues={editing && editing !== 'new' ? { name: editing.name, countsAs: editing.countsAs } : { countsAs: 'other' }}
        >
          <Form.Item name="name" label={t('activityView.kindName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('activityView.kindName') }) }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="countsAs" label={t('activityView.countsAs')} extra={t('activityView.countsAsHelp')}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={COUNTS_AS.map((c) => ({ value: c, label: countsAsLabel(c) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
