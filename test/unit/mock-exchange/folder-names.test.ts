import { describe, expect, it } from 'vitest';
import { CALENDAR_FOLDER_NAMES } from '../../../mock-exchange/calendar-folder-names.ts';
import { FOLDER_NAME_LANGUAGES, folderDisplayName, type LocalizedFolder } from '../../../mock-exchange/folder-names.ts';

const FOLDERS: LocalizedFolder[] = [
  'inbox',
  'outbox',
  'sentitems',
  'deleteditems',
  'drafts',
  'junkemail',
  'calendar',
  'contacts',
  'tasks',
  'notes',
  'journal',
  'conversationhistory',
  'syncissues',
  'conflicts',
  'localfailures',
  'serverfailures',
];

describe('localized well-known folder names', () => {
  it('has a full set for every language the calendar name has', () => {
    expect([...FOLDER_NAME_LANGUAGES].sort()).toEqual(Object.keys(CALENDAR_FOLDER_NAMES).sort());
  });

  it.each(FOLDER_NAME_LANGUAGES.map((l) => [l]))('%s: every folder named, no two alike', (language) => {
    const names = FOLDERS.map((f) => folderDisplayName(f, language));
    expect(names.every((n) => n.trim().length > 0)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads the language from any locale form and uses the calendar table for the calendar', () => {
    expect(folderDisplayName('inbox', 'de_DE')).toBe('Posteingang');
    expect(folderDisplayName('sentitems', 'fr-FR')).toBe('Éléments envoyés');
    expect(folderDisplayName('inbox', 'ja')).toBe('受信トレイ');
    expect(folderDisplayName('calendar', 'nl_NL')).toBe('Agenda');
  });
});
