import { Button, Drawer, Empty, Typography } from 'antd';
import type { VersionSummary } from '../../api/reports.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { DownloadButton } from './DownloadButton.tsx';
import { dateTime } from './reportFormat.ts';

/** 版本记录: every frozen version, newest first, to view, compare with the current text or download. */
export function VersionsDrawer({
  open,
  id,
  title,
  versions,
  onView,
  onCompare,
  onClose,
}: {
  open: boolean;
  id: string;
  title: string;
  versions: VersionSummary[];
  onView: (n: number) => void;
  onCompare: (n: number) => void;
  onClose: () => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const list = [...versions].sort((a, b) => b.number - a.number);
  return (
    <Drawer open={open} onClose={onClose} title={t('report.versionList')} size={mobile ? '100%' : 480}>
      {list.length === 0 ? (
        <Empty description={t('report.noVersions')} />
      ) : (
        <ol className="fig-records" aria-label={t('report.versionList')}>
          {list.map((v) => (
            <li key={v.number}>
              <Typography.Text strong>{t('report.versionN', { n: v.number })}</Typography.Text>
              <div className="meta">{t('report.frozenBy', { by: v.frozenBy ?? '—', at: dateTime(v.frozenAt) })}</div>
              {v.note && <Typography.Paragraph style={{ margin: '4px 0' }}>{v.note}</Typography.Paragraph>}
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 6 }}>
                <Button size="small" onClick={() => onView(v.number)} aria-label={`${t('report.view')} ${t('report.versionN', { n: v.number })}`}>
                  {t('report.view')}
                </Button>
                <Button
                  size="small"
                  onClick={() => onCompare(v.number)}
                  aria-label={`${t('report.versionN', { n: v.number })} ${t('report.compareWithCurrent')}`}
                >
                  {t('report.compareWithCurrent')}
                </Button>
                <DownloadButton id={id} title={`${title}（第${v.number}版）`} version={v.number} size="small" />
              </div>
            </li>
          ))}
        </ol>
      )}
    </Drawer>
  );
}
