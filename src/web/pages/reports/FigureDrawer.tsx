import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Empty, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Facts } from '../../../shared/report/facts.ts';
import { recordHref } from '../../../shared/report/facts.ts';
import { reportsApi } from '../../api/reports.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import type { Figure } from './ReportPreview.tsx';

/** The server takes at most 5000 refs at once; a figure over that shows the first 5000 and says so. */
const MAX_REFS = 5000;

/**
 * The records a figure counts: its ids (live ones from today's facts, frozen ones from the version's own
 * facts) resolved by POST /facts/records, each a link to the record's page.
 */
export function FigureDrawer({ figure, facts, onClose }: { figure: Figure | null; facts: Facts; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const ids = figure?.ids.slice(0, MAX_REFS) ?? [];
  const records = useQuery({
    queryKey: ['fact-records', ids],
    queryFn: () => reportsApi.records(ids),
    enabled: ids.length > 0,
    staleTime: 60_000,
  });
  const fact = figure ? facts[figure.key] : undefined;
  return (
    <Drawer open={!!figure} onClose={onClose} title={fact?.label ?? figure?.key} size={mobile ? '100%' : 560}>
      {figure && (
        <>
          <Typography.Paragraph>
            <Typography.Text strong>{t('report.figureValue', { value: figure.text })}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              <code>{`{{${figure.key}}}`}</code>
              {ids.length > 0 && ` · ${t('report.figureCount', { n: figure.ids.length })}`}
            </Typography.Text>
          </Typography.Paragraph>
          {ids.length === 0 && <Empty description={t('report.figureNone')} />}
          {records.isLoading && <Spin />}
          {records.error && <Alert type="error" showIcon title={(records.error as Error).message} />}
          {records.data && (
            <ol className="fig-records" aria-label={t('report.figureRecords')}>
              {records.data.records.map((r) => {
                const href = r.href ?? recordHref(r.ref);
                return (
                  <li key={r.ref}>
                    {href ? <Link to={href}>{r.title || r.code}</Link> : <span>{r.title || r.code}</span>}
                    <div className="meta">
                      {t(`report.rk.${r.kind}` as MsgKey)} · {r.code}
                      {r.date ? ` · ${r.date}` : ''}
                      {!href && ` · ${t('report.recordNoPage')}`}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </Drawer>
  );
}
