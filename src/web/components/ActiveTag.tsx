import { useT } from '../i18n/index.tsx';

/** Active / inactive, in colours that keep 4.5:1 (antd's green preset does not). */
export function ActiveTag({ active }: { active: boolean }) {
  const t = useT();
  return (
    <span
      style={{
        display: 'inline-block',
        padding: '0 8px',
        lineHeight: '22px',
        fontSize: 12,
        borderRadius: 4,
        color: active ? '#1b5e20' : '#424242',
        background: active ? '#e8f5e9' : '#f0f0f0',
        border: `1px solid ${active ? '#a5d6a7' : '#d0d0d0'}`,
      }}
    >
      {active ? t('common.active') : t('common.inactive')}
    </span>
  );
}
