import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import en from './en.ts';
import zhCN, { type MsgKey } from './zh-CN.ts';

export type { MsgKey };
export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

const STORAGE_KEY = 'renda.lang';
const dictionaries: Record<Lang, Record<MsgKey, string>> = { 'zh-CN': zhCN, en };

export function savedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export type Vars = Record<string, string | number>;

/** Enumerations whose labels live in the dictionaries as `<group>.<value>`. */
export type EnumGroup =
  | 'gender'
  | 'status'
  | 'party'
  | 'occupation'
  | 'level'
  | 'ageBand'
  | 'role'
  | 'stationKind'
  | 'unitKind'
  | 'villageKind'
  | 'groupRole'
  | 'position'
  | 'importStatus'
  | 'entity'
  | 'action'
  | 'field';

export type Translate = {
  (key: MsgKey, vars?: Vars): string;
  /** Label of an enumeration value; unknown values show as they are (the server's own words). */
  enum: (group: EnumGroup, value: string | null | undefined) => string;
  lang: Lang;
};

function makeTranslate(lang: Lang): Translate {
  const dict = dictionaries[lang];
  const t = ((key: MsgKey, vars?: Vars) => {
    const s = dict[key] ?? zhCN[key] ?? key;
    return vars ? s.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`)) : s;
  }) as Translate;
  t.enum = (group, value) => {
    if (value === null || value === undefined || value === '') return '';
    return (dict as Record<string, string>)[`${group}.${value}`] ?? value;
  };
  t.lang = lang;
  return t;
}

const translators: Record<Lang, Translate> = { 'zh-CN': makeTranslate('zh-CN'), en: makeTranslate('en') };

type LangState = { lang: Lang; setLang: (l: Lang) => void };
const LangContext = createContext<LangState>({ lang: 'zh-CN', setLang: () => {} });

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(savedLang);
  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Private mode may refuse storage; the choice then lasts for this page only.
    }
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translators[lang]('app.title');
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

/** `const t = useT(); t('nav.home'); t.enum('gender', d.gender)` */
export function useT(): Translate {
  return translators[useContext(LangContext).lang];
}
