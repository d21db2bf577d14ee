import type { ThemeConfig } from 'antd';

/**
 * Congress red. White on #b71c1c is 6.6:1 and #b71c1c on white the same, so buttons and links pass
 * WCAG 2.1 AA (4.5:1). Ant Design's grey secondary texts (45 % black, 3.4:1) fail AA, so they are
 * darkened here; placeholders too, as users read them as hints.
 */
export const PRIMARY = '#b71c1c';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorLink: PRIMARY,
    colorInfo: '#1d4f91',
    colorSuccess: '#2e7d32',
    colorWarning: '#a15c00',
    colorError: '#c62828',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.64)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', headerHeight: 56 },
    Menu: { itemSelectedColor: PRIMARY, itemSelectedBg: '#fdecea' },
  },
};
