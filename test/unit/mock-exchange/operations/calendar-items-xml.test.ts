import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import { wellKnownFolderChangeKey } from '../../../../mock-exchange/folder-tree.ts';
import { calendarItemsXml, calendarItemXml } from '../../../../mock-exchange/operations/calendar-item-xml.ts';
import type { ItemShape } from '../../../../mock-exchange/operations/item-shape.ts';
import { OperationBench } from '../../../support/operation-call.ts';
import { TEST_START } from '../../../support/test-org.ts';

const DAY = 86_400_000;

function alice() {
  const bench = new OperationBench();
  const mailbox = bench.org.mailbox('alice@example.test');
  if (!mailbox) throw new Error('no alice');
  // A week: singles, occurrences of a series and whatever exceptions the test organization holds.
  const entries = mailbox.calendar.view(TEST_START - DAY, TEST_START + 6 * DAY);
  return { bench, mailbox, entries };
}

const shape = (base: ItemShape['base'], additional: string[] = [], extended?: ItemShape['extended']): ItemShape => ({
  base,
  additional: new Set(additional),
  ...(extended ? { extended } : {}),
});

/** Local names of the children of each t:CalendarItem. */
async function fieldNames(items: string[]): Promise<string[][]> {
  return Promise.all(items.map(async (x) => (await parseXml(x)).children.map((c) => c.name)));
}

describe('calendarItemsXml: the items of one calendar written together', () => {
  it('writes each entry exactly as calendarItemXml writes it alone, for every base shape and operation', () => {
    const { bench, mailbox, entries } = alice();
    expect(entries.length).toBeGreaterThan(2);
    for (const base of ['IdOnly', 'Default', 'AllProperties'] as const) {
      for (const op of ['FindItem', 'GetItem'] as const) {
        const together = calendarItemsXml(entries, mailbox, bench.org, shape(base), op);
        expect(together).toEqual(entries.map((e) => calendarItemXml(e, mailbox, bench.org, shape(base), op)));
      }
    }
  });

  it("every item names the calendar folder's id and change key, as GetFolder reports them", async () => {
    const { bench, mailbox, entries } = alice();
    const items = calendarItemsXml(entries, mailbox, bench.org, shape('Default'), 'FindItem');
    for (const x of items) {
      const parent = (await parseXml(x)).child('ParentFolderId');
      expect(parent?.attrs).toEqual({
        Id: mailbox.calendarFolderId,
        ChangeKey: wellKnownFolderChangeKey(mailbox, 'calendar'),
      });
    }
  });

  it('shapes of one base but other AdditionalProperties or extended properties each get their own fields', async () => {
    const { bench, mailbox, entries } = alice();
    const names = (s: ItemShape) =>
      fieldNames(calendarItemsXml(entries.slice(0, 1), mailbox, bench.org, s, 'FindItem'));
    const subject = { key: 'tag:0037', attrs: { PropertyTag: '0x0037', PropertyType: 'String' }, type: 'String' };
    // In an order where a field list kept for the wrong shape would show.
    expect(await names(shape('IdOnly'))).toEqual([['ItemId']]);
    expect(await names(shape('IdOnly', ['item:Subject', 'calendar:Start']))).toEqual([['ItemId', 'Subject', 'Start']]);
    expect(await names(shape('IdOnly'))).toEqual([['ItemId']]);
    expect(await names(shape('IdOnly', [], [subject]))).toEqual([['ItemId', 'ExtendedProperty']]);
    expect(await names(shape('IdOnly'))).toEqual([['ItemId']]);
    const all = (await names(shape('AllProperties')))[0]!;
    expect(all.slice(0, 4)).toEqual(['ItemId', 'ParentFolderId', 'ItemClass', 'Subject']);
    // FindItem never returns the body; GetItem with AllProperties does, and the time zone definitions with it.
    expect(all).not.toContain('Body');
    const getAll = (
      await fieldNames(calendarItemsXml(entries.slice(0, 1), mailbox, bench.org, shape('AllProperties'), 'GetItem'))
    )[0]!;
    expect(getAll).toContain('Body');
    expect(getAll).toContain('StartTimeZone');
    expect(await names(shape('IdOnly'))).toEqual([['ItemId']]);
  });
});
