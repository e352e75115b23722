import { afterEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import { postEws } from '../../../support/https-post.ts';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { T } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const DAVE = 'dave@example.test';
const at = (hhmm: string) => Date.parse(T(hhmm));

/** One EWS request to the lab's Exchange as `mailbox`; the first ResponseMessage's code and first item id. */
async function ews(h: PresenceLab, mailbox: string, operation: string): Promise<{ code?: string; id?: string }> {
  const res = await postEws(h.exchange, soapEnvelope(operation, { impersonate: mailbox }), {
    server: h.exchange.org.mailbox(mailbox)?.homeServer,
  });
  const msg = (await parseXml(res.body)).at('Body')?.children[0]?.child('ResponseMessages')?.children[0];
  await h.settle();
  return { code: msg?.textAt('ResponseCode'), id: msg?.at('Items', 'CalendarItem', 'ItemId')?.attr('Id') };
}
const invite = (send: string) =>
  `<m:CreateItem SendMeetingInvitations="${send}"><m:Items><t:CalendarItem><t:Subject>Incident review</t:Subject>` +
  `<t:Start>${T('13:00')}</t:Start><t:End>${T('14:00')}</t:End><t:RequiredAttendees><t:Attendee><t:Mailbox>` +
  `<t:EmailAddress>${DAVE}</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>`;
const respond = (name: string, id: string) =>
  `<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:${name}><t:ReferenceItemId Id="${id}"/></t:${name}></m:Items></m:CreateItem>`;

/** Dave's copy of the meeting, read from the mock's store. */
function daveCopy(h: PresenceLab) {
  return h.exchange.org
    .mailbox(DAVE)
    ?.calendar.items()
    .find((i) => i.subject.endsWith('Incident review'));
}

describe('calendar presence follows a meeting invitation, its acceptance and its cancellation', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('invited: Available (Tentative, as Cisco maps it); accepted: In a meeting; cancelled: Available again', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: { calendarSpread: 0 } });
    h.imp.presence.setClient('dave', 'available');
    h.imp.presence.setClient('alice', 'available');
    const created = await ews(h, ALICE, invite('SendToAllAndSaveCopy'));
    expect(created.code).toBe('NoError');
    expect(daveCopy(h)).toMatchObject({ freeBusy: 'Tentative', responseType: 'NoResponseReceived' });

    await h.advanceTo(at('13:00'));
    expect(h.presence('alice').label).toBe('In a meeting');
    // An unanswered invitation shows Tentative; Cisco maps Tentative to Available.
    expect(h.presence('dave')).toMatchObject({ label: 'Available', calendar: 'free' });

    await h.advanceTo(at('13:10'));
    expect((await ews(h, DAVE, respond('AcceptItem', daveCopy(h)?.id ?? ''))).code).toBe('NoError');
    expect(h.presence('dave')).toMatchObject({ label: 'In a meeting', calendar: 'busy' });
    expect(h.changesOf('dave').at(-1)?.at).toBe(at('13:10'));

    await h.advanceTo(at('13:20'));
    expect((await ews(h, ALICE, respond('CancelCalendarItem', created.id ?? ''))).code).toBe('NoError');
    expect(daveCopy(h)).toMatchObject({ isCancelled: true, subject: 'Canceled: Incident review' });
    expect(h.presence('dave')).toMatchObject({ label: 'Available', calendar: 'free' });
    expect(h.presence('alice').label).toBe('Available');
    expect(h.changesOf('dave', at('13:00')).map((c) => [c.presence.label, c.at])).toEqual([
      ['In a meeting', at('13:10')],
      ['Available', at('13:20')],
    ]);

    // A cancelled meeting holds no time even when its owner marks it Busy again: the gateway reads IsCancelled.
    const busyAgain =
      '<m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone"><m:ItemChanges>' +
      `<t:ItemChange><t:ItemId Id="${daveCopy(h)?.id}"/><t:Updates><t:SetItemField><t:FieldURI FieldURI="calendar:LegacyFreeBusyStatus"/>` +
      '<t:CalendarItem><t:LegacyFreeBusyStatus>Busy</t:LegacyFreeBusyStatus></t:CalendarItem></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>';
    expect((await ews(h, DAVE, busyAgain)).code).toBe('NoError');
    expect(daveCopy(h)).toMatchObject({ isCancelled: true, freeBusy: 'Busy' });
    expect(h.presence('dave').label).toBe('Available');
  });

  it('a meeting deleted without cancellations (SendToNone) keeps the accepted attendee In a meeting', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig(), parameters: { calendarSpread: 0 } });
    h.imp.presence.setClient('dave', 'available');
    const created = await ews(h, ALICE, invite('SendOnlyToAll'));
    expect((await ews(h, DAVE, respond('AcceptItem', daveCopy(h)?.id ?? ''))).code).toBe('NoError');
    await h.advanceTo(at('13:00'));
    expect(h.presence('dave').label).toBe('In a meeting');
    const remove = `<m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToNone"><m:ItemIds><t:ItemId Id="${created.id}"/></m:ItemIds></m:DeleteItem>`;
    expect((await ews(h, ALICE, remove)).code).toBe('NoError');
    expect(h.presence('dave').label).toBe('In a meeting');
    await h.advanceTo(at('14:00'));
    expect(h.presence('dave').label).toBe('Available');
  });
});
