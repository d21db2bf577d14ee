import { Progress } from 'antd';
import type { DocumentCategory, DocumentStatus, ReadCounts, Receipt } from '../../api/documents.ts';
import { useT } from '../../i18n/index.tsx';
import { Pill } from '../../components/Pill.tsx';
import { cn, pct } from '../activities/activityFormat.ts';

/** A moment as China date and time, '—' for none. */
export function when(iso: string | null | undefined, format = 'YYYY-MM-DD HH:mm'): string {
  return iso ? cn(iso).format(format) : '—';
}

const CATEGORY_TONE: Record<DocumentCategory, 'info' | 'good' | 'warn' | 'dim'> = {
  presidium: 'warn',
  study: 'good',
  meeting: 'info',
  notice: 'info',
  other: 'dim',
};

export function CategoryTag({ category }: { category: DocumentCategory }) {
  const t = useT();
  return <Pill tone={CATEGORY_TONE[category]}>{t(`document.category.${category}`)}</Pill>;
}

export function DocumentStatusTag({ status }: { status: DocumentStatus }) {
  const t = useT();
  return <Pill tone={status === 'sent' ? 'good' : 'dim'}>{t(`document.status.${status}`)}</Pill>;
}

/** 已读 / 催阅 / 未读 for one receipt: an unread document that was reminded is marked 催阅. */
export function ReceiptTag({ receipt }: { receipt: Pick<Receipt, 'firstReadAt' | 'remindedCount'> }) {
  const t = useT();
  if (receipt.firstReadAt) return <Pill tone="good">{t('document.read')}</Pill>;
  return receipt.remindedCount > 0 ? <Pill tone="bad">{t('document.reminded')}</Pill> : <Pill tone="warn">{t('document.unread')}</Pill>;
}

/** The read rate as a bar with the numbers beside it; the bar carries its own accessible name. */
export function ReadRateBar({ counts, title }: { counts: ReadCounts; title: string }) {
  const t = useT();
  if (counts.recipients === 0) return <span>—</span>;
  const label = `${t('document.readRate')} ${title}: ${pct(counts.rate)}`;
  return (
    <div style={{ minWidth: 140 }}>
      <Progress
        percent={Math.round((counts.rate ?? 0) * 1000) / 10}
        size="small"
        strokeColor="#2e7d32"
        format={() => pct(counts.rate)}
        aria-label={label}
      />
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.7)' }}>
        {t('document.readOf', { read: counts.read, recipients: counts.recipients })}
        {counts.reminded > 0 && ` · ${t('document.remindedN', { n: counts.reminded })}`}
      </div>
    </div>
  );
}
