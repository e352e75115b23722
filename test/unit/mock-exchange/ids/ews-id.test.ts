import { describe, expect, it } from 'vitest';
import { decodeEwsId } from '../../../../mock-exchange/ids/ews-id.ts';
import { MailboxIds, OCCURRENCE_ID_MEMO_LIMIT, parseEwsId } from '../../../../mock-exchange/ids/mailbox-ids.ts';
import { changeKey, StoreObjectType } from '../../../../mock-exchange/ids/store-object-id.ts';
import { decodeId, messageCounter, occurrenceIdFor } from '../../../support/ews-ids.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
/** Ids Exchange 2019 handed out, as hex dumps published in grommunio/gromox doc/ews_spec.rst. */
const EXCHANGE_FOLDER_ID = hex(`00 03 24 00 62 62 30 30 66 37 63 66 2d 30 62 39 34 2d 34 66 61 62 2d 38 65 66 35 2d
  32 33 31 66 30 62 63 34 30 34 31 36 00 2e 00 00 00 00 00 a2 1e 44 9a 4e 3c d7 4b 98 f2 0f 97 5e 57 37 f0 01 00 1e
  de f0 7f 30 72 25 41 8b 15 34 c4 66 23 92 52 00 00 23 67 48 67 00 00`).toString('base64');
const EXCHANGE_ITEM_ID = hex(`00 03 24 00 62 62 30 30 66 37 63 66 2d 30 62 39 34 2d 34 66 61 62 2d 38 65 66 35 2d
  32 33 31 66 30 62 63 34 30 34 31 36 00 46 00 00 00 00 00 a2 1e 44 9a 4e 3c d7 4b 98 f2 0f 97 5e 57 37 f0 07 00 1e
  de f0 7f 30 72 25 41 8b 15 34 c4 66 23 92 52 00 00 00 00 01 0f 00 00 1e de f0 7f 30 72 25 41 8b 15 34 c4 66 23 92
  52 00 00 23 67 4f 7f 00 00`).toString('base64');
const EXCHANGE_CHANGE_KEY = hex(
  '0f 00 00 00 16 00 00 00 ee 4e 3b 86 8d 1c 5f 40 85 73 42 30 21 88 f1 53 00 00 1e 50 00 0d',
).toString('base64');

/** Exchange's run-length compression (a byte twice in a row, then how many more), written out for the test. */
function rleCompress(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    let run = 1;
    while (i + run < bytes.length && bytes[i + run] === bytes[i] && run < 257) run++;
    const b = bytes[i] as number;
    if (run === 1) out.push(b);
    else out.push(b, b, run - 2);
    i += run;
  }
  return Buffer.from(out);
}

