import {
  ATTENDEE_LISTS,
  type Attendee,
  allAttendees,
  type CalendarItem,
  type NewCalendarItem,
  type ResponseType,
} from './calendar.ts';
import type { Mailbox, Organization } from './organization.ts';

/** What Exchange puts before the subject of a meeting cancelled in an attendee's calendar. */
export const CANCELED_PREFIX = 'Canceled: ';

/** The meeting's organizer: the item's own, else the mailbox holding it (appointments are organized by their owner). */
export function organizerOf(mailbox: Mailbox, item: CalendarItem): Attendee {
  return item.organizer ?? { name: mailbox.displayName, address: mailbox.address };
}

/** Whether the mailbox holds the organizer's copy of the item (only the organizer sends and cancels). */
export function isOrganizerCopy(mailbox: Mailbox, item: CalendarItem): boolean {
  return organizerOf(mailbox, item).address.toLowerCase() === mailbox.address;
}

/** The organization's mailboxes among the attendees, the organizer left out, each once. */
function invitedMailboxes(org: Organization, organizer: Mailbox, attendees: readonly Attendee[]): Mailbox[] {
  const out = new Map<string, Mailbox>();
  for (const a of attendees) {
    const mbx = org.mailbox(a.address);
    if (mbx && mbx !== organizer) out.set(mbx.address, mbx);
  }
  return [...out.values()];
}

/** An attendee's copy of a meeting: same UID, same organizer, in the attendee's calendar. */
export function attendeeCopy(attendee: Mailbox, organizer: string, uid: string): CalendarItem | undefined {
  return attendee.calendar
    .items()
    .find((c) => c.uid === uid && c.organizer?.address.toLowerCase() === organizer.toLowerCase());
}

/** The properties an attendee's copy takes from the organizer's meeting. */
function sharedFields(organizer: Mailbox, item: CalendarItem): NewCalendarItem {
  return {
    subject: item.subject,
    start: item.start,
    end: item.end,
    allDay: item.allDay,
    sensitivity: item.sensitivity,
    location: item.location,
    body: item.body,
    bodyType: item.bodyType,
    organizer: organizerOf(organizer, item),
    requiredAttendees: item.requiredAttendees.map((a) => ({ name: a.name, address: a.address })),
    optionalAttendees: item.optionalAttendees.map((a) => ({ name: a.name, address: a.address })),
    resources: item.resources.map((a) => ({ name: a.name, address: a.address })),
    recurrence: item.recurrence,
    startTimeZone: item.startTimeZone,
    endTimeZone: item.endTimeZone,
    deletedOccurrences: item.deletedOccurrences ? [...item.deletedOccurrences] : [],
    modifiedOccurrences: item.modifiedOccurrences ? [...item.modifiedOccurrences] : [],
  };
}

/** Whether the organizer moved the meeting: a new time asks every attendee to answer again. */
function timesDiffer(copy: CalendarItem, item: CalendarItem): boolean {
  return (
    copy.start !== item.start ||
    copy.end !== item.end ||
    JSON.stringify(copy.recurrence) !== JSON.stringify(item.recurrence) ||
    JSON.stringify(copy.modifiedOccurrences ?? []) !== JSON.stringify(item.modifiedOccurrences ?? [])
  );
}

/**
 * Deliver the organizer's meeting to the attendees that are mailboxes of the organization, as the calendar
 * attendant does with a meeting request: a new copy shows Tentative with NoResponseReceived; an existing copy takes
 * the organizer's changes, and a change of time resets its answer. `only` limits delivery to those addresses.
 */
export function sendInvitations(
  org: Organization,
  organizer: Mailbox,
  item: CalendarItem,
  only?: ReadonlySet<string>,
): void {
  const from = organizerOf(organizer, item).address;
  for (const mbx of invitedMailboxes(org, organizer, allAttendees(item))) {
    if (only && !only.has(mbx.address)) continue;
    const fields = sharedFields(organizer, item);
    const copy = attendeeCopy(mbx, from, item.uid);
    if (!copy) {
      mbx.calendar.create({ ...fields, uid: item.uid, freeBusy: 'Tentative', responseType: 'NoResponseReceived' });
      continue;
    }
    const reanswer = timesDiffer(copy, item) || copy.isCancelled === true;
    const clear = (['location', 'body', 'recurrence'] as const).filter((f) => item[f] === undefined);
    mbx.calendar.update(
      copy.id,
      {
        ...fields,
        isCancelled: false,
        ...(reanswer ? { freeBusy: 'Tentative', responseType: 'NoResponseReceived' } : {}),
      },
      clear,
    );
  }
}

/**
 * Mark the attendees' copies of a meeting cancelled, as a meeting cancellation does when it arrives: IsCancelled,
 * the subject prefixed "Canceled: ", shown Free. `attendees` defaults to the meeting's own (all three lists).
 */
export function sendCancellations(
  org: Organization,
  organizer: Mailbox,
  item: CalendarItem,
  attendees: readonly Attendee[] = allAttendees(item),
): void {
  const from = organizerOf(organizer, item).address;
  for (const mbx of invitedMailboxes(org, organizer, attendees)) {
    const copy = attendeeCopy(mbx, from, item.uid);
    if (!copy || copy.isCancelled) continue;
    const subject = copy.subject.startsWith(CANCELED_PREFIX) ? copy.subject : `${CANCELED_PREFIX}${copy.subject}`;
    mbx.calendar.update(copy.id, { isCancelled: true, subject, freeBusy: 'Free' });
  }
}

/**
 * After the organizer changed a meeting and sent the change: attendees still on it get the update (all of them, or
 * only those added when `changedOnly`), attendees taken off it get a cancellation. `previousAttendees` holds all
 * three lists before the change, so moving someone from one list to another neither cancels nor re-invites them.
 */
export function sendUpdate(
  org: Organization,
  organizer: Mailbox,
  item: CalendarItem,
  previousAttendees: readonly Attendee[],
  changedOnly: boolean,
): void {
  const now = new Set(allAttendees(item).map((a) => a.address.toLowerCase()));
  const before = new Set(previousAttendees.map((a) => a.address.toLowerCase()));
  const removed = previousAttendees.filter((a) => !now.has(a.address.toLowerCase()));
  if (removed.length > 0) sendCancellations(org, organizer, item, removed);
  const added = new Set([...now].filter((a) => !before.has(a)));
  sendInvitations(org, organizer, item, changedOnly ? added : undefined);
}

/**
 * An attendee's answer reaching the organizer's meeting, as Exchange records a meeting response: that attendee's
 * ResponseType on the organizer's attendee list. Nothing happens when the organizer is not a mailbox here.
 */
export function recordResponse(org: Organization, attendee: Mailbox, copy: CalendarItem, response: ResponseType): void {
  const organizer = copy.organizer && org.mailbox(copy.organizer.address);
  if (!organizer) return;
  const meeting = organizer.calendar.items().find((c) => c.uid === copy.uid && isOrganizerCopy(organizer, c));
  if (!meeting) return;
  // The answer lands in whichever list (required, optional, resources) names the attendee.
  const patch: Partial<NewCalendarItem> = {};
  for (const list of ATTENDEE_LISTS) {
    if (!meeting[list].some((a) => a.address.toLowerCase() === attendee.address)) continue;
    patch[list] = meeting[list].map((a) => (a.address.toLowerCase() === attendee.address ? { ...a, response } : a));
  }
  if (Object.keys(patch).length > 0) organizer.calendar.update(meeting.id, patch);
}
