import { EwsError } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { txt } from '../../ews/xml-writer.ts';
import { allAttendees, type CalendarEntry } from '../calendar.ts';
import { icalToCalendarItem } from '../ical/ical-reader.ts';
import { calendarEntryToIcal } from '../ical/ical-writer.ts';
import type { Mailbox, Organization } from '../organization.ts';
import type { CalendarPatch } from './calendar-item-fields.ts';

/** Character sets a client may name in MimeContent@CharacterSet, as TextDecoder labels. */
const CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii', 'iso-8859-1', 'windows-1252']);

/** t:MimeContent of a calendar item: its iCalendar, base64, in UTF-8 (as Exchange labels it). */
export function mimeContentXml(entry: CalendarEntry, mailbox: Mailbox, org: Organization): string {
  const ical = calendarEntryToIcal(entry, mailbox, org);
  return txt('t:MimeContent', Buffer.from(ical, 'utf8').toString('base64'), { CharacterSet: 'UTF-8' });
}

/** The iCalendar text a request's t:MimeContent carries: strict base64 in the named character set. */
export function decodeMimeContent(mimeEl: XmlElement, where: string): string {
  const b64 = mimeEl.text.replace(/\s+/g, '');
  if (b64 === '' || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
    throw new EwsError('ErrorMimeContentInvalidBase64String', {
      message: `${where}: MimeContent is not base64 (${b64.length} characters).`,
    });
  }
  const charset = (mimeEl.attr('CharacterSet') ?? 'UTF-8').trim().toLowerCase();
  if (!CHARSETS.has(charset)) {
    throw new EwsError('ErrorMimeContentConversionFailed', {
      message: `${where}: CharacterSet "${charset}" is not one this server converts (UTF-8, US-ASCII, ISO-8859-1, Windows-1252).`,
    });
  }
  try {
    return new TextDecoder(charset === 'us-ascii' ? 'utf-8' : charset, { fatal: true }).decode(
      Buffer.from(b64, 'base64'),
    );
  } catch {
    throw new EwsError('ErrorMimeContentConversionFailed', {
      message: `${where}: MimeContent is not valid ${charset.toUpperCase()} text.`,
    });
  }
}

/**
 * Build the patch from the MimeContent it carries (CreateItem, or SetItemField item:MimeContent): the item
 * becomes what the iCalendar says, UID included; properties sent beside the MimeContent still win.
 */
export function applyMimeContent(patch: CalendarPatch, fallbackZone: string, owner: string): void {
  if (!patch.mime) return;
  const parsed = icalToCalendarItem(patch.mime.text, fallbackZone, patch.mime.where);
  // The owner organizing an event with nobody invited is an appointment, not a meeting.
  if (parsed.values.organizer?.address === owner && allAttendees(parsed.values).length === 0)
    delete parsed.values.organizer;
  patch.values = { ...parsed.values, uid: parsed.uid, ...patch.values };
  patch.startZone ??= parsed.zone;
  patch.endZone ??= parsed.zone;
  // What the iCalendar leaves out, the item no longer has.
  if (parsed.values.location === undefined) patch.clear.push('location');
  if (parsed.values.body === undefined) patch.clear.push('body');
  if (parsed.values.recurrence === undefined) patch.clear.push('recurrence');
}
