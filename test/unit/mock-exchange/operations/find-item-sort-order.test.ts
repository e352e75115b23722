import { describe, expect, it } from 'vitest';
import { NS } from '../../../../ews/namespaces.ts';
import { readXml } from '../../../../ews/soap-request.ts';
import type { CalendarEntry } from '../../../../mock-exchange/calendar.ts';
import { compileSortOrder } from '../../../../mock-exchange/operations/item-restriction.ts';
import type { MeetingConfig } from '../../../../mock-exchange/org-config.ts';
import { findItemRequest } from '../../../support/find-item-reply.ts';
import { OperationBench } from '../../../support/operation-call.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

/** Bob's calendar holding only `meetings` (the rest of the test organization unchanged). */
function benchWith(meetings: MeetingConfig[]): OperationBench {
  const config = testOrgConfig();
  const bob = config.mailboxes.find((m) => m.address === 'bob@example.test');
  if (!bob) throw new Error('test org has no bob');
  bob.meetings = meetings;
  return new OperationBench(config);
}

const meeting = (subject: string, day: string, location?: string): MeetingConfig => ({
  subject,
  start: `${day}T09:00:00Z`,
  end: `${day}T10:00:00Z`,
  ...(location === undefined ? {} : { location }),
});

const order = (dir: string, uri: string) =>
  `<t:FieldOrder Order="${dir}"><t:FieldURI FieldURI="${uri}"/></t:FieldOrder>`;

/** FindItem on the calendar, unexpanded (or a CalendarView when `view` is given), sorted by `orders`. */
const findSorted = (orders: string, view = '') =>
  findItemRequest(view, {
    shape: 'IdOnly',
    properties: ['item:Subject'],
    extra: `<m:SortOrder>${orders}</m:SortOrder>`,
  });

async function subjects(bench: OperationBench, request: string, mailbox = 'bob@example.test'): Promise<string[]> {
  const out = await bench.call(request, { mailbox });
  if (out.kind !== 'body') throw new Error(`fault ${out.code}: ${out.message}`);
  expect(out.xml).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
  return [...out.xml.matchAll(/<t:Subject>([^<]*)<\/t:Subject>/g)].map((m) => m[1] ?? '');
}

/** The comparator a SortOrder compiles to, and bob's entries by subject, for checking single comparisons. */
function comparator(bench: OperationBench, orders: string) {
  const compare = compileSortOrder(readXml(`<m:SortOrder xmlns:m="${NS.m}" xmlns:t="${NS.t}">${orders}</m:SortOrder>`));
  const entries = bench.org.mailbox('bob@example.test')?.calendar.view(Date.UTC(2030, 0, 1), Date.UTC(2031, 0, 1));
  const bySubject = (s: string): CalendarEntry => {
    const e = entries?.find((x) => x.item.subject === s);
    if (!e) throw new Error(`no entry ${s}`);
    return e;
  };
  return (a: string, b: string) => Math.sign(compare(bySubject(a), bySubject(b)));
}

describe('FindItem SortOrder: values', () => {
  it('calendar:Start Descending puts the latest first; Ascending compares instants numerically', async () => {
    const bench = benchWith([meeting('Mon', '2030-05-06'), meeting('Tue', '2030-05-07'), meeting('Wed', '2030-05-08')]);
    expect(await subjects(bench, findSorted(order('Descending', 'calendar:Start')))).toEqual(['Wed', 'Tue', 'Mon']);
    const cmp = comparator(bench, order('Ascending', 'calendar:Start'));
    expect([cmp('Mon', 'Wed'), cmp('Wed', 'Mon'), cmp('Tue', 'Tue')]).toEqual([-1, 1, 0]);
  });

  it('a missing value (no Location) sorts before any value, as Exchange sorts nulls', async () => {
    // 'undefined' as text would sort after "Annex": a missing value must not be compared as a string.
    const bench = benchWith([meeting('Placed', '2030-05-06', 'Annex'), meeting('Unplaced', '2030-05-07')]);
    expect(await subjects(bench, findSorted(order('Ascending', 'calendar:Location')))).toEqual(['Unplaced', 'Placed']);
    expect(await subjects(bench, findSorted(order('Descending', 'calendar:Location')))).toEqual(['Placed', 'Unplaced']);
    const cmp = comparator(bench, order('Ascending', 'calendar:Location'));
    expect([cmp('Unplaced', 'Placed'), cmp('Placed', 'Unplaced'), cmp('Unplaced', 'Unplaced')]).toEqual([-1, 1, 0]);
  });

  it('two missing values tie, so the next FieldOrder decides', async () => {
    const bench = benchWith([
      meeting('Zulu', '2030-05-06'),
      meeting('Placed', '2030-05-07', 'Annex'),
      meeting('Alpha', '2030-05-08'),
    ]);
    const orders = order('Ascending', 'calendar:Location') + order('Ascending', 'item:Subject');
    expect(await subjects(bench, findSorted(orders))).toEqual(['Alpha', 'Zulu', 'Placed']);
    const cmp = comparator(bench, order('Ascending', 'calendar:Location'));
    expect([cmp('Zulu', 'Alpha'), cmp('Alpha', 'Zulu')]).toEqual([0, 0]);
  });

  it('text compares ignoring case: "Review" and "review" tie and the next FieldOrder decides', async () => {
    const bench = benchWith([meeting('review', '2030-05-06'), meeting('Review', '2030-05-08')]);
    const orders = order('Ascending', 'item:Subject') + order('Descending', 'calendar:Start');
    expect(await subjects(bench, findSorted(orders))).toEqual(['Review', 'review']);
    const cmp = comparator(bench, order('Ascending', 'item:Subject'));
    expect([cmp('review', 'Review'), cmp('Review', 'review')]).toEqual([0, 0]);
  });

  it('an earlier FieldOrder that differs decides before a later one', async () => {
    const bench = benchWith([
      meeting('Beta', '2030-05-06', 'Room B'),
      meeting('Alpha', '2030-05-07', 'Room B'),
      meeting('Gamma', '2030-05-08', 'Room A'),
    ]);
    const orders = order('Ascending', 'calendar:Location') + order('Ascending', 'item:Subject');
    expect(await subjects(bench, findSorted(orders))).toEqual(['Gamma', 'Alpha', 'Beta']);
  });
});

