import { PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Select, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { type BoardRow, dutyRecordApi } from '../../api/dutyRecord.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStationOptions } from '../../hooks/useLookups.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { pct } from '../activities/activityFormat.ts';
import { PrintStyles } from './PrintStyles.tsx';

/** 月晒: every deputy of a station side by side for one month, in the server's order (best rate first). */
export default function StationBoardPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const params = useParams();
  const stations = useStationOptions();
  const stationId = params.id ?? me.user.stationId ?? stations[0]?.value ?? '';
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  const m = month.format('YYYY-MM');
  const q = useQuery({
    queryKey: ['board', stationId, m],
    queryFn: () => dutyRecordApi.board(stationId, m),
    enabled: !!stationId,
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<BoardRow> = [
    { key: 'rank', title: t('board.rank'), width: 60, render: (_, _r, i) => i + 1 },
    { key: 'name', title: t('activity.deputy'), render: (_, r) => `${r.name}（${r.code}）` },
    { key: 'invited', title: t('dutyRecord.invited'), dataIndex: 'invited' },
    { key: 'present', title: t('attendance.present'), dataIndex: 'present' },
    { key: 'late', title: t('attendance.late'), dataIndex: 'late' },
    { key: 'onLeave', title: t('attendance.on_leave'), dataIndex: 'onLeave' },
    { key: 'absent', title: t('attendance.absent'), dataIndex: 'absent' },
    { key: 'pending', title: t('attendance.pending'), dataIndex: 'pending' },
    { key: 'trainings', title: t('dutyRecord.trainings'), dataIndex: 'trainings' },
    { key: 'rate', title: t('attendance.rate'), render: (_, r) => pct(r.rate) },
  ];
  const b = q.data;
  return (
    <>
      <PrintStyles />
      <PageHeader
        title={b ? t('board.titleOf', { station: b.station.name, month: month.format(t('activity.monthFormat')) }) : t('nav.board')}
        extra={
          <span className="no-print" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {!params.id && me.user.role !== 'deputy' && (
              <Select
                aria-label={t('deputy.station')}
                style={{ width: 180 }}
                value={stationId || undefined}
                onChange={(v) => navigate(`/stations/${v}/board`)}
                options={stations}
              />
            )}
            <DatePicker picker="month" aria-label={t('board.month')} allowClear={false} value={month} onChange={(d) => d && setMonth(d.startOf('month'))} />
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('dutyRecord.print')}
            </Button>
          </span>
        }
      />
      {!stationId ? (
        <Empty description={t('board.pickStation')} />
      ) : q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable<BoardRow>
          label={t('nav.board')}
          rowKey="deputyId"
          size="small"
          columns={columns}
          dataSource={b?.rows}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 800 }}
          summary={() =>
            b ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('board.totals', { deputies: b.totals.deputies, activities: b.totals.activities })}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{b.totals.invited}</Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{b.totals.present}</Table.Summary.Cell>
                <Table.Summary.Cell index={4}>{b.totals.late}</Table.Summary.Cell>
                <Table.Summary.Cell index={5}>{b.totals.onLeave}</Table.Summary.Cell>
                <Table.Summary.Cell index={6}>{b.totals.absent}</Table.Summary.Cell>
                <Table.Summary.Cell index={7}>{b.totals.pending}</Table.Summary.Cell>
                <Table.Summary.Cell index={8}>{b.totals.trainings}</Table.Summary.Cell>
                <Table.Summary.Cell index={9}>{pct(b.totals.rate)}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    </>
  );
}
