import { describe, expect, it } from 'vitest';
import { findItemRequest, onlyFindItemMessage } from '../../../support/find-item-reply.ts';
import { OperationBench } from '../../../support/operation-call.ts';

// On Alice's 6 May: Weekly sync at 09:00 and the Stand-up occurrence at 10:00.
const ALICE = { mailbox: 'alice@example.test' };
const MAY6 = 'StartDate="2030-05-06T00:00:00Z" EndDate="2030-05-07T00:00:00Z"';
const view = (attrs: string, folders?: string) =>
  findItemRequest(`<m:CalendarView ${attrs}/>`, folders === undefined ? {} : { folders });

async function findItem(attrs: string, folders?: string) {
  return onlyFindItemMessage(await new OperationBench().call(view(attrs, folders), ALICE));
}

describe('FindItem CalendarView MaxEntriesReturned', () => {
  it('1 (the smallest allowed) answers the first entry and counts the whole range', async () => {
    const m = await findItem(`MaxEntriesReturned="1" ${MAY6}`);
    expect(m.responseCode).toBe('NoError');
    expect(m.subjects).toEqual(['Weekly sync']);
    expect(m.root).toEqual({ TotalItemsInView: '2', IncludesLastItemInRange: 'false' });
  });

  it('0 is ErrorInvalidPagingMaxRows, naming the value', async () => {
    const m = await findItem(`MaxEntriesReturned="0" ${MAY6}`);
    expect(m.responseClass).toBe('Error');
    expect(m.responseCode).toBe('ErrorInvalidPagingMaxRows');
    expect(m.messageText).toBe('CalendarView MaxEntriesReturned must be greater than zero, not 0.');
    expect(m.root).toBeUndefined();
  });

  it('a value that is not an xs:int fails schema validation, naming the attribute', async () => {
    const outcome = await new OperationBench().call(view(`MaxEntriesReturned="many" ${MAY6}`), ALICE);
    expect(outcome).toEqual({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message:
        'The request failed schema validation: FindItem/CalendarView@MaxEntriesReturned "many" is not a valid xs:int.',
      httpStatus: 500,
    });
  });
});

describe('FindItem CalendarView dates', () => {
  it('an EndDate before the StartDate is ErrorCalendarEndDateIsEarlierThanStartDate, quoting both', async () => {
    const m = await findItem('StartDate="2030-05-07T00:00:00Z" EndDate="2030-05-06T00:00:00Z"');
    expect(m.responseClass).toBe('Error');
    expect(m.responseCode).toBe('ErrorCalendarEndDateIsEarlierThanStartDate');
    expect(m.messageText).toBe(
      'CalendarView EndDate 2030-05-06T00:00:00Z is earlier than StartDate 2030-05-07T00:00:00Z.',
    );
  });

  it('an EndDate equal to the StartDate is an empty range, not an error', async () => {
    const m = await findItem('StartDate="2030-05-06T12:00:00Z" EndDate="2030-05-06T12:00:00Z"');
    expect(m.responseCode).toBe('NoError');
    expect(m.subjects).toEqual([]);
  });
});

describe('FindItem CalendarView on a folder that is not a calendar', () => {
  it('the Inbox is ErrorCalendarFolderIsInvalidForCalendarView, naming the folder', async () => {
    const m = await findItem(MAY6, '<t:DistinguishedFolderId Id="inbox"/>');
    expect(m.responseClass).toBe('Error');
    expect(m.responseCode).toBe('ErrorCalendarFolderIsInvalidForCalendarView');
    expect(m.messageText).toBe('CalendarView needs a calendar folder; "Inbox" is not one.');
  });

  it('without a CalendarView the Inbox answers NoError with no items', async () => {
    const outcome = await new OperationBench().call(
      findItemRequest('', { folders: '<t:DistinguishedFolderId Id="inbox"/>' }),
      ALICE,
    );
    const m = onlyFindItemMessage(outcome);
    expect(m.responseCode).toBe('NoError');
    expect(m.subjects).toEqual([]);
    expect(m.root).toEqual({ TotalItemsInView: '0', IncludesLastItemInRange: 'true' });
  });
});
