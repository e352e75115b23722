import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { XmlElement } from '../../../../ews/xml-element.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';

const ALICE = 'alice@example.test';

interface Synced {
  state: string;
  last: boolean;
  changes: [string, string][];
}

/** The message of a Sync* response, with its changes as [kind, subject or id]. */
async function sync(mock: MockExchange, operation: string): Promise<Synced> {
  const res = await postEws(mock, soapEnvelope(operation, { impersonate: ALICE }));
  expect(res.status).toBe(200);
  const root = await parseXml(res.body);
  const response = root.at('Body')?.children[0];
  const message = response?.child('ResponseMessages')?.children[0] as XmlElement;
  expect(message.textAt('ResponseCode')).toBe('NoError');
  const last = message.textAt('IncludesLastItemInRange') ?? message.textAt('IncludesLastFolderInRange');
  const changes = (message.child('Changes')?.children ?? []).map((c): [string, string] => {
    const inner = c.children[0];
    return [c.name, inner?.textAt('Subject') ?? inner?.textAt('DisplayName') ?? inner?.attr('Id') ?? ''];
  });
  return { state: message.textAt('SyncState') ?? '', last: last === 'true', changes };
}

const syncItems = (state: string, max: number) =>
  '<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties></m:ItemShape>' +
  '<m:SyncFolderId><t:DistinguishedFolderId Id="calendar"/></m:SyncFolderId>' +
  `${state ? `<m:SyncState>${state}</m:SyncState>` : ''}<m:MaxChangesReturned>${max}</m:MaxChangesReturned></m:SyncFolderItems>`;

describe('SyncFolderItems and SyncFolderHierarchy over raw SOAP', () => {
  let mock: MockExchange;
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('pages items by MaxChangesReturned, then reports exactly what changed since the state', async () => {
    const first = await sync(mock, syncItems('', 2));
    expect(first.changes.map(([k]) => k)).toEqual(['Create', 'Create']);
    expect(first.last).toBe(false);
    const second = await sync(mock, syncItems(first.state, 2));
    expect(second.changes.map(([k]) => k)).toEqual(['Create']);
    expect(second.last).toBe(true);
    const all = [...first.changes, ...second.changes].map(([, s]) => s).sort();
    expect(all).toEqual(['Offsite', 'Stand-up', 'Weekly sync']);

    const idle = await sync(mock, syncItems(second.state, 10));
    expect(idle).toMatchObject({ last: true, changes: [] });

    const calendar = mock.org.mailbox(ALICE)!.calendar;
    const weekly = calendar.items().find((i) => i.subject === 'Weekly sync')!;
    const offsite = calendar.items().find((i) => i.subject === 'Offsite')!;
    calendar.update(weekly.id, { subject: 'Weekly sync (renamed)' });
    calendar.delete(offsite.id);
    calendar.create({ subject: 'New one', start: Date.UTC(2030, 4, 9, 9), end: Date.UTC(2030, 4, 9, 10) });
    const after = await sync(mock, syncItems(idle.state, 10));
    expect(after.changes).toEqual([
      ['Create', 'New one'],
      ['Update', 'Weekly sync (renamed)'],
      ['Delete', offsite.id],
    ]);
    expect((await sync(mock, syncItems(after.state, 10))).changes).toEqual([]);
  });

  it('a state from another folder is ErrorInvalidSyncStateData', async () => {
    const first = await sync(mock, syncItems('', 10));
    const inbox = syncItems(first.state, 10).replace('Id="calendar"', 'Id="inbox"');
    const res = await postEws(mock, soapEnvelope(inbox, { impersonate: ALICE }));
    expect(res.body).toContain('>ErrorInvalidSyncStateData</m:ResponseCode>');
  });

  it('the hierarchy under msgfolderroot comes once, then nothing', async () => {
    const shape = '<m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>';
    const first = await sync(mock, `<m:SyncFolderHierarchy>${shape}</m:SyncFolderHierarchy>`);
    // The 13 well-known folders below Top of Information Store and the 3 below Sync Issues.
    expect(first.changes).toHaveLength(16);
    expect(first.changes).toContainEqual(['Create', 'Calendar']);
    const again = await sync(
      mock,
      `<m:SyncFolderHierarchy>${shape}<m:SyncState>${first.state}</m:SyncState></m:SyncFolderHierarchy>`,
    );
    expect(again).toMatchObject({ last: true, changes: [] });
  });
});
