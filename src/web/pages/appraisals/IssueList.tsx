import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { type Appraisal, type AppraisalIssue, appraisalsApi } from '../../api/appraisals.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { Pill } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import { poorOffices } from './AppraisalResults.tsx';

type AddValues = { unitId: string; description: string; deadline?: Dayjs | null; notes?: string };

/** 问题清单: issues of poorly rated offices with deadlines, marked fixed with a date. */
export function IssueList({ appraisal, canEdit }: { appraisal: Appraisal; canEdit: boolean }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<AddValues>();
  const results = useQuery({
    queryKey: ['appraisals', appraisal.id, 'results', appraisal.dimensions.join(',')],
    queryFn: () => appraisalsApi.results(appraisal.id),
  });
  const poor = poorOffices(results.data);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['appraisals'] });

  async function add(v: AddValues) {
    try {
      await appraisalsApi.addIssue(appraisal.id, {
        unitId: v.unitId,
        description: v.description.trim(),
        deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
        notes: v.notes?.trim() ?? '',
      });
      message.success(t('common.created'));
      setAdding(false);
      refresh();
    } catch (e) {
      if (!applyServerErrors(form, e, ['unitId', 'description', 'deadline', 'notes'])) message.error((e as Error).message);
    }
  }

  function markDone(i: AppraisalIssue) {
    let date = dayjs();
    modal.confirm({
      title: t('appraisal.issue.markDone'),
      content: (
        <label>
          {t('appraisal.issue.doneOn')}{' '}
          <DatePicker
            defaultValue={date}
            onChange={(d) => {
              if (d) date = d;
            }}
            aria-label={t('appraisal.issue.doneOn')}
          />
        </label>
      ),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await appraisalsApi.updateIssue(appraisal.id, i.id, { status: 'done', doneOn: date.format('YYYY-MM-DD'), version: i.version });
          refresh();
        } catch (e) {
          message.error((e as Error).message);
          refresh();
        }
      },
    });
  }

  return (
    <Card
      title={t('appraisal.issues')}
      extra={
        canEdit && (
          <Button
            onClick={() => {
              form.resetFields();
              setAdding(true);
            }}
          >
            {t('appraisal.issue.add')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    >
      {poor.length > 0 && <p>{t('appraisal.issue.poor', { names: poor.map((p) => p.name).join('、') })}</p>}
      <Table<AppraisalIssue>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={appraisal.issues}
        scroll={{ x: 640 }}
        columns={[
          { key: 'unit', title: t('appraisal.issue.unit'), dataIndex: 'unitName', width: 140 },
          { key: 'd', title: t('appraisal.issue.description'), dataIndex: 'description' },
          { key: 'deadline', title: t('appraisal.issue.deadline'), dataIndex: 'deadline', width: 110 },
          {
            key: 'status',
            title: t('appraisal.issue.status'),
            width: 150,
            render: (_, i) =>
              i.status === 'done' ? (
                <Pill tone="good">{`${t('appraisal.issue.done')} ${i.doneOn ?? ''}`}</Pill>
              ) : i.overdue ? (
                <Pill tone="bad">{t('appraisal.issue.overdue')}</Pill>
              ) : (
                <Pill tone="warn">{t('appraisal.issue.open')}</Pill>
              ),
          },
          ...(canEdit
            ? [
                {
                  key: 'a',
                  title: t('common.actions'),
                  width: 110,
                  render: (_: unknown, i: AppraisalIssue) =>
                    i.status === 'open' && (
                      <Button size="small" type="link" onClick={() => markDone(i)}>
                        {t('appraisal.issue.markDone')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={adding}
        title={t('appraisal.issue.add')}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={add} initialValues={{ unitId: poor[0]?.unitId }}>
          <Form.Item
            name="unitId"
            label={t('appraisal.issue.unit')}
            rules={[{ required: true, message: t('common.required', { field: t('appraisal.issue.unit') }) }]}
          >
            <Select options={appraisal.units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('appraisal.issue.description')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('appraisal.issue.description') }) }, { max: 1000 }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="deadline" label={t('appraisal.issue.deadline')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="notes" label={t('appraisal.issue.notes')} rules={[{ max: 1000 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
