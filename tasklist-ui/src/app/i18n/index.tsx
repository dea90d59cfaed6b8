import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { en, type MessageKey, type Messages } from './en';
import { zh } from './zh';

export type Language = 'zh' | 'en';
export type { MessageKey } from './en';

export const DICTIONARIES: Record<Language, Messages> = { zh, en };
export const LANGUAGES: { value: Language; label: string }[] = [
  { value: 'zh', label: '中文' },
  { value: 'en', label: 'English' },
];
const STORAGE_KEY = 'suoke.language';

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** Date and time as the language writes it. */
  formatDateTime: (value: string | number | Date | null | undefined) => string;
  /** The BCP 47 tag of the language. */
  locale: string;
}

function i18nFor(language: Language, setLanguage: (language: Language) => void): I18n {
  const messages = DICTIONARIES[language];
  const locale = language === 'zh' ? 'zh-CN' : 'en-US';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    language,
    setLanguage,
    locale,
    t: (key, params) => format(messages[key] ?? key, params),
    formatDateTime: (value) => {
      if (value === null || value === undefined || value === '') return '';
      const date = value instanceof Date ? value : new Date(value);
      return Number.isNaN(date.getTime()) ? String(value) : dateTime.format(date);
    },
  };
}

// Without a provider (a component rendered alone in a test): English, fixed.
const I18nContext = createContext<I18n>(i18nFor('en', () => {}));

export function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // storage blocked: the default
  }
  return 'zh';
}

/** Language of the UI (Chinese first), with antd's and dayjs's locales following it. */
export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => fixed ?? initialLanguage());
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not kept: fine
    }
  }, []);
  const value = useMemo(() => i18nFor(language, setLanguage), [language, setLanguage]);
  useEffect(() => {
    dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = value.locale;
    document.title = `${value.t('app.name')}`;
  }, [language, value]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={language === 'zh' ? zhCN : enUS}>{children}</ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
