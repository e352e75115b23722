import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import { decodeId, occurrenceIdFor } from '../../../support/ews-ids.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { startMock } from '../../../support/mock-server.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const FORMATS = ['EwsLegacyId', 'EwsId', 'EntryId', 'HexEntryId', 'StoreId', 'OwaId'] as const;
type Format = (typeof FORMATS)[number];

const convert = (destination: Format, sources: { format: Format; id: string; mailbox?: string }[]) =>
  `<m:ConvertId DestinationFormat="${destination}"><m:SourceIds>${sources
    .map((s) => `<t:AlternateId Format="${s.format}" Id="${s.id}" Mailbox="${s.mailbox ?? ALICE}"/>`)
    .join('')}</m:SourceIds></m:ConvertId>`;

async function converted(mock: MockExchange, body: string): Promise<{ code?: string; id?: string }[]> {
  const reply = await ewsCall(mock, body);
  const root = await parseXml(reply.body);
  const messages = root.at('Body')?.children[0]?.child('ResponseMessages')?.children ?? [];
  return messages.map((m) => ({ code: m.textAt('ResponseCode'), id: m.child('AlternateId')?.attr('Id') }));
}

/** What each format of an EwsId must read, worked out from the published layouts, not by the mock's codec. */
function expectedForms(ewsId: string, objectType: number): Record<Format, string> {
  const d = decodeId(ewsId);
  const occurrence = d.instruction === 1;
  const entryId = occurrence ? d.storeId.subarray(9, 79) : d.storeId;
  const smtp = Buffer.from(ALICE, 'utf8');
  const legacy = Buffer.concat([
    Buffer.from([0, 0, smtp.length, 0]),
    smtp,
    Buffer.from([d.instruction, d.storeId.length, 0]),
    d.storeId,
  ]).toString('base64');
  const store = occurrence
    ? d.storeId.toString('base64')
    : Buffer.concat([Buffer.from([entryId.length]), entryId, Buffer.from([objectType])]).toString('base64');
  return {
    EwsLegacyId: legacy,
    EwsId: ewsId,
    EntryId: entryId.toString('base64'),
    HexEntryId: entryId.toString('hex').toUpperCase(),
    StoreId: store,
    OwaId: store,
  };
}

describe('ConvertId over raw SOAP: every format, both ways, exactly', () => {
  let mock: MockExchange;
  let ids: { calendar: string; inbox: string; series: string; occurrence: string };
  beforeAll(async () => {
    mock = await startMock(testOrgConfig());
    const alice = mock.org.mailbox(ALICE)!;
    const series = alice.calendar.items().find((i) => i.subject === 'Stand-up')!;
    const inbox = await ewsCall(
      mock,
      '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
      { impersonate: ALICE },
    );
    ids = {
      calendar: alice.calendarFolderId,
      inbox: /<t:FolderId Id="([^"]+)"/.exec(inbox.body)?.[1] ?? '',
      series: series.id,
      occurrence: occurrenceIdFor(series.id, '2030-05-06T10:00Z'),
    };
  });
  afterAll(async () => {
    await mock?.stop();
  });

  // StoreObjectType: Folder 1, CalendarFolder 2, CalendarItem 15.
  const cases = [
    ['the calendar folder', 'calendar', 2],
    ['the inbox', 'inbox', 1],
    ['a recurring series', 'series', 15],
    ['an occurrence', 'occurrence', 15],
  ] as const;

  it.each(cases)(
    '%s: EwsId to each format as the layouts say, and each back to the same EwsId',
    async (_, key, type) => {
      const ewsId = ids[key];
      const expected = expectedForms(ewsId, type);
      for (const format of FORMATS) {
        const [out] = await converted(mock, convert(format, [{ format: 'EwsId', id: ewsId }]));
        expect(out, format).toEqual({ code: 'NoError', id: expected[format] });
        const [back] = await converted(mock, convert('EwsId', [{ format, id: expected[format] }]));
        // MAPI entry ids have no form for an occurrence: they come back as the series.
        const original = key === 'occurrence' && format.includes('EntryId') ? ids.series : ewsId;
        expect(back, `${format} back`).toEqual({ code: 'NoError', id: original });
      }
    },
  );

  it('answers each bad id in its own message: malformed, empty-looking, unknown mailbox', async () => {
    const hexOfSeries = decodeId(ids.series).storeId.toString('hex');
    const out = await converted(
      mock,
      convert('EwsId', [
        { format: 'EwsId', id: 'AAMkADbm90IGFuIGl0ZW0=' },
        { format: 'HexEntryId', id: 'XYZ' },
        { format: 'StoreId', id: ids.series },
        { format: 'HexEntryId', id: hexOfSeries, mailbox: 'nobody@example.test' },
        { format: 'HexEntryId', id: hexOfSeries },
      ]),
    );
    expect(out.map((m) => m.code)).toEqual([
      'ErrorInvalidIdMalformed',
      'ErrorInvalidIdMalformed',
      'ErrorInvalidIdMalformed',
      'ErrorNonExistentMailbox',
      'NoError',
    ]);
    expect(out[4]?.id).toBe(ids.series);
  });

  it('a folder id where an item id belongs, and an item id where a folder id belongs, get their own errors', async () => {
    const asItem = await ewsCall(
      mock,
      `<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${ids.calendar}"/></m:ItemIds></m:GetItem>`,
      { impersonate: ALICE },
    );
    expect(asItem.code).toBe('ErrorCannotUseFolderIdForItemId');
    const asFolder = await ewsCall(
      mock,
      `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:FolderId Id="${ids.occurrence}"/></m:FolderIds></m:GetFolder>`,
      { impersonate: ALICE },
    );
    expect(asFolder.code).toBe('ErrorCannotUseItemIdForFolderId');
  });

  it.skipIf(!schemaTestsEnabled('ConvertId schema'))('its responses validate against the EWS schema', async () => {
    const bodies = await Promise.all(
      FORMATS.map(async (f) => ({
        name: f,
        xml: (
          await ewsCall(
            mock,
            convert(f, [
              { format: 'EwsId', id: ids.occurrence },
              { format: 'EwsId', id: 'x' },
            ]),
          )
        ).body,
      })),
    );
    const verdicts = await validateAgainstSchema(bodies);
    expect(verdicts.map((v) => [v.name, v.errors])).toEqual(FORMATS.map((f) => [f, []]));
  });
});
