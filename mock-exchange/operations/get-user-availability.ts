import { EwsError, fault } from '../../ews/errors.ts';
import { NS } from '../../ews/namespaces.ts';
import { errorMessage, successMessage } from '../../ews/soap-response.ts';
import {
  type EwsTimeZone,
  fixedOffsetZone,
  resolveTimeZone,
  utcToWallClock,
  wallClockToUtc,
} from '../../ews/time-zones.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { wireText } from '../../sim/wire-text.ts';
import type { CalendarEntry } from '../calendar.ts';
import type { EwsContext } from '../ews-context.ts';
import { mergedFreeBusy } from '../free-busy.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox } from '../organization.ts';
import { suggestionsResponse } from './meeting-suggestions.ts';

const FREE_BUSY_VIEWS = ['None', 'MergedOnly', 'FreeBusy', 'FreeBusyMerged', 'Detailed', 'DetailedMerged'] as const;
type FreeBusyViewType = (typeof FREE_BUSY_VIEWS)[number];

const MINUTE = 60_000;
/** Exchange 2010 and later answer at most 62 days of free/busy and 100 mailboxes per request. */
const MAX_WINDOW_MS = 62 * 24 * 60 * MINUTE;
const MAX_MAILBOXES = 100;

interface AvailabilityQuery {
  zone: EwsTimeZone;
  start: number;
  end: number;
  intervalMs: number;
  view: FreeBusyViewType;
}

/**
 * GetUserAvailability (the body element is GetUserAvailabilityRequest). Its response has no
 * ResponseMessages wrapper: request-level problems are SOAP faults, and each requested mailbox gets
 * its own FreeBusyResponse, in request order, with its own ResponseMessage.
 */
export const GetUserAvailabilityRequest: EwsOperation = {
  name: 'GetUserAvailabilityRequest',
  responseName: 'GetUserAvailabilityResponse',
  handle(ctx) {
    try {
      return answer(ctx);
    } catch (err) {
      // A ResponseMessages-shaped error would not parse as GetUserAvailabilityResponse: send a fault.
      if (err instanceof EwsError && err.level === 'message') throw fault(err.code, err.message, err.messageXml);
      throw err;
    }
  },
};

function answer(ctx: EwsContext): string {
  const body = ctx.request.body;
  const mailboxData = body.child('MailboxDataArray')?.all('MailboxData');
  if (!mailboxData) throw schemaError('GetUserAvailabilityRequest/MailboxDataArray is missing.');
  if (mailboxData.length === 0) throw fault('ErrorMailboxDataArrayEmpty');
  if (mailboxData.length > MAX_MAILBOXES) {
    throw fault('ErrorMailboxDataArrayTooBig', `MailboxDataArray has ${mailboxData.length} mailboxes; at most 100.`);
  }
  const options = body.child('FreeBusyViewOptions');
  const query = options ? parseOptions(options, requestZone(ctx)) : undefined;
  if (query && !query.zone.known) {
    ctx.journal.record('warn', `ews:${ctx.server.name}`, `unknown time zone "${wireText(query.zone.id)}", using UTC`);
  }
  const freeBusy = query
    ? el(
        'm:FreeBusyResponseArray',
        null,
        mailboxData.map((md, i) => freeBusyResponse(ctx, md, i, query)),
      )
    : '';
  const suggestionOptions = body.child('SuggestionsViewOptions');
  const suggestions = suggestionOptions
    ? suggestionsResponse(ctx.org, mailboxData, suggestionOptions, requestZone(ctx))
    : '';
  return el('m:GetUserAvailabilityResponse', { 'xmlns:m': NS.m, 'xmlns:t': NS.t }, freeBusy, suggestions);
}

/** The zone of TimeWindow and of every returned time: TimeZoneContext, else the legacy body t:TimeZone, else UTC. */
function requestZone(ctx: EwsContext): EwsTimeZone {
  if (ctx.request.timeZoneId !== undefined) return resolveTimeZone(ctx.request.timeZoneId);
  const legacy = ctx.request.body.child('TimeZone');
  if (!legacy) return resolveTimeZone(undefined);
  // DST rules of the legacy zone are not applied: its standard offset is used all year.
  const bias = Number(legacy.textAt('Bias') ?? '0') + Number(legacy.textAt('StandardTime', 'Bias') ?? '0');
  if (!Number.isInteger(bias)) throw schemaError('GetUserAvailabilityRequest/TimeZone/Bias is not an integer.');
  return fixedOffsetZone(`Bias ${bias}`, bias);
}

