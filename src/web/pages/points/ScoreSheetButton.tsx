import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space } from 'antd';
import { useState } from 'react';
import { type Scheme, pointsApi } from '../../api/points.ts';
import { useT } from '../../i18n/index.tsx';
import { monthsOf, quartersOf } from './pointsFormat.ts';

/** The score sheet (.xlsx) for the year, a quarter or a month. */
export function ScoreSheetButton({ scheme }: { scheme: Scheme; month?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [period, setPeriod] = useState(String(scheme.year));
  const [busy, setBusy] = useState(false);
  const options = [
    { value: String(scheme.year), label: t('points.period.year') },
    ...quartersOf(scheme.year).map((q) => ({ value: q, label: q })),
    ...monthsOf(scheme.year).map((m) => ({ value: m, label: m })),
  ];
  const run = async () => {
    setBusy(true);
    try {
      await pointsApi.scoreSheet(scheme.id, period);
    } catch (e) {
      message.error((e as Error).message, 6);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact>
      <Select aria-label={t('points.excelPeriod')} style={{ width: 120 }} value={period} onChange={setPeriod} options={options} />
      <Button icon={<DownloadOutlined />} onClick={run} loading={busy}>
        {t('points.excel')}
      </Button>
    </Space.Compact>
  );
}
