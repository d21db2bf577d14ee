import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { type Lang, useLang, useT } from '../i18n/index.tsx';

const NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: (Object.keys(NAMES) as Lang[]).map((l) => ({ key: l, label: <span lang={l}>{NAMES[l]}</span> })),
        onClick: ({ key }) => setLang(key as Lang),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={`${t('header.language')}: ${NAMES[lang]}`}>
        {compact ? null : NAMES[lang]}
      </Button>
    </Dropdown>
  );
}
