import { describe, expect, it } from 'vitest';
import { findItemRequest, onlyFindItemMessage } from '../../../support/find-item-reply.ts';
import { OperationBench } from '../../../support/operation-call.ts';

// Alice's calendar unexpanded, by start: the Stand-up series (3 May), Weekly sync (6 May), Offsite (7 May).
const ALICE = { mailbox: 'alice@example.test' };
const page = (attrs: string) => findItemRequest(`<m:IndexedPageItemView ${attrs}/>`);

async function findItem(attrs: string) {
  return onlyFindItemMessage(await new OperationBench().call(page(attrs), ALICE));
}

async function fault(attrs: string) {
  const outcome = await new OperationBench().call(page(attrs), ALICE);
  if (outcome.kind !== 'fault') throw new Error(`expected a fault, got ${outcome.xml}`);
  return { code: outcome.code, message: outcome.message, httpStatus: outcome.httpStatus };
}

describe('FindItem IndexedPageItemView from the Beginning', () => {
  it('without MaxEntriesReturned answers the whole set from the offset', async () => {
    const m = await findItem('Offset="0" BasePoint="Beginning"');
    expect(m.responseCode).toBe('NoError');
    expect(m.subjects).toEqual(['Stand-up', 'Weekly sync', 'Offsite']);
    expect(m.root).toEqual({ IndexedPagingOffset: '3', TotalItemsInView: '3', IncludesLastItemInRange: 'true' });
  });

  it('MaxEntriesReturned 1 (the smallest allowed) answers one item and the next offset', async () => {
    const m = await findItem('MaxEntriesReturned="1" Offset="1" BasePoint="Beginning"');
    expect(m.responseCode).toBe('NoError');
    expect(m.subjects).toEqual(['Weekly sync']);
    expect(m.root).toEqual({ IndexedPagingOffset: '2', TotalItemsInView: '3', IncludesLastItemInRange: 'false' });
  });

  it('an offset at the end of the set answers no items and includes the last one', async () => {
    const m = await findItem('MaxEntriesReturned="2" Offset="3" BasePoint="Beginning"');
    expect(m.subjects).toEqual([]);
    expect(m.root).toEqual({ IndexedPagingOffset: '3', TotalItemsInView: '3', IncludesLastItemInRange: 'true' });
  });
});

describe('FindItem IndexedPageItemView from the End (seeking backward)', () => {
  it('Offset 0 with one entry answers the last item; the page does not reach the first', async () => {
    const m = await findItem('MaxEntriesReturned="1" Offset="0" BasePoint="End"');
    expect(m.subjects).toEqual(['Offsite']);
    expect(m.root).toEqual({ IndexedPagingOffset: '1', TotalItemsInView: '3', IncludesLastItemInRange: 'false' });
  });

  it('Offset 1 with one entry answers the item before the last', async () => {
    const m = await findItem('MaxEntriesReturned="1" Offset="1" BasePoint="End"');
    expect(m.subjects).toEqual(['Weekly sync']);
    expect(m.root).toEqual({ IndexedPagingOffset: '2', TotalItemsInView: '3', IncludesLastItemInRange: 'false' });
  });

  it('Offset 1 without MaxEntriesReturned answers everything before the last item, down to the first', async () => {
    const m = await findItem('Offset="1" BasePoint="End"');
    expect(m.subjects).toEqual(['Stand-up', 'Weekly sync']);
    expect(m.root).toEqual({ IndexedPagingOffset: '3', TotalItemsInView: '3', IncludesLastItemInRange: 'true' });
  });

  it('an offset past the start of the set answers no items', async () => {
    const m = await findItem('Offset="5" BasePoint="End"');
    expect(m.subjects).toEqual([]);
    expect(m.root).toEqual({ IndexedPagingOffset: '5', TotalItemsInView: '3', IncludesLastItemInRange: 'true' });
  });
});

describe('FindItem IndexedPageItemView values out of range', () => {
  it('a negative Offset is ErrorInvalidIndexedPagingParameters', async () => {
    const m = await findItem('MaxEntriesReturned="1" Offset="-1" BasePoint="Beginning"');
    expect(m.responseClass).toBe('Error');
    expect(m.responseCode).toBe('ErrorInvalidIndexedPagingParameters');
    expect(m.messageText).toBe('FindItem/IndexedPageItemView@Offset must not be negative.');
  });

  it('MaxEntriesReturned 0 is ErrorInvalidPagingMaxRows', async () => {
    const m = await findItem('MaxEntriesReturned="0" Offset="0" BasePoint="Beginning"');
    expect(m.responseClass).toBe('Error');
    expect(m.responseCode).toBe('ErrorInvalidPagingMaxRows');
    expect(m.messageText).toBe('FindItem/IndexedPageItemView@MaxEntriesReturned must be greater than zero.');
  });

  it('an Offset that is not an xs:int fails schema validation, naming the attribute', async () => {
    expect(await fault('Offset="first" BasePoint="Beginning"')).toEqual({
      code: 'ErrorSchemaValidation',
      message:
        'The request failed schema validation: FindItem/IndexedPageItemView@Offset "first" is not a valid xs:int.',
      httpStatus: 500,
    });
  });

  it('a BasePoint outside Beginning/End fails schema validation, naming the attribute', async () => {
    expect(await fault('Offset="0" BasePoint="Middle"')).toEqual({
      code: 'ErrorSchemaValidation',
      message:
        'The request failed schema validation: FindItem/IndexedPageItemView@BasePoint "Middle" is not one of Beginning, End.',
      httpStatus: 500,
    });
  });

  it('a MaxEntriesReturned that is not an xs:int fails schema validation, naming the attribute', async () => {
    expect(await fault('MaxEntriesReturned="ten" Offset="0" BasePoint="Beginning"')).toEqual({
      code: 'ErrorSchemaValidation',
      message:
        'The request failed schema validation: FindItem/IndexedPageItemView@MaxEntriesReturned "ten" is not a valid xs:int.',
      httpStatus: 500,
    });
  });
});

describe('FindItem without a paging view', () => {
  it('answers the whole unexpanded set, the last item included', async () => {
    const m = onlyFindItemMessage(await new OperationBench().call(findItemRequest(''), ALICE));
    expect(m.responseCode).toBe('NoError');
    expect(m.subjects).toEqual(['Stand-up', 'Weekly sync', 'Offsite']);
    expect(m.root).toEqual({ TotalItemsInView: '3', IncludesLastItemInRange: 'true' });
  });
});
