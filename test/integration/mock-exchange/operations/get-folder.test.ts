import { CalendarFolder, WellKnownFolderName } from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';

describe('GetFolder through ews-javascript-api', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('binds the calendar of an English mailbox by impersonation', async () => {
    const folder = await CalendarFolder.Bind(
      ewsClient(mock, { impersonate: 'alice@example.test' }),
      WellKnownFolderName.Calendar,
    );
    expect(folder.DisplayName).toBe('Calendar');
    expect(folder.TotalCount).toBe(3);
  });

  it('binds the calendar of a German mailbox homed on another server: Kalender, answered by ex1', async () => {
    const folder = await CalendarFolder.Bind(
      ewsClient(mock, { server: 'ex1', impersonate: 'carol@example.test' }),
      WellKnownFolderName.Calendar,
    );
    expect(folder.DisplayName).toBe('Kalender');
    expect(folder.Id.UniqueId).toBe(mock.org.mailbox('carol@example.test')?.calendarFolderId);
  });
});
