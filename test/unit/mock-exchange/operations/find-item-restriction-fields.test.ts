import { describe, expect, it } from 'vitest';
import { NS } from '../../../../ews/namespaces.ts';
import { readXml } from '../../../../ews/soap-request.ts';
import { compileItemRestriction } from '../../../../mock-exchange/operations/item-restriction.ts';
import { findItemRequest } from '../../../support/find-item-reply.ts';
import { OperationBench } from '../../../support/operation-call.ts';

const isEqualTo = (uri: string, value: string) =>
  `<t:IsEqualTo><t:FieldURI FieldURI="${uri}"/><t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant></t:IsEqualTo>`;

/** FindItem on alice's calendar (unexpanded, by start: the "Stand-up" series from 3 May, "Weekly sync", "Offsite") with a restriction. */
async function find(restriction: string) {
  const out = await new OperationBench().call(
    findItemRequest('', {
      shape: 'IdOnly',
      properties: ['item:Subject'],
      extra: `<m:Restriction>${restriction}</m:Restriction>`,
    }),
    { mailbox: 'alice@example.test' },
  );
  if (out.kind !== 'body') throw new Error(`fault ${out.code}: ${out.message}`);
  return out.xml;
}
const subjects = (xml: string) => [...xml.matchAll(/<t:Subject>([^<]*)<\/t:Subject>/g)].map((m) => m[1]);

describe('FindItem restrictions over calendar item properties', () => {
  it('item:ItemClass of every calendar item is IPM.Appointment', async () => {
    expect(subjects(await find(isEqualTo('item:ItemClass', 'IPM.Appointment')))).toEqual([
      'Stand-up',
      'Weekly sync',
      'Offsite',
    ]);
  });

  it('calendar:CalendarItemType is RecurringMaster for a series and Single for the others', async () => {
    expect(subjects(await find(isEqualTo('calendar:CalendarItemType', 'RecurringMaster')))).toEqual(['Stand-up']);
    expect(subjects(await find(isEqualTo('calendar:CalendarItemType', 'Single')))).toEqual(['Weekly sync', 'Offsite']);
  });

  it('calendar:IsRecurring is false for single items and for a recurring master (only occurrences recur)', async () => {
    expect(subjects(await find(isEqualTo('calendar:IsRecurring', 'false')))).toEqual([
      'Stand-up',
      'Weekly sync',
      'Offsite',
    ]);
    expect(subjects(await find(isEqualTo('calendar:IsRecurring', 'true')))).toEqual([]);
  });

  it('a path FindItem cannot restrict on: ErrorUnsupportedPathForQuery naming FindItem and the paths it can', async () => {
    const xml = await find(isEqualTo('item:Body', 'x'));
    expect(xml).toContain('<m:ResponseCode>ErrorUnsupportedPathForQuery</m:ResponseCode>');
    expect(/<m:MessageText>([^<]*)<\/m:MessageText>/.exec(xml)?.[1]).toBe(
      'Restriction/IsEqualTo: FieldURI &quot;item:Body&quot; cannot be used in a FindItem restriction; supported: ' +
        'item:Subject, item:ItemClass, item:DateTimeCreated, item:LastModifiedTime, calendar:Start, calendar:End, ' +
        'calendar:Location, calendar:UID, calendar:IsAllDayEvent, calendar:LegacyFreeBusyStatus, calendar:IsMeeting, ' +
        'calendar:IsRecurring, calendar:CalendarItemType.',
    );
  });
});

describe('the compiled restriction over expanded entries (occurrences of a series)', () => {
  // Alice's 6 May 2030 as a calendar view expands it: "Weekly sync" (single) and an occurrence of "Stand-up".
  const bench = new OperationBench();
  const day = bench.org.mailbox('alice@example.test')?.calendar.view(Date.UTC(2030, 4, 6), Date.UTC(2030, 4, 7)) ?? [];
  const matching = (restriction: string) => {
    const test = compileItemRestriction(
      readXml(`<m:Restriction xmlns:m="${NS.m}" xmlns:t="${NS.t}">${restriction}</m:Restriction>`),
    );
    return day.filter(test).map((e) => `${e.item.subject} (${e.type})`);
  };

  it('holds the two entries the checks below tell apart', () => {
    expect(day.map((e) => `${e.item.subject} (${e.type})`)).toEqual(['Weekly sync (Single)', 'Stand-up (Occurrence)']);
  });

  it('calendar:CalendarItemType of an occurrence is Occurrence, not its series RecurringMaster', () => {
    expect(matching(isEqualTo('calendar:CalendarItemType', 'Occurrence'))).toEqual(['Stand-up (Occurrence)']);
    expect(matching(isEqualTo('calendar:CalendarItemType', 'RecurringMaster'))).toEqual([]);
    expect(matching(isEqualTo('calendar:CalendarItemType', 'Single'))).toEqual(['Weekly sync (Single)']);
  });

  it('calendar:IsRecurring is true for an occurrence only', () => {
    expect(matching(isEqualTo('calendar:IsRecurring', 'true'))).toEqual(['Stand-up (Occurrence)']);
    expect(matching(isEqualTo('calendar:IsRecurring', 'false'))).toEqual(['Weekly sync (Single)']);
  });
});
