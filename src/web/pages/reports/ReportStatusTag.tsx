import { Pill } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';

/** 已定稿 第N版 when the text is the latest version; 已修改，未定稿 after an edit; 草稿 before the first. */
export function ReportStatusTag({ frozenNumber, versions }: { frozenNumber: number | null; versions: number }) {
  const t = useT();
  if (frozenNumber !== null) return <Pill tone="good">{t('report.frozen', { n: frozenNumber })}</Pill>;
  if (versions > 0) return <Pill tone="warn">{t('report.changedSinceFrozen')}</Pill>;
  return <Pill tone="dim">{t('report.draft')}</Pill>;
}
