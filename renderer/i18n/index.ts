import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Settings } from '../../preload/contract';
import { en } from './en';
import type { Dictionary } from './en';
import { fr } from './fr';

export type UiLanguage = 'en' | 'fr';
export const uiLanguages: readonly UiLanguage[] = ['en', 'fr'];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Dictionary };
  }
}

/** The language the UI shows: the setting when it names one, else the system's (navigator.language). */
export function resolveLanguage(
  setting: Settings['language'] | undefined,
  systemLanguage?: string,
): UiLanguage {
  if (setting === 'en' || setting === 'fr') return setting;
  const system = (
    systemLanguage ?? (typeof navigator === 'undefined' ? 'en' : navigator.language)
  ).toLowerCase();
  return system === 'fr' || system.startsWith('fr-') ? 'fr' : 'en';
}

function syncDocumentLanguage(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

let initialised = false;

/** Initialise i18next once (synchronously: the dictionaries are bundled). Safe to call again. */
export function initI18n(language: UiLanguage = resolveLanguage(undefined)): typeof i18next {
  if (!initialised) {
    initialised = true;
    void i18next.use(initReactI18next).init({
      resources: { en: { translation: en }, fr: { translation: fr } },
      lng: language,
      fallbackLng: 'en',
      supportedLngs: uiLanguages,
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
    });
    i18next.on('languageChanged', syncDocumentLanguage);
    syncDocumentLanguage(i18next.language);
  } else if (i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
  return i18next;
}

/** Switch the UI language now (no-op when it already is). `<html lang>` follows. */
export function applyLanguage(setting: Settings['language'] | undefined): void {
  const language = resolveLanguage(setting);
  if (i18next.language !== language) void i18next.changeLanguage(language);
}

export { i18next };