describe('FindItem SortOrder over a CalendarView: what kind of item each entry is', () => {
  // Alice's 6 May 2030: "Weekly sync" (a single item, 09:00) and "Stand-up" (an occurrence of a daily series, 10:00).
  const view = '<m:CalendarView StartDate="2030-05-06T00:00:00Z" EndDate="2030-05-07T00:00:00Z"/>';
  const alice = (orders: string) => subjects(new OperationBench(), findSorted(orders, view), 'alice@example.test');

  it('calendar:IsRecurring is "true" for an occurrence and "false" for a single item', async () => {
    expect(await alice(order('Descending', 'calendar:IsRecurring'))).toEqual(['Stand-up', 'Weekly sync']);
    expect(await alice(order('Ascending', 'calendar:IsRecurring'))).toEqual(['Weekly sync', 'Stand-up']);
  });

  it('calendar:CalendarItemType "Occurrence" sorts before "Single"', async () => {
    expect(await alice(order('Ascending', 'calendar:CalendarItemType'))).toEqual(['Stand-up', 'Weekly sync']);
    expect(await alice(order('Descending', 'calendar:CalendarItemType'))).toEqual(['Weekly sync', 'Stand-up']);
  });
});

describe('FindItem SortOrder: paths it cannot sort by', () => {
  const alice = async (orders: string) => {
    const out = await new OperationBench().call(findSorted(orders), { mailbox: 'alice@example.test' });
    if (out.kind !== 'body') throw new Error(`fault ${out.code}: ${out.message}`);
    expect(out.xml).toContain('<m:ResponseCode>ErrorUnsupportedPathForQuery</m:ResponseCode>');
    return /<m:MessageText>([^<]*)<\/m:MessageText>/.exec(out.xml)?.[1];
  };
  const subject = order('Ascending', 'item:Subject');

  it('a FieldURI that is not a calendar item property, named with its 1-based FieldOrder', async () => {
    expect(await alice(subject + order('Ascending', 'item:Body'))).toBe(
      'FindItem/SortOrder/FieldOrder[2]: FieldURI &quot;item:Body&quot; cannot be used to sort FindItem results.',
    );
    expect(await alice(order('Descending', 'item:Body'))).toBe(
      'FindItem/SortOrder/FieldOrder[1]: FieldURI &quot;item:Body&quot; cannot be used to sort FindItem results.',
    );
  });

  it('an IndexedFieldURI, a FieldURI without its attribute, or no path at all', async () => {
    expect(
      await alice(
        `${subject}<t:FieldOrder Order="Ascending"><t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/></t:FieldOrder>`,
      ),
    ).toBe('FindItem/SortOrder/FieldOrder[2]: &lt;IndexedFieldURI&gt; cannot be used to sort FindItem results.');
    expect(await alice('<t:FieldOrder Order="Ascending"><t:FieldURI/></t:FieldOrder>')).toBe(
      'FindItem/SortOrder/FieldOrder[1]: &lt;FieldURI&gt; cannot be used to sort FindItem results.',
    );
    expect(await alice(`${subject}${subject}<t:FieldOrder Order="Descending"/>`)).toBe(
      'FindItem/SortOrder/FieldOrder[3]: &lt;nothing&gt; cannot be used to sort FindItem results.',
    );
  });

  it('an Order other than Ascending or Descending fails schema validation, naming the FieldOrder', async () => {
    const out = await new OperationBench().call(
      findSorted(`${subject}<t:FieldOrder Order="Up"><t:FieldURI FieldURI="item:Subject"/></t:FieldOrder>`),
      { mailbox: 'alice@example.test' },
    );
    expect(out).toEqual({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message:
        'The request failed schema validation: FindItem/SortOrder/FieldOrder[2]@Order "Up" is not one of Ascending, Descending.',
      httpStatus: 500,
    });
  });
});
