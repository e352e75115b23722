import { describe, expect, it } from 'vitest';
import { findItemRequest, onlyFindItemMessage } from '../../../support/find-item-reply.ts';
import { OperationBench } from '../../../support/operation-call.ts';

const ALICE = { mailbox: 'alice@example.test' };
const call = (xml: string) => new OperationBench().call(xml, ALICE);

describe('FindItem parts this mock Exchange does not serve', () => {
  it('GroupBy is ErrorInvalidRequest, pointing at CalendarView', async () => {
    const groupBy =
      '<m:GroupBy Order="Ascending"><t:FieldURI FieldURI="calendar:Start"/>' +
      '<t:AggregateOn Aggregate="Minimum"><t:FieldURI FieldURI="calendar:Start"/></t:AggregateOn></m:GroupBy>';
    const m = onlyFindItemMessage(await call(findItemRequest('', { extra: groupBy })));
    expect(m.responseClass).toBe('Error');
    expect(m.responseCode).toBe('ErrorInvalidRequest');
    expect(m.messageText).toBe(
      'FindItem/GroupBy is not supported by this mock Exchange; request a CalendarView and filter client-side.',
    );
  });

  it('QueryString is ErrorInvalidRequest, named in the text', async () => {
    const m = onlyFindItemMessage(await call(findItemRequest('', { extra: '<m:QueryString>sync</m:QueryString>' })));
    expect(m.responseCode).toBe('ErrorInvalidRequest');
    expect(m.messageText).toBe(
      'FindItem/QueryString is not supported by this mock Exchange; request a CalendarView and filter client-side.',
    );
  });

  it('a FractionalPageItemView is ErrorInvalidRequest, naming the two views served', async () => {
    const view = '<m:FractionalPageItemView MaxEntriesReturned="1" Numerator="1" Denominator="2"/>';
    const m = onlyFindItemMessage(await call(findItemRequest(view)));
    expect(m.responseClass).toBe('Error');
    expect(m.responseCode).toBe('ErrorInvalidRequest');
    expect(m.messageText).toBe(
      'FindItem/FractionalPageItemView is not supported by this mock Exchange; use CalendarView or IndexedPageItemView.',
    );
  });
});
