import { Card, Descriptions, List, Select, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { Breakdown, ItemLine, RecordRef } from '../../api/points.ts';
import { Pill } from '../../components/Pill.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useMe } from '../../hooks/useMe.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { PointsChart } from './PointsChart.tsx';
import { monthsOf, score, signed } from './pointsFormat.ts';
import { recordHref } from './recordHref.ts';

function RecordLinks({ records }: { records: RecordRef[] }) {
  const t = useT();
  const { user } = useMe();
  if (records.length === 0) return <span style={{ color: '#595959' }}>{t('points.noRecords')}</span>;
  return (
    <ul aria-label={t('points.itemRecords')} style={{ margin: 0, paddingLeft: 20 }}>
      {records.map((r) => (
        <li key={`${r.kind}:${r.id}`} style={{ marginBottom: 4 }}>
          {(() => {
            const to = recordHref(r.href, user);
            const text = [r.code, r.title].filter(Boolean).join(' ');
            return to ? <Link to={to}>{text}</Link> : text;
          })()}
          <span style={{ color: '#595959', fontSize: 12, marginLeft: 8 }}>
            {t(`points.kind.${r.kind}` as MsgKey)}
            {r.date ? ` · ${r.date}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * One deputy's points for a month: each item with its count and points (capped items marked), the records
 * it counted as links, the month's adjustments with their reasons, and the year's months as a small chart.
 * Used for staff (/points/deputies/:id) and for the deputy (/my/points).
 */
export function PointsBreakdown({ data, month, year, onMonth }: { data: Breakdown; month: string; year: number; onMonth: (m: string) => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const itemsTotal = data.lines.reduce((s, l) => s + l.points, 0);
  const bars = useMemo(
    () => data.months.map((m) => ({ label: mobile ? String(Number(m.month.slice(5, 7))) : m.month.slice(5), value: m.total, dim: !m.published })),
    [data.months, mobile],
  );
  // Lines that counted something first; the rest stay listed so the deputy sees what else would score.
  const lines = useMemo(() => [...data.lines].sort((a, b) => Number(b.count > 0) - Number(a.count > 0)), [data.lines]);

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('points.month')}
          style={{ width: 130 }}
          value={month}
          onChange={onMonth}
          options={monthsOf(year).map((m) => ({ value: m, label: m }))}
        />
        {data.published ? <Pill tone="good">{t('points.published')}</Pill> : <Pill tone="warn">{t('points.live')}</Pill>}
      </Space>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={mobile ? 1 : 3}>
          <Descriptions.Item label={t('points.name')}>{data.deputy.name}</Descriptions.Item>
          <Descriptions.Item label={t('points.station')}>{data.deputy.stationName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('points.monthTotal', { month: data.month })}>
            <strong style={{ fontSize: 18 }}>{score(data.total)}</strong>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('points.items')} style={{ marginBottom: 16 }}>
        <Table<ItemLine>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={lines}
          expandable={{
            expandedRowRender: (l) => <RecordLinks records={l.records ?? []} />,
            rowExpandable: (l) => l.count > 0,
            expandRowByClick: false,
          }}
          columns={[
            { key: 'label', title: t('points.item.label'), render: (_, l) => l.label },
            { key: 'count', title: t('points.item.count'), width: mobile ? 52 : 80, align: 'right', render: (_, l) => l.count },
            {
              key: 'points',
              title: t('points.item.pointsEarned'),
              width: mobile ? 96 : 140,
              align: 'right',
              render: (_, l) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {l.capped && (
                    <span style={{ marginRight: 4 }} title={`${score(l.raw)} → ${score(l.points)}`}>
                      <Pill tone="info">{t('points.capped')}</Pill>
                    </span>
                  )}
                  {score(l.points)}
                </span>
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                {t('points.itemsTotal')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong>{score(itemsTotal)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Card size="small" title={t('points.adjustments')} style={{ marginBottom: 16 }}>
        {data.adjustments.length === 0 ? (
          <p style={{ margin: 0, color: '#595959' }}>{t('points.adj.none')}</p>
        ) : (
          <List
            size="small"
            dataSource={data.adjustments}
            renderItem={(a) => (
              <List.Item>
                <Typography.Text strong style={{ minWidth: 48, display: 'inline-block' }}>
                  {signed(a.points)}
                </Typography.Text>
                <span style={{ flex: 1, marginLeft: 8 }}>{a.reason}</span>
              </List.Item>
            )}
          />
        )}
      </Card>
      {data.months.length > 0 && (
        <Card size="small" title={t('points.yearMonths')}>
          <PointsChart title={t('points.chartMonths')} bars={bars} height={180} dimLabel={`（${t('points.live')}）`} />
          <p style={{ margin: '4px 0 0', fontSize: 12, color: '#595959' }}>{t('points.chartNote')}</p>
        </Card>
      )}
    </>
  );
}
