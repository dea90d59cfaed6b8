import { Segmented } from 'antd';
import { LANGUAGES, useI18n, type Language } from './i18n';

/** 中文 / English. */
export function LanguageSwitch({ dark }: { dark?: boolean }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('app.language')}
      value={language}
      options={LANGUAGES}
      onChange={setLanguage}
      className={dark ? 'suoke-language-dark' : undefined}
      data-testid="language-switch"
    />
  );
}
