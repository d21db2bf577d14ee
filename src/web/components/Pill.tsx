import type { ReactNode } from 'react';

/*
 * A small status label with colours that pass WCAG AA: antd's preset tag colours are about 3.4:1 on
 * their backgrounds (axe: color-contrast); these pairs are above 7:1. Every status tag uses this.
 */
export const TONES = {
  good: { fg: '#1b5e20', bg: '#e8f5e9', border: '#a5d6a7' },
  warn: { fg: '#6d4c00', bg: '#fff8e1', border: '#ffd54f' },
  bad: { fg: '#8e0000', bg: '#ffebee', border: '#ef9a9a' },
  info: { fg: '#0d3c78', bg: '#e3f2fd', border: '#90caf9' },
  dim: { fg: '#37474f', bg: '#eceff1', border: '#b0bec5' },
  brown: { fg: '#4e342e', bg: '#efebe9', border: '#bcaaa4' },
} as const;
export type Tone = keyof typeof TONES;

export function Pill({ tone, children, ...rest }: { tone: Tone; children: ReactNode; 'data-overdue'?: boolean }) {
  const c = TONES[tone];
  return (
    <span
      {...rest}
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
      {children}
    </span>
  );
}
