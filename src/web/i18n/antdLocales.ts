import type { ConfigProviderProps } from 'antd';
import enRaw from 'antd/es/locale/en_US.js';
import zhRaw from 'antd/es/locale/zh_CN.js';
import type { Lang } from './index.tsx';

type Locale = NonNullable<ConfigProviderProps['locale']>;

// antd's package.json has neither "exports" nor "type", so TypeScript (NodeNext) reads its ES build as
// CommonJS and types a default import as the module object; Vite hands over the locale itself.
const unwrap = (m: unknown): Locale => ((m as { default?: Locale }).default ?? m) as Locale;

export const antdLocales: Record<Lang, Locale> = { 'zh-CN': unwrap(zhRaw), en: unwrap(enRaw) };
