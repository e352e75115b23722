import {
  CalendarFolder,
  ComparisonMode,
  ContainmentMode,
  FolderSchema,
  FolderTraversal,
  FolderView,
  SearchFilter,
  ServiceError,
  ServiceResponseException,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { postEws } from '../../../support/https-post.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';

const byName = (name: string) => new SearchFilter.IsEqualTo(FolderSchema.DisplayName, name);

function view(pageSize: number, traversal = FolderTraversal.Shallow): FolderView {
  const v = new FolderView(pageSize);
  v.Traversal = traversal;
  return v;
}

describe('FindFolder through ews-javascript-api', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('finds a German mailbox calendar under msgfolderroot by its localized name "Kalender", not "Calendar"', async () => {
    const svc = ewsClient(mock, { impersonate: 'carol@example.test' });
    const found = await svc.FindFolders(WellKnownFolderName.MsgFolderRoot, byName('Kalender'), new FolderView(10));
    expect(found.TotalCount).toBe(1);
    expect(found.MoreAvailable).toBe(false);
    const [folder] = found.Folders;
    expect(folder).toBeInstanceOf(CalendarFolder);
    expect(folder?.DisplayName).toBe('Kalender');
    expect(folder?.Id.UniqueId).toBe(mock.org.mailbox('carol@example.test')?.calendarFolderId);

    const english = await svc.FindFolders(WellKnownFolderName.MsgFolderRoot, byName('Calendar'), new FolderView(10));
    expect(english.TotalCount).toBe(0);
    expect(english.Folders).toHaveLength(0);
  });

  it('matches the English name for an English mailbox, ignoring case as the store does', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const found = await svc.FindFolders(WellKnownFolderName.MsgFolderRoot, byName('calendar'), new FolderView(10));
    expect(found.Folders.map((f) => f.DisplayName)).toEqual(['Calendar']);
    expect(
      (await svc.FindFolders(WellKnownFolderName.MsgFolderRoot, byName('Kalender'), new FolderView(10))).TotalCount,
    ).toBe(0);
  });

  it('from root, a Shallow search sees only Top of Information Store; Deep reaches the calendar', async () => {
    const svc = ewsClient(mock, { impersonate: 'carol@example.test' });
    const shallow = await svc.FindFolders(WellKnownFolderName.Root, view(10));
    expect(shallow.Folders.map((f) => f.DisplayName)).toEqual([
      'Top of Information Store',
      'Finder',
      'Recoverable Items',
    ]);
    const shallowByName = await svc.FindFolders(WellKnownFolderName.Root, byName('Kalender'), view(10));
    expect(shallowByName.TotalCount).toBe(0);
    const deep = await svc.FindFolders(WellKnownFolderName.Root, byName('Kalender'), view(10, FolderTraversal.Deep));
    expect(deep.Folders.map((f) => f.DisplayName)).toEqual(['Kalender']);
  });

  it('pages a Deep search with IndexedPageFolderView', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const first = await svc.FindFolders(WellKnownFolderName.Root, view(1, FolderTraversal.Deep));
    // root > Top of Information Store (13 well-known folders, 3 under Sync Issues), Finder, Recoverable Items (3).
    expect(first.TotalCount).toBe(22);
    expect(first.MoreAvailable).toBe(true);
    expect(first.Folders.map((f) => f.DisplayName)).toEqual(['Top of Information Store']);
    const next = view(1, FolderTraversal.Deep);
    next.Offset = 1;
    const second = await svc.FindFolders(WellKnownFolderName.Root, next);
    expect(second.MoreAvailable).toBe(true);
    expect(second.Folders.map((f) => f.DisplayName)).toEqual(['Calendar']);
    // ews-javascript-api 0.15.3 drops IndexedPagingOffset (its NextPageOffset stays null): read the wire.
    const raw = await postEws(
      mock,
      soapEnvelope(
        '<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
          '<m:IndexedPageFolderView MaxEntriesReturned="1" Offset="0" BasePoint="Beginning"/>' +
          '<m:ParentFolderIds><t:DistinguishedFolderId Id="root"/></m:ParentFolderIds></m:FindFolder>',
        { impersonate: 'alice@example.test' },
      ),
    );
    expect(raw.body).toMatch(
      /<m:RootFolder IndexedPagingOffset="1" TotalItemsInView="22" IncludesLastItemInRange="false">/,
    );
  });

  it('supports Contains with IgnoreCase on DisplayName', async () => {
    const svc = ewsClient(mock, { impersonate: 'carol@example.test' });
    const filter = new SearchFilter.ContainsSubstring(
      FolderSchema.DisplayName,
      'LEND',
      ContainmentMode.Substring,
      ComparisonMode.IgnoreCase,
    );
    const found = await svc.FindFolders(WellKnownFolderName.MsgFolderRoot, filter, view(10));
    expect(found.Folders.map((f) => f.DisplayName)).toEqual(['Kalender']);
  });

  it('answers ErrorFolderNotFound for the archive, which no mailbox here has', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const err = await svc.FindFolders(WellKnownFolderName.ArchiveMsgFolderRoot, view(10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceResponseException);
    expect((err as ServiceResponseException).ErrorCode).toBe(ServiceError.ErrorFolderNotFound);
  });

  it('rejects a restriction on a property it cannot query with ErrorUnsupportedPathForQuery', async () => {
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const filter = new SearchFilter.IsEqualTo(FolderSchema.UnreadCount, 0);
    const err = await svc.FindFolders(WellKnownFolderName.MsgFolderRoot, filter, view(10)).catch((e: unknown) => e);
    expect((err as ServiceResponseException).ErrorCode).toBe(ServiceError.ErrorUnsupportedPathForQuery);
    expect((err as Error).message).toContain('folder:UnreadCount');
  });
});
