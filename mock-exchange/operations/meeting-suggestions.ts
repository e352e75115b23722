import { EwsError } from '../../ews/errors.ts';
import { errorMessageFrom, successMessage } from '../../ews/soap-response.ts';
import { type EwsTimeZone, utcToWallClock, wallClockToUtc } from '../../ews/time-zones.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import type { LegacyFreeBusyStatus } from '../calendar.ts';
import type { Organization } from '../organization.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const QUALITIES = ['Excellent', 'Good', 'Fair', 'Poor'] as const;
type Quality = (typeof QUALITIES)[number];
/** Candidate meeting times start on the half hour, as Outlook's Scheduling Assistant offers them. */
const STEP = 30 * MINUTE;
/** The working hours every mailbox reports (see WorkingHours): Monday to Friday, 08:00 to 17:00. */
const WORK_START = 8 * 60 * MINUTE;
const WORK_END = 17 * 60 * MINUTE;
/** Exchange refuses a DetailedSuggestionsWindow longer than 42 days. */
const MAX_DAYS = 42;
/** Busy types that make an attendee unavailable, worst first. */
const CONFLICTING: LegacyFreeBusyStatus[] = ['OOF', 'Busy', 'Tentative', 'WorkingElsewhere'];

interface Options {
  goodThreshold: number;
  maxPerDay: number;
  maxNonWorkPerDay: number;
  durationMs: number;
  minimum: Quality;
  start: number;
  end: number;
}

function intOption(options: XmlElement, name: string, fallback: number, min: number, max: number): number {
  const text = options.textAt(name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new EwsError('ErrorInvalidRequest', {
      message: `SuggestionsViewOptions/${name} "${text}" must be an integer from ${min} to ${max}.`,
    });
  }
  return n;
}

function parseOptions(options: XmlElement, zone: EwsTimeZone): Options {
  const at = (name: string) => {
    const text = options.textAt('DetailedSuggestionsWindow', name) ?? '';
    const t = wallClockToUtc(text, zone);
    if (t === undefined) {
      throw new EwsError('ErrorInvalidRequest', {
        message: `SuggestionsViewOptions/DetailedSuggestionsWindow/${name} "${text}" is not an xs:dateTime.`,
      });
    }
    return t;
  };
  const start = at('StartTime');
  const end = at('EndTime');
  if (end <= start) throw new EwsError('ErrorInvalidTimeInterval');
  if (end - start > MAX_DAYS * DAY) {
    throw new EwsError('ErrorTimeIntervalTooBig', {
      message: `The DetailedSuggestionsWindow is longer than ${MAX_DAYS} days.`,
    });
  }
  const minimum = (options.textAt('MinimumSuggestionQuality') ?? 'Fair') as Quality;
  if (!QUALITIES.includes(minimum)) {
    throw new EwsError('ErrorInvalidRequest', { message: `MinimumSuggestionQuality "${minimum}" is not valid.` });
  }
  return {
    goodThreshold: intOption(options, 'GoodThreshold', 25, 1, 49),
    maxPerDay: intOption(options, 'MaximumResultsByDay', 10, 0, 48),
    maxNonWorkPerDay: intOption(options, 'MaximumNonWorkHourResultsByDay', 0, 0, 48),
    durationMs: intOption(options, 'MeetingDurationInMinutes', 30, 30, 1440) * MINUTE,
    minimum,
    start,
    end,
  };
}

interface Attendee {
  required: boolean;
  /** The busy type over [from, to): the worst conflicting one, else Free; undefined for an unknown mailbox. */
  busy(from: number, to: number): LegacyFreeBusyStatus | undefined;
}

function attendees(org: Organization, mailboxData: XmlElement[]): Attendee[] {
  return mailboxData.map((md) => {
    const mbx = org.mailbox((md.textAt('Email', 'Address') ?? '').replace(/^smtp:/i, ''));
    const type = md.textAt('AttendeeType') ?? 'Required';
    return {
      required: type === 'Organizer' || type === 'Required',
      busy: (from, to) => {
        if (!mbx) return undefined;
        const found = new Set(mbx.calendar.view(from, to).map((e) => e.item.freeBusy));
        return CONFLICTING.find((b) => found.has(b)) ?? 'Free';
      },
    };
  });
}

