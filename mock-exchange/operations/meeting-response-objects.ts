import { EwsError } from '../../ews/errors.ts';
import type { ResponseCode } from '../../ews/response-codes.ts';
import { successMessage } from '../../ews/soap-response.ts';
import { XmlElement } from '../../ews/xml-element.ts';
import { el } from '../../ews/xml-writer.ts';
import type { ResponseType } from '../calendar.ts';
import type { EwsContext } from '../ews-context.ts';
import { isOrganizerCopy, recordResponse, sendCancellations } from '../meeting-invitations.ts';
import { locateItem } from './item-locator.ts';
import { schemaError } from './request-values.ts';

/** The response objects CreateItem takes in place of an item (types.xsd NonEmptyArrayOfAllItemsType). */
export const MEETING_RESPONSE_OBJECTS = ['AcceptItem', 'TentativelyAcceptItem', 'DeclineItem', 'CancelCalendarItem'];

interface Answer {
  response: ResponseType;
  /** The free/busy the attendee's copy shows once answered; absent: the copy leaves the calendar. */
  freeBusy?: 'Busy' | 'Tentative';
  organizerError: ResponseCode;
  cancelledError: ResponseCode;
}

const ANSWERS: Record<string, Answer> = {
  AcceptItem: {
    response: 'Accept',
    freeBusy: 'Busy',
    organizerError: 'ErrorCalendarIsOrganizerForAccept',
    cancelledError: 'ErrorCalendarIsCancelledForAccept',
  },
  TentativelyAcceptItem: {
    response: 'Tentative',
    freeBusy: 'Tentative',
    organizerError: 'ErrorCalendarIsOrganizerForTentative',
    cancelledError: 'ErrorCalendarIsCancelledForTentative',
  },
  DeclineItem: {
    response: 'Decline',
    organizerError: 'ErrorCalendarIsOrganizerForDecline',
    cancelledError: 'ErrorCalendarIsCancelledForDecline',
  },
};

/** ReferenceItemId carries an item id (Id, ChangeKey) as t:ItemId does. */
const asItemId = (ref: XmlElement) => new XmlElement('ItemId', ref.attrs, [], '');

/**
 * One response object of CreateItem, referring (ReferenceItemId) to a calendar item of the caller's mailbox.
 * CancelCalendarItem: the organizer cancels, the attendees' copies are marked cancelled and the organizer's meeting
 * is deleted ("it deletes the meeting for the organizer also"). Accept / TentativelyAccept: the attendee's copy is
 * deleted and created again with the answer (a new id, as Microsoft documents); Decline removes it. The answer is
 * recorded on the organizer's attendee list (its ResponseType). Response messages carry no items.
 */
export function meetingResponseObject(
  ctx: EwsContext,
  objectEl: XmlElement,
  disposition: string | undefined,
  where: string,
): string {
  if (disposition === undefined) {
    throw new EwsError('ErrorMessageDispositionRequired', {
      message: `${where}: a response object needs CreateItem@MessageDisposition (SendOnly or SendAndSaveCopy).`,
    });
  }
  if (disposition === 'SaveOnly') {
    throw new EwsError('ErrorInvalidOperation', {
      message: `${where}: this mock Exchange sends responses (SendOnly, SendAndSaveCopy); it keeps no drafts of them.`,
    });
  }
  const refEl = objectEl.child('ReferenceItemId');
  if (!refEl) throw schemaError(where, 'has no ReferenceItemId');
  const { mailbox, calendar, entry } = locateItem(ctx, asItemId(refEl), `${where}/ReferenceItemId`);
  const item = entry.item;
  if (entry.type === 'Occurrence') {
    throw new EwsError('ErrorInvalidOperation', {
      message: `${where}: this mock Exchange answers or cancels whole meetings; ReferenceItemId names an occurrence.`,
    });
  }
  if (objectEl.name === 'CancelCalendarItem') {
    if (!isOrganizerCopy(mailbox, item)) {
      throw new EwsError('ErrorCalendarIsNotOrganizer', {
        message: `${where}: only the organizer cancels a meeting; ${mailbox.address} is an attendee of it.`,
      });
    }
    sendCancellations(ctx.org, mailbox, item);
    calendar.delete(item.id);
    return successMessage('CreateItemResponseMessage', el('m:Items'));
  }
  const answer = ANSWERS[objectEl.name];
  if (!answer) throw schemaError(where, `<${objectEl.name}> is not a meeting response`);
  if (isOrganizerCopy(mailbox, item) || !item.isMeeting) {
    throw new EwsError(answer.organizerError, {
      message: `${where}: ${mailbox.address} organizes this item; only attendees answer a meeting.`,
    });
  }
  if (item.isCancelled) {
    throw new EwsError(answer.cancelledError, { message: `${where}: the meeting was cancelled by its organizer.` });
  }
  calendar.delete(item.id);
  recordResponse(ctx.org, mailbox, item, answer.response);
  if (answer.freeBusy) {
    const { id: _id, changeKey: _key, created: _created, lastModified: _modified, ...kept } = item;
    calendar.create({ ...kept, freeBusy: answer.freeBusy, responseType: answer.response });
  }
  return successMessage('CreateItemResponseMessage', el('m:Items'));
}
