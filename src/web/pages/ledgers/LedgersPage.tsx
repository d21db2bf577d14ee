import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, List, Segmented, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type LedgerItem, ledgersApi } from '../../api/ledgers.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type MsgKey, useT } from '../../i18n/index.tsx';
import { type PeriodChoice, chinaYear, periodOf, yearPeriod } from './ledgerPeriod.ts';

/**
 * 工作台账: pick a period (this year, last year, or any range) and download each area's Excel ledger; the
 * list shows how many rows each sheet will hold, so an empty one is known before downloading.
 */
export default function LedgersPage() {
  const t = useT();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const { from, to, choice } = periodOf(sp);
  const [custom, setCustom] = useState(choice === 'custom');
  const [busy, setBusy] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['ledgers', from, to], queryFn: () => ledgersApi.list(from, to), placeholderData: keepPreviousData });
  const setPeriod = (f: string, to2: string) => setSp({ from: f, to: to2 }, { replace: true });

  const pick = (c: PeriodChoice) => {
    setCustom(c === 'custom');
    if (c === 'thisYear') setPeriod(yearPeriod(chinaYear()).from, yearPeriod(chinaYear()).to);
    if (c === 'lastYear') setPeriod(yearPeriod(chinaYear() - 1).from, yearPeriod(chinaYear() - 1).to);
  };
  const run = async (item: LedgerItem) => {
    setBusy(item.area);
    try {
      await ledgersApi.download(item.area, from, to);
    } catch (e) {
      message.error((e as Error).message || t('ledger.failed'), 6);
    } finally {
      setBusy(null);
    }
  };
  const labelOf = (item: LedgerItem) => t(`ledger.area.${item.area}` as MsgKey);

  return (
    <>
      <PageHeader title={t('ledger.nav')} />
      <Typography.Paragraph type="secondary">{t('ledger.intro')}</Typography.Paragraph>
      <Space wrap size="middle" style={{ marginBottom: 16 }} role="group" aria-label={t('ledger.period')}>
        <Segmented<PeriodChoice>
          aria-label={t('ledger.period')}
          value={custom ? 'custom' : choice}
          onChange={pick}
          options={[
            { value: 'thisYear', label: t('ledger.thisYear') },
            { value: 'lastYear', label: t('ledger.lastYear') },
            { value: 'custom', label: t('ledger.custom') },
          ]}
        />
        {(custom || choice === 'custom') && (
          <DatePicker.RangePicker
            aria-label={t('ledger.range')}
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            onChange={(v) => v?.[0] && v[1] && setPeriod(v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD'))}
          />
        )}
        <Typography.Text>
          {from} – {to}
        </Typography.Text>
      </Space>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <List
          bordered
          dataSource={q.data}
          rowKey="area"
          renderItem={(item) => (
            <List.Item
              actions={[
                <Button
                  key="dl"
                  type="primary"
                  icon={<DownloadOutlined />}
                  disabled={!item.available}
                  loading={busy === item.area}
                  aria-label={t('ledger.downloadOf', { label: labelOf(item) })}
                  onClick={() => void run(item)}
                >
                  {t('ledger.download')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                avatar={<FileExcelOutlined style={{ fontSize: 24, color: '#1d6f42' }} aria-hidden />}
                title={labelOf(item)}
                description={
                  <>
                    <div>{item.sheets.map((s) => t('ledger.sheetRows', { name: s.name, rows: s.rows })).join('，')}</div>
                    {item.area === 'points' && (
                      <div>
                        {item.note} · {t('ledger.pointsYear')}
                      </div>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}