describe('ids shaped as Exchange 2010+ EwsIds', () => {
  const alice = new MailboxIds('seed-1', 'alice@example.test');

  it("an item id is 113 bytes (152 characters) like Exchange's: mailbox GUID, then a 70-byte message entry id", () => {
    const id = alice.newItemId(3);
    expect(id).toHaveLength(EXCHANGE_ITEM_ID.length);
    expect(id).toHaveLength(152);
    expect(id.startsWith('AAMkA')).toBe(true);
    const d = decodeId(id);
    expect([d.compression, d.storageType, d.instruction, d.storeId.length]).toEqual([0, 3, 0, 70]);
    expect(d.mailboxGuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(d.mailboxGuid).toBe(alice.guid);
    // Flags zero, eitLTPrivateMessage 0x0007, parent folder counter 3 at bytes 38-43.
    expect(d.storeId.readUInt32LE(0)).toBe(0);
    expect(d.storeId.readUInt16LE(20)).toBe(7);
    expect(d.storeId.readUIntBE(38, 6)).toBe(3);
    expect(messageCounter(alice.newItemId(3))).toBe(messageCounter(id) + 1);
  });

  it('a folder id is 89 bytes (120 characters) with a 46-byte folder entry id', () => {
    const id = alice.folderId(3);
    expect(id).toHaveLength(EXCHANGE_FOLDER_ID.length);
    expect(id).toHaveLength(120);
    const d = decodeId(id);
    expect([d.storeId.length, d.storeId.readUInt16LE(20), d.storeId.readUIntBE(38, 6)]).toEqual([46, 1, 3]);
  });

  it('the same seed gives the same ids after a restart; another seed or mailbox another GUID', () => {
    const again = new MailboxIds('seed-1', 'alice@example.test');
    const first = new MailboxIds('seed-1', 'alice@example.test');
    expect([again.guid, again.newItemId(3), again.folderId(9)]).toEqual([
      first.guid,
      first.newItemId(3),
      first.folderId(9),
    ]);
    expect(new MailboxIds('seed-2', 'alice@example.test').guid).not.toBe(first.guid);
    expect(new MailboxIds('seed-1', 'bob@example.test').guid).not.toBe(first.guid);
  });

  it("reads Exchange's own ids: a folder and an item of mailbox bb00f7cf-...", () => {
    expect(parseEwsId(EXCHANGE_FOLDER_ID)).toEqual({
      kind: 'folder',
      mailboxGuid: 'bb00f7cf-0b94-4fab-8ef5-231f0bc40416',
      id: EXCHANGE_FOLDER_ID,
    });
    expect(parseEwsId(EXCHANGE_ITEM_ID)).toMatchObject({ kind: 'item', id: EXCHANGE_ITEM_ID });
  });

  it('names every occurrence as written out, also once more occurrences were named than it remembers', () => {
    const series = alice.newItemId(3);
    const bob = new MailboxIds('seed-1', 'bob@example.test');
    const bobSeries = bob.newItemId(3);
    const first = Date.parse('2030-01-01T09:00:00Z');
    const starts = Array.from({ length: OCCURRENCE_ID_MEMO_LIMIT + 10 }, (_, i) => first + i * 86_400_000);
    for (const start of starts) alice.occurrenceId(series, start);
    for (const start of [starts[0]!, starts[5]!, starts.at(-1)!]) {
      const iso = new Date(start).toISOString();
      expect(alice.occurrenceId(series, start)).toBe(occurrenceIdFor(series, iso));
      expect(bob.occurrenceId(bobSeries, start)).toBe(occurrenceIdFor(bobSeries, iso));
    }
    expect(() => alice.occurrenceId('not-an-id', first)).toThrow('is not an EwsId');
  });

  it('reads an RLE-compressed id as the uncompressed id it stands for', () => {
    const raw = Buffer.from(EXCHANGE_ITEM_ID, 'base64');
    const compressed = Buffer.concat([Buffer.from([1]), rleCompress(raw.subarray(1))]).toString('base64');
    expect(compressed).not.toBe(EXCHANGE_ITEM_ID);
    expect(parseEwsId(compressed)).toMatchObject({ kind: 'item', id: EXCHANGE_ITEM_ID });
  });

  it('an occurrence id carries the series entry id and its original start', () => {
    const series = alice.newItemId(3);
    const occurrence = alice.occurrenceId(series, Date.parse('2030-03-31T07:00:00Z'));
    expect(occurrence).toBe(occurrenceIdFor(series, '2030-03-31T07:00:00Z'));
    expect(parseEwsId(occurrence)).toEqual({
      kind: 'occurrence',
      mailboxGuid: alice.guid,
      id: occurrence,
      seriesId: series,
      originalStart: Date.parse('2030-03-31T07:00:00Z'),
    });
  });

  it('refuses what is not an EwsId: not base64, cut short, trailing bytes, another storage type, a bad GUID', () => {
    const raw = Buffer.from(EXCHANGE_ITEM_ID, 'base64');
    const variant = (f: (b: Buffer) => Buffer) => f(Buffer.from(raw)).toString('base64');
    for (const bad of [
      'DUMMY',
      'AAMkADbm90IGFuIGl0ZW0=',
      variant((b) => b.subarray(0, 100)),
      variant((b) => Buffer.concat([b, Buffer.from([0])])),
      variant((b) => b.fill(5, 1, 2)),
      variant((b) => b.fill(0x7a, 4, 5)),
      variant((b) => b.fill(9, 40, 41)),
    ]) {
      expect(parseEwsId(bad), bad).toBeUndefined();
    }
    // An EwsLegacyId (SMTP address based) is an id, but not the EwsId the operations take.
    expect(decodeEwsId(EXCHANGE_ITEM_ID)?.storage).toBe('guid');
  });

  it("change keys have the layout of Exchange's: type, 22, replica GUID, change number", () => {
    expect(changeKey(StoreObjectType.CalendarItem, hex('ee4e3b868d1c5f408573423021 88f153'), 0x1e50000d)).toBe(
      EXCHANGE_CHANGE_KEY,
    );
    const ck = alice.nextChangeKey(StoreObjectType.CalendarItem);
    expect(ck.startsWith('DwAAABYAAAA')).toBe(true);
    expect(ck).toHaveLength(40);
    expect(Buffer.from(alice.nextChangeKey(StoreObjectType.CalendarItem), 'base64').readUIntBE(24, 6)).toBe(
      Buffer.from(ck, 'base64').readUIntBE(24, 6) + 1,
    );
  });
});
