import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance, Input, InputNumber, Select } from 'antd';
import type { Metric, SchemeItem } from '../../api/points.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { useT } from '../../i18n/index.tsx';
import type { SchemeValues } from './SchemeEditor.tsx';
import { newItemKey } from './pointsFormat.ts';

type Field = { key: number; name: number };

/**
 * The scheme's items as an editable table: label, what it counts (from GET /points/metrics), points per
 * record and the cap. Each cell names its row for screen readers ("项目名称 3"), since the header is far away.
 */
export function SchemeItemsTable({ form, metrics, canEdit }: { form: FormInstance<SchemeValues>; metrics: Metric[]; canEdit: boolean }) {
  const t = useT();
  const items = (Form.useWatch('items', form) ?? []) as Partial<SchemeItem>[];
  const options = metrics.map((m) => ({ value: m.metric, label: m.unit ? `${m.label}（${m.unit}）` : m.label }));
  // A metric the catalogue does not list (renamed on the server) still shows as its code.
  for (const i of items) if (i?.metric && !options.some((o) => o.value === i.metric)) options.push({ value: i.metric, label: i.metric });
  const rowName = (f: Field) => items[f.name]?.label || String(f.name + 1);

  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          <DataTable<Field>
            label={t('points.items')}
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 760 }}
            columns={[
              {
                key: 'label',
                title: t('points.item.label'),
                render: (_, f) => (
                  <>
                    <Form.Item name={[f.name, 'key']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, max: 40 }]} style={{ margin: 0 }}>
                      <Input aria-label={`${t('points.item.label')} ${f.name + 1}`} />
                    </Form.Item>
                  </>
                ),
              },
              {
                key: 'metric',
                title: t('points.item.metric'),
                width: 260,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'metric']} rules={[{ required: true }]} style={{ margin: 0 }}>
                    <Select
                      aria-label={`${t('points.item.metric')} ${rowName(f)}`}
                      options={options}
                      showSearch={{ optionFilterProp: 'label' }}
                      popupMatchSelectWidth={false}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'points',
                title: t('points.item.points'),
                width: 120,
                render: (_, f) => (
                  <Form.Item
                    name={[f.name, 'points']}
                    rules={[{ required: true }, { validator: (_r, v) => (v === 0 ? Promise.reject(new Error('分值不能为 0')) : Promise.resolve()) }]}
                    style={{ margin: 0 }}
                  >
                    <InputNumber aria-label={`${t('points.item.points')} ${rowName(f)}`} min={-100} max={100} step={1} style={{ width: '100%' }} />
                  </Form.Item>
                ),
              },
              {
                key: 'cap',
                title: t('points.item.cap'),
                width: 120,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'cap']} style={{ margin: 0 }}>
                    <InputNumber
                      aria-label={`${t('points.item.cap')} ${rowName(f)}`}
                      title={t('points.item.capHint')}
                      min={0.5}
                      max={1000}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                ),
              },
              ...(canEdit
                ? [
                    {
                      key: 'remove',
                      title: <span className="visually-hidden">{t('common.actions')}</span>,
                      width: 56,
                      render: (_: unknown, f: Field) => (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('points.item.remove', { label: rowName(f) })}
                          onClick={() => remove(f.name)}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <p style={{ fontSize: 12, color: '#595959', margin: '4px 0 8px' }}>{t('points.item.capHint')}</p>
          {canEdit && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ key: newItemKey(items.map((i) => i?.key ?? '')), label: '', metric: undefined, points: 1, cap: null })}
            >
              {t('points.item.add')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
