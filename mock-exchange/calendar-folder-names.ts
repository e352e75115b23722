/** Outlook's default name of the Calendar folder per language (MS KB 325625 / 188856). */
export const CALENDAR_FOLDER_NAMES: Readonly<Record<string, string>> = {
  en: 'Calendar',
  de: 'Kalender',
  fr: 'Calendrier',
  es: 'Calendario',
  it: 'Calendario',
  nl: 'Agenda',
  pt: 'Calendário',
  ja: '予定表',
};

/** Language of a locale tag: "de_DE", "de-DE" and "de" all give "de". */
export function localeLanguage(locale: string): string {
  return locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

export function isSupportedLocale(locale: string): boolean {
  return Object.hasOwn(CALENDAR_FOLDER_NAMES, localeLanguage(locale));
}

export function calendarFolderName(locale: string): string {
  const name = CALENDAR_FOLDER_NAMES[localeLanguage(locale)];
  if (!name) {
    throw new RangeError(
      `Unsupported mailbox locale "${locale}"; known: ${Object.keys(CALENDAR_FOLDER_NAMES).join(', ')}`,
    );
  }
  return name;
}
