import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ADMINS } from '../../api/auth.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type TemplateSummary, templatesApi } from '../../api/reports.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { dateTime } from './reportFormat.ts';

/** 工作总结模板: the town's own templates (copies of the built-in one), to open, create and delete. */
export default function TemplatesPage() {
  const t = useT();
  const isAdmin = useHasRole(ADMINS);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['report-templates'], queryFn: templatesApi.list });
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  async function create(v: { name: string }) {
    setBusy(true);
    try {
      const made = await templatesApi.create(v.name.trim());
      message.success(t('tpl.created'));
      void qc.invalidateQueries({ queryKey: ['report-templates'] });
      setCreating(false);
      navigate(`/reports/templates/${made.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e, ['name'])) message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function remove(x: TemplateSummary) {
    try {
      await templatesApi.remove(x.id, x.version);
      message.success(t('tpl.deleted'));
    } catch (e) {
      message.error((e as Error).message, 6);
    }
    void qc.invalidateQueries({ queryKey: ['report-templates'] });
  }

  // Not memoised: `remove` is a new function each render, and the table has two columns.
  const columns: TableColumnsType<TemplateSummary> = [
    { key: 'name', title: t('tpl.name'), render: (_, x) => <Link to={`/reports/templates/${x.id}`}>{x.name}</Link> },
    { key: 'updatedAt', title: t('tpl.updatedAt'), width: 160, render: (_, x) => dateTime(x.updatedAt) },
    ...(isAdmin
      ? [
          {
            key: 'actions',
            title: '',
            width: 90,
            render: (_: unknown, x: TemplateSummary) => (
              <Popconfirm
                title={t('tpl.deleteConfirm', { name: x.name })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => remove(x)}
              >
                <Button type="link" danger aria-label={`${t('tpl.delete')} ${x.name}`}>
                  {t('tpl.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        back="/reports"
        title={t('report.nav.templates')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('tpl.new')}
            </Button>
          )
        }
      />
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Typography.Text strong>{t('tpl.builtIn')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t('tpl.builtInHint')}
            </Typography.Paragraph>
          </Card>
          <h2 style={{ fontSize: 16 }}>{t('tpl.list')}</h2>
          <DataTable<TemplateSummary>
            label={t('tpl.list')}
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            pagination={false}
            locale={{ emptyText: t('tpl.none') }}
          />
        </>
      )}
      <Modal
        open={creating}
        title={t('tpl.new')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        confirmLoading={busy}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('tpl.newHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item
            name="name"
            label={t('tpl.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tpl.name') }) }, { max: 50 }]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
