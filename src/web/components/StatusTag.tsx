import type { DeputyStatus } from '../api/deputies.ts';
import { useT } from '../i18n/index.tsx';

// Antd's preset tag colours are about 3.4:1 on their backgrounds; these pairs are above 7:1.
const COLOURS: Record<DeputyStatus, { fg: string; bg: string; border: string }> = {
  serving: { fg: '#1b5e20', bg: '#e8f5e9', border: '#a5d6a7' },
  resigned: { fg: '#4e342e', bg: '#efebe9', border: '#bcaaa4' },
  recalled: { fg: '#8e0000', bg: '#ffebee', border: '#ef9a9a' },
  terminated: { fg: '#37474f', bg: '#eceff1', border: '#b0bec5' },
  transferred: { fg: '#0d3c78', bg: '#e3f2fd', border: '#90caf9' },
};

export function StatusTag({ status }: { status: DeputyStatus }) {
  const t = useT();
  const c = COLOURS[status] ?? COLOURS.terminated;
  return (
    <span
      style={{
        display: 'inline-block',
        padding: '0 8px',
        lineHeight: '22px',
        fontSize: 12,
        borderRadius: 4,
        color: c.fg,
        background: c.bg,
        border: `1px solid ${c.border}`,
        whiteSpace: 'nowrap',
      }}
    >
      {t.enum('status', status)}
    </span>
  );
}
