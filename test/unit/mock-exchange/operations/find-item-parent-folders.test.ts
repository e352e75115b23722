import { describe, expect, it } from 'vitest';
import { findItemRequest, onlyFindItemMessage } from '../../../support/find-item-reply.ts';
import { OperationBench } from '../../../support/operation-call.ts';

const ALICE = { mailbox: 'alice@example.test' };
const call = (xml: string) => new OperationBench().call(xml, ALICE);

describe('FindItem ParentFolderIds', () => {
  it('an empty ParentFolderIds fails schema validation', async () => {
    expect(await call(findItemRequest('', { folders: '' }))).toEqual({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: 'The request failed schema validation: FindItem/ParentFolderIds must hold at least one folder id.',
      httpStatus: 500,
    });
  });

  it('the calendar by its FolderId answers its items', async () => {
    const bench = new OperationBench();
    const calendarId = bench.org.mailbox('alice@example.test')?.calendarFolderId;
    const outcome = await bench.call(findItemRequest('', { folders: `<t:FolderId Id="${calendarId}"/>` }), ALICE);
    const m = onlyFindItemMessage(outcome);
    expect(m.responseCode).toBe('NoError');
    expect(m.subjects).toEqual(['Stand-up', 'Weekly sync', 'Offsite']);
  });

  it("the calendar's FolderId value in a DistinguishedFolderId is no distinguished name: schema validation fails", async () => {
    const bench = new OperationBench();
    const calendarId = bench.org.mailbox('alice@example.test')?.calendarFolderId;
    const outcome = await bench.call(
      findItemRequest('', { folders: `<t:DistinguishedFolderId Id="${calendarId}"/>` }),
      ALICE,
    );
    expect(outcome).toEqual({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: `The request failed schema validation: The 'Id' attribute is invalid - The value '${calendarId}' is invalid according to its datatype 'http://schemas.microsoft.com/exchange/services/2006/types:DistinguishedFolderIdNameType' - The Enumeration constraint failed.`,
      httpStatus: 500,
    });
  });
});
