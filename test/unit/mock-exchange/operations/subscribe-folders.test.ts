import { describe, expect, it } from 'vitest';
import { OperationBench } from '../../../support/operation-call.ts';
import { CALENDAR, CREATED, pullXml, subscribeMessage, subscribeXml } from '../../../support/subscribe-call.ts';

const ALICE = 'alice@example.test';
const SCHEMA = 'The request failed schema validation: ';
const TIMEOUT = '<t:Timeout>30</t:Timeout>';
const calendarOf = (address: string) =>
  `<t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>`;

describe('Subscribe: which folders, and whose mailbox', () => {
  it('SubscribeToAllFolders="true" without FolderIds watches every folder of the caller\'s mailbox', async () => {
    const bench = new OperationBench();
    const reply = await bench.call(
      subscribeXml('PullSubscriptionRequest', `${CREATED}${TIMEOUT}`, 'SubscribeToAllFolders="true"'),
      { mailbox: ALICE },
    );
    const id = subscribeMessage(reply).subscriptionId ?? '';
    expect(subscribeMessage(reply).code).toBe('NoError');
    expect(bench.notifications.find(id)).toMatchObject({ mailbox: ALICE, allFolders: true });
  });

  it('a subscription on the calendar folder does not watch all folders', async () => {
    const bench = new OperationBench();
    const id = subscribeMessage(await bench.call(pullXml(), { mailbox: ALICE })).subscriptionId ?? '';
    expect(bench.notifications.find(id)).toMatchObject({ mailbox: ALICE, allFolders: false });
  });

  it('SubscribeToAllFolders="true" with FolderIds is an ErrorSchemaValidation fault', async () => {
    const bench = new OperationBench();
    const reply = await bench.call(
      subscribeXml('PullSubscriptionRequest', `${CALENDAR}${CREATED}${TIMEOUT}`, 'SubscribeToAllFolders="true"'),
      { mailbox: ALICE },
    );
    expect(reply).toEqual({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: `${SCHEMA}SubscribeToAllFolders takes no FolderIds.`,
      httpStatus: 500,
    });
    expect(bench.notifications.list()).toEqual([]);
  });

  it('without SubscribeToAllFolders="true", missing or empty FolderIds is an ErrorSchemaValidation fault', async () => {
    const bench = new OperationBench();
    const expected = {
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: `${SCHEMA}FolderIds is missing or empty.`,
      httpStatus: 500,
    };
    for (const [attrs, folders] of [
      ['', ''],
      ['', '<t:FolderIds/>'],
      ['SubscribeToAllFolders="false"', ''],
    ]) {
      const reply = await bench.call(subscribeXml('PullSubscriptionRequest', `${folders}${CREATED}${TIMEOUT}`, attrs), {
        mailbox: ALICE,
      });
      expect([attrs, folders, reply]).toEqual([attrs, folders, expected]);
    }
    expect(bench.notifications.list()).toEqual([]);
  });

  it('the same calendar named twice is one subscription on it', async () => {
    const bench = new OperationBench();
    const reply = await bench.call(
      pullXml('30', `<t:FolderIds>${calendarOf(ALICE)}${calendarOf(ALICE)}</t:FolderIds>`),
      {
        mailbox: ALICE,
      },
    );
    expect(subscribeMessage(reply).code).toBe('NoError');
    expect(bench.notifications.list().map((s) => s.mailbox)).toEqual([ALICE]);
  });

  it("another mailbox's calendar is ErrorSubscriptionDelegateAccessNotSupported, naming that mailbox", async () => {
    const bench = new OperationBench();
    const reply = await bench.call(pullXml('30', `<t:FolderIds>${calendarOf('bob@example.test')}</t:FolderIds>`), {
      mailbox: ALICE,
    });
    expect(subscribeMessage(reply)).toMatchObject({
      responseClass: 'Error',
      code: 'ErrorSubscriptionDelegateAccessNotSupported',
      messageText:
        "Subscriptions are not supported for delegate user access: bob@example.test is not the caller's mailbox; use impersonation.",
      subscriptionId: undefined,
    });
    expect(bench.notifications.list()).toEqual([]);
  });

  it('without impersonation, calendars of two mailboxes are refused at the second one', async () => {
    const bench = new OperationBench();
    const folders = `<t:FolderIds>${calendarOf(ALICE)}${calendarOf('bob@example.test')}</t:FolderIds>`;
    const reply = await bench.call(pullXml('30', folders), { account: 'svc-imp' });
    expect(subscribeMessage(reply)).toMatchObject({
      code: 'ErrorSubscriptionDelegateAccessNotSupported',
      messageText:
        "Subscriptions are not supported for delegate user access: bob@example.test is not the caller's mailbox; use impersonation.",
    });
    expect(bench.notifications.list()).toEqual([]);
  });

  it('an account with no mailbox of its own, not impersonating, cannot subscribe to a calendar it names', async () => {
    const bench = new OperationBench();
    for (const folders of [
      `<t:FolderIds>${calendarOf(ALICE)}</t:FolderIds>`,
      `<t:FolderIds>${calendarOf(ALICE)}${calendarOf(ALICE)}</t:FolderIds>`,
    ]) {
      const reply = await bench.call(pullXml('30', folders), { account: 'svc-imp' });
      expect(subscribeMessage(reply)).toMatchObject({
        responseClass: 'Error',
        code: 'ErrorSubscriptionDelegateAccessNotSupported',
        messageText:
          'Subscriptions are not supported for delegate user access to alice@example.test; use impersonation.',
      });
    }
    expect(bench.notifications.list()).toEqual([]);
  });
});
