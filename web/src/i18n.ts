import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Calendars } from './dates';
import { ar } from './locales/ar';
import { en } from './locales/en';

export type Language = 'ar' | 'en';
export type Numerals = 'auto' | 'latn' | 'arab';

const languageKey = 'sijil.language';
const numeralsKey = 'sijil.numerals';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private windows may refuse storage; the choice then lasts until the page is closed.
  }
}

/** Arabic unless the user chose English (the register's first users work in Arabic). */
export function initialLanguage(): Language {
  return stored(languageKey) === 'en' ? 'en' : 'ar';
}

export function storedNumerals(): Numerals {
  const value = stored(numeralsKey);
  return value === 'latn' || value === 'arab' ? value : 'auto';
}

export function saveNumerals(value: Numerals): void {
  store(numeralsKey, value);
}

const calendarsKey = 'sijil.calendars';

export function storedCalendars(): Calendars {
  const value = stored(calendarsKey);
  return value === 'gregory' || value === 'both' ? value : 'auto';
}

export function saveCalendars(value: Calendars): void {
  store(calendarsKey, value);
}

/** Sets `<html lang dir>` so the whole layout (logical CSS properties) mirrors in Arabic. */
function applyToDocument(language: Language): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = language === 'ar' ? 'rtl' : 'ltr';
  document.title = language === 'ar' ? 'سجل · Sijil' : 'Sijil · سجل';
}

export async function setLanguage(language: Language): Promise<void> {
  store(languageKey, language);
  await i18n.changeLanguage(language);
}

export async function initI18n(): Promise<typeof i18n> {
  i18n.on('languageChanged', (lng) => applyToDocument(lng === 'en' ? 'en' : 'ar'));
  await i18n.use(initReactI18next).init({
    resources: { ar: { translation: ar }, en: { translation: en } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  applyToDocument(i18n.language === 'en' ? 'en' : 'ar');
  return i18n;
}