/** Excellent with every required attendee free, Good below GoodThreshold percent busy, Fair below half. */
function quality(busy: (LegacyFreeBusyStatus | undefined)[], people: Attendee[], goodThreshold: number): Quality {
  const required = people.map((p, i) => (p.required ? busy[i] : undefined)).filter((b) => b !== undefined);
  if (required.length === 0) return 'Excellent';
  const conflicts = required.filter((b) => b !== 'Free').length;
  const percent = (conflicts * 100) / required.length;
  if (percent === 0) return 'Excellent';
  if (percent < goodThreshold) return 'Good';
  return percent < 50 ? 'Fair' : 'Poor';
}

function conflictXml(busy: LegacyFreeBusyStatus | undefined): string {
  return busy === undefined
    ? el('t:UnknownAttendeeConflictData')
    : el('t:IndividualAttendeeConflictData', null, txt('t:BusyType', busy));
}

/** The instant of local midnight of the day `t` falls in. */
function localMidnight(t: number, zone: EwsTimeZone): number {
  return wallClockToUtc(`${utcToWallClock(t, zone).slice(0, 10)}T00:00:00`, zone) ?? t;
}

function dayResult(local: number, o: Options, people: Attendee[], zone: EwsTimeZone): string {
  const weekday = new Date(Date.parse(`${utcToWallClock(local, zone)}Z`)).getUTCDay();
  const workDay = weekday >= 1 && weekday <= 5;
  const work: string[] = [];
  const nonWork: string[] = [];
  let best: Quality = 'Poor';
  for (let offset = 0; offset + o.durationMs <= DAY; offset += STEP) {
    const from = local + offset;
    const to = from + o.durationMs;
    if (from < o.start || to > o.end) continue;
    const isWork = workDay && offset >= WORK_START && offset + o.durationMs <= WORK_END;
    const list = isWork ? work : nonWork;
    if (list.length >= (isWork ? o.maxPerDay : o.maxNonWorkPerDay)) continue;
    const busy = people.map((p) => p.busy(from, to));
    const q = quality(busy, people, o.goodThreshold);
    if (QUALITIES.indexOf(q) > QUALITIES.indexOf(o.minimum)) continue;
    if (QUALITIES.indexOf(q) < QUALITIES.indexOf(best)) best = q;
    list.push(
      el(
        't:Suggestion',
        null,
        txt('t:MeetingTime', utcToWallClock(from, zone)),
        txt('t:IsWorkTime', isWork),
        txt('t:SuggestionQuality', q),
        el('t:AttendeeConflictDataArray', null, busy.map(conflictXml)),
      ),
    );
  }
  const suggestions = [...work, ...nonWork].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return el(
    't:SuggestionDayResult',
    null,
    txt('t:Date', utcToWallClock(local, zone)),
    txt('t:DayQuality', best),
    el('t:SuggestionArray', null, suggestions),
  );
}

/**
 * m:SuggestionsResponse for GetUserAvailability: per local day of DetailedSuggestionsWindow, the half-hour
 * start times when the required attendees are free enough, graded as Exchange grades them, with each
 * attendee's conflict. Bad options fail the suggestions alone, in its ResponseMessage.
 */
export function suggestionsResponse(
  org: Organization,
  mailboxData: XmlElement[],
  options: XmlElement,
  zone: EwsTimeZone,
): string {
  try {
    const o = parseOptions(options, zone);
    const people = attendees(org, mailboxData);
    const days: string[] = [];
    // Days are local: a day with a daylight-saving change is 23 or 25 hours long.
    for (let d = localMidnight(o.start, zone); d < o.end; d = localMidnight(d + DAY + 2 * 3_600_000, zone)) {
      days.push(dayResult(d, o, people, zone));
    }
    return el(
      'm:SuggestionsResponse',
      null,
      successMessage('ResponseMessage'),
      el('m:SuggestionDayResultArray', null, days),
    );
  } catch (err) {
    if (!(err instanceof EwsError)) throw err;
    return el('m:SuggestionsResponse', null, errorMessageFrom('ResponseMessage', err));
  }
}
