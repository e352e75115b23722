/** The word for "Calendar" each installable locale pack carries (IM&P and CUCM locale installers). */
export const LOCALE_CALENDAR_WORDS: Readonly<Record<string, string>> = {
  en_US: 'Calendar',
  de_DE: 'Kalender',
  fr_FR: 'Calendrier',
  es_ES: 'Calendario',
  it_IT: 'Calendario',
  nl_NL: 'Agenda',
  pt_BR: 'Calendário',
  ja_JP: '予定表',
};

export function calendarWord(locale: string): string {
  return LOCALE_CALENDAR_WORDS[locale] ?? 'Calendar';
}