function parseOptions(options: XmlElement, zone: EwsTimeZone): AvailabilityQuery {
  const start = dateAt(options, zone, 'StartTime');
  const end = dateAt(options, zone, 'EndTime');
  if (end <= start) {
    throw fault('ErrorInvalidTimeInterval', 'FreeBusyViewOptions/TimeWindow: EndTime must be later than StartTime.');
  }
  if (end - start > MAX_WINDOW_MS) throw fault('ErrorTimeIntervalTooBig');
  const intervalText = options.textAt('MergedFreeBusyIntervalInMinutes') ?? '30';
  const interval = Number(intervalText);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    throw fault(
      'ErrorInvalidMergedFreeBusyInterval',
      `MergedFreeBusyIntervalInMinutes "${intervalText}" must be an integer between 5 and 1440.`,
    );
  }
  const viewText = options.textAt('RequestedView') ?? 'FreeBusy';
  const view = FREE_BUSY_VIEWS.find((v) => v === viewText);
  if (!view) {
    throw fault(
      'ErrorInvalidFreeBusyViewType',
      `RequestedView "${viewText}" is not one of ${FREE_BUSY_VIEWS.join(', ')}.`,
    );
  }
  if (view === 'None') throw fault('ErrorInvalidFreeBusyViewType', 'RequestedView "None" asks for no data.');
  return { zone, start, end, intervalMs: interval * MINUTE, view };
}

function dateAt(options: XmlElement, zone: EwsTimeZone, name: 'StartTime' | 'EndTime'): number {
  const text = options.textAt('TimeWindow', name);
  if (text === undefined) throw schemaError(`FreeBusyViewOptions/TimeWindow/${name} is missing.`);
  const t = wallClockToUtc(text, zone);
  if (t === undefined) throw schemaError(`FreeBusyViewOptions/TimeWindow/${name} "${text}" is not an xs:dateTime.`);
  return t;
}

function freeBusyResponse(ctx: EwsContext, mailboxData: XmlElement, index: number, q: AvailabilityQuery): string {
  const address = mailboxData.textAt('Email', 'Address') ?? '';
  const mbx = address === '' ? undefined : ctx.org.mailbox(address.replace(/^smtp:/i, ''));
  if (!mbx) {
    const message =
      address === ''
        ? `MailboxDataArray/MailboxData[${index + 1}] has no Email/Address.`
        : `Unable to resolve the e-mail address "${address}" to a mailbox in this organization.`;
    return el('m:FreeBusyResponse', null, errorMessage('ResponseMessage', 'ErrorMailRecipientNotFound', { message }));
  }
  return el('m:FreeBusyResponse', null, successMessage('ResponseMessage'), freeBusyView(mbx, q));
}

function freeBusyView(mbx: Mailbox, q: AvailabilityQuery): string {
  const entries = mbx.calendar.view(q.start, q.end);
  const merged = q.view === 'MergedOnly' || q.view.endsWith('Merged');
  const events = q.view !== 'MergedOnly';
  const detailed = q.view.startsWith('Detailed');
  return el(
    'm:FreeBusyView',
    null,
    txt('t:FreeBusyViewType', q.view),
    merged && txt('t:MergedFreeBusy', mergedFreeBusy(entries, q.start, q.end, q.intervalMs)),
    events &&
      el(
        't:CalendarEventArray',
        null,
        entries.map((e) => calendarEvent(e, q.zone, detailed)),
      ),
    events && workingHours(),
  );
}

function calendarEvent(entry: CalendarEntry, zone: EwsTimeZone, detailed: boolean): string {
  const item = entry.item;
  return el(
    't:CalendarEvent',
    null,
    txt('t:StartTime', utcToWallClock(entry.start, zone)),
    txt('t:EndTime', utcToWallClock(entry.end, zone)),
    txt('t:BusyType', item.freeBusy),
    detailed &&
      el(
        't:CalendarEventDetails',
        null,
        txt('t:Subject', item.subject),
        txt('t:Location', item.location),
        txt('t:IsMeeting', item.isMeeting),
        txt('t:IsRecurring', entry.type === 'Occurrence'),
        txt('t:IsException', false),
        txt('t:IsReminderSet', false),
        txt('t:IsPrivate', false),
      ),
  );
}

/** Mailboxes carry no working hours or zone in this model: Exchange's defaults, Mon-Fri 08:00-17:00 UTC. */
function workingHours(): string {
  const zoneTime = (name: string) =>
    el(
      name,
      null,
      txt('t:Bias', 0),
      txt('t:Time', '00:00:00'),
      txt('t:DayOrder', 0),
      txt('t:Month', 0),
      txt('t:DayOfWeek', 'Sunday'),
    );
  return el(
    't:WorkingHours',
    null,
    el('t:TimeZone', null, txt('t:Bias', 0), zoneTime('t:StandardTime'), zoneTime('t:DaylightTime')),
    el(
      't:WorkingPeriodArray',
      null,
      el(
        't:WorkingPeriod',
        null,
        txt('t:DayOfWeek', 'Monday Tuesday Wednesday Thursday Friday'),
        txt('t:StartTimeInMinutes', 8 * 60),
        txt('t:EndTimeInMinutes', 17 * 60),
      ),
    ),
  );
}

function schemaError(detail: string): EwsError {
  return fault('ErrorSchemaValidation', `The request failed schema validation: ${detail}`);
}
