import type { TableColumnsType } from 'antd';
import type { UnitFigures } from '../../api/searchStats.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { useT } from '../../i18n/index.tsx';
import { rateText } from './statsFormat.ts';

/** Per office: items, replies on time, ratings satisfied, re-handled — the figures a supervision report quotes. */
export function UnitFiguresTable({ rows, title }: { rows: UnitFigures[]; title: string }) {
  const t = useT();
  const columns: TableColumnsType<UnitFigures> = [
    { key: 'unit', title: t('sstats.unit'), render: (_, r) => r.unit.name, fixed: 'left', width: 140 },
    { key: 'assigned', title: t('sstats.unitAssigned'), dataIndex: 'assigned', align: 'right', width: 90 },
    { key: 'replies', title: t('sstats.replies'), dataIndex: 'replies', align: 'right', width: 90 },
    { key: 'onTime', title: t('sstats.onTime'), dataIndex: 'onTime', align: 'right', width: 90 },
    { key: 'onTimeRate', title: t('sstats.onTimeRate'), align: 'right', width: 110, render: (_, r) => rateText(r.onTimeRate) },
    { key: 'ratings', title: t('sstats.ratings'), dataIndex: 'ratings', align: 'right', width: 90 },
    { key: 'satisfied', title: t('sstats.satisfied'), dataIndex: 'satisfied', align: 'right', width: 120 },
    { key: 'satisfactionRate', title: t('sstats.satisfactionRate'), align: 'right', width: 100, render: (_, r) => rateText(r.satisfactionRate) },
    { key: 'rehandled', title: t('sstats.rehandled'), dataIndex: 'rehandled', align: 'right', width: 90 },
  ];
  return (
    <DataTable<UnitFigures>
      label={title}
      title={() => <strong>{title}</strong>}
      rowKey={(r) => r.unit.id}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 920 }}
      locale={{ emptyText: t('sstats.noUnits') }}
    />
  );
}
