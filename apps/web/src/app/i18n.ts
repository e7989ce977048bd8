import i18n from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';

export type Lang = 'vi' | 'en';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('nhip.lang') : null;

void i18n.use(initReactI18next).init({
  lng: stored === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  resources: { vi: { translation: {} }, en: { translation: {} } },
  interpolation: { escapeValue: false },
});

export function setLang(lang: Lang) {
  localStorage.setItem('nhip.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export function useLang(): Lang {
  const { i18n: inst } = useTranslation();
  return inst.language === 'en' ? 'en' : 'vi';
}

/** Inline bilingual text: l('Lưu nháp', 'Save draft'). Vietnamese first, English when switched. */
export function useL() {
  const lang = useLang();
  return useCallback((vi: string, en: string) => (lang === 'en' ? en : vi), [lang]);
}

export { i18n };
