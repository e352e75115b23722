import { EventEmitter } from 'node:events';
import { globalObjectUid } from './ids/global-object-id.ts';
import { MockExchangeError } from './mock-exchange-error.ts';
import { DAY_OF_WEEK_INDEXES, DAYS_OF_WEEK, occurrenceStarts, type Recurrence } from './recurrence.ts';

export const LEGACY_FREE_BUSY = ['Free', 'Tentative', 'Busy', 'OOF', 'WorkingElsewhere', 'NoData'] as const;
export type LegacyFreeBusyStatus = (typeof LEGACY_FREE_BUSY)[number];
/** t:SensitivityChoicesType; Private items hide their details from delegates and free/busy viewers. */
export const SENSITIVITIES = ['Normal', 'Personal', 'Private', 'Confidential'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** t:ResponseTypeType: an attendee's answer to a meeting, as their copy of it records. */
export const RESPONSE_TYPES = ['Unknown', 'Organizer', 'Tentative', 'Accept', 'Decline', 'NoResponseReceived'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

export interface Attendee {
  name: string;
  address: string;
  /** On the organizer's meeting: the answer this attendee sent (AcceptItem...); absent: none yet. */
  response?: ResponseType;
}

/** The three attendee lists of a meeting, in types.xsd order (RequiredAttendees, OptionalAttendees, Resources). */
export const ATTENDEE_LISTS = ['requiredAttendees', 'optionalAttendees', 'resources'] as const;
export type AttendeeList = (typeof ATTENDEE_LISTS)[number];

/** Every attendee of a meeting, whichever list holds them: Exchange delivers to all three alike. */
export function allAttendees(item: Partial<Pick<CalendarItem, AttendeeList>>): Attendee[] {
  return ATTENDEE_LISTS.flatMap((list) => item[list] ?? []);
}

/** A MAPI property a client set through ExtendedFieldURI: the path attributes as sent, its type and value. */
export interface ExtendedValue {
  attrs: Readonly<Record<string, string>>;
  type: string;
  value: string | readonly string[];
}

export interface CalendarItem {
  id: string;
  changeKey: string;
  uid: string;
  subject: string;
  start: number;
  end: number;
  freeBusy: LegacyFreeBusyStatus;
  sensitivity: Sensitivity;
  allDay: boolean;
  location?: string;
  body?: string;
  bodyType?: BodyType;
  organizer?: Attendee;
  requiredAttendees: Attendee[];
  optionalAttendees: Attendee[];
  /** Rooms and equipment invited (t:Resources); delivered to like any attendee. */
  resources: Attendee[];
  isMeeting: boolean;
  /** A meeting its organizer cancelled (an attendee's copy keeps it, marked, until removed). */
  isCancelled?: boolean;
  /** An attendee's copy: its owner's answer (NoResponseReceived until they respond). */
  responseType?: ResponseType;
  /** The organizer's meeting: invitations went out (CreateItem or UpdateItem sent them). */
  meetingRequestWasSent?: boolean;
  recurrence?: Recurrence;
  /** StartTimeZone and EndTimeZone as the client set them (Windows ids); absent: none was given. */
  startTimeZone?: string;
  endTimeZone?: string;
  /** Extended properties a client set, by canonical path key (tag:3613, {set}/name:X). */
  extended?: Readonly<Record<string, ExtendedValue>>;
  /** Indexes of occurrences removed from the series (DeleteItem on an occurrence id). */
  deletedOccurrences?: number[];
  /** Occurrences changed on their own, by index (a MimeContent with RECURRENCE-ID components). */
  modifiedOccurrences?: ModifiedOccurrence[];
  created: number;
  lastModified: number;
}

/** An occurrence moved or changed on its own (an exception): its index in the series and what differs. */
export interface ModifiedOccurrence {
  index: number;
  originalStart: number;
  start: number;
  end: number;
  subject?: string;
  location?: string;
}

/** One item as a view sees it: a single item, or one expanded occurrence of a series. */
export interface CalendarEntry {
  item: CalendarItem;
  /** Id of this entry: the item's own id, or an occurrence id derived from it. */
  id: string;
  start: number;
  end: number;
  type: 'Single' | 'Occurrence';
  occurrenceIndex?: number;
  /** Set when this occurrence was changed on its own (Exchange's CalendarItemType Exception). */
  exception?: ModifiedOccurrence;
}

export type CalendarChange =
  | { kind: 'created'; itemId: string }
  | { kind: 'modified'; itemId: string }
  | { kind: 'deleted'; itemId: string };

export interface NewCalendarItem {
  subject: string;
  start: number;
  end: number;
  freeBusy?: LegacyFreeBusyStatus;
  sensitivity?: Sensitivity;
  allDay?: boolean;
  location?: string;
  body?: string;
  bodyType?: BodyType;
  organizer?: Attendee;
  requiredAttendees?: Attendee[];
  optionalAttendees?: Attendee[];
  resources?: Attendee[];
  isCancelled?: boolean;
  responseType?: ResponseType;
  meetingRequestWasSent?: boolean;
  recurrence?: Recurrence;
  startTimeZone?: string;
  endTimeZone?: string;
  extended?: Readonly<Record<string, ExtendedValue>>;
  /** The iCalendar UID a client gave (MimeContent); absent: the store makes one. */
  uid?: string;
  deletedOccurrences?: number[];
  modifiedOccurrences?: ModifiedOccurrence[];
}

export type BodyType = 'HTML' | 'Text';

/** Optional fields an update can clear (EWS DeleteItemField). */
export type ClearableField = 'location' | 'body' | 'recurrence';

/** How a calendar names its items and their occurrences (the mailbox's id space, mock-exchange/ids). */
export interface CalendarIds {
  newItemId(): string;
  nextChangeKey(): string;
  /** An occurrence is named by its series and its original start, as Exchange names it. */
  occurrenceId(seriesId: string, originalStart: number): string;
  parseOccurrenceId(id: string): { seriesId: string; originalStart: number } | undefined;
}

export function validateNewItem(input: NewCalendarItem): void {
  if (!Number.isFinite(input.start) || !Number.isFinite(input.end)) {
    throw new MockExchangeError('INVALID_MEETING', `Meeting "${input.subject}": start and end must be valid dates`);
  }
  if (input.end < input.start) {
    throw new MockExchangeError('INVALID_MEETING', `Meeting "${input.subject}": end is earlier than start`);
  }
  if (input.freeBusy && !LEGACY_FREE_BUSY.includes(input.freeBusy)) {
    throw new MockExchangeError(
      'INVALID_MEETING',
      `Meeting "${input.subject}": unknown free/busy status "${input.freeBusy}"`,
    );
  }
  if (input.sensitivity && !SENSITIVITIES.includes(input.sensitivity)) {
    throw new MockExchangeError(
      'INVALID_MEETING',
      `Meeting "${input.subject}": unknown sensitivity "${input.sensitivity}"`,
    );
  }
  const r = input.recurrence;
  if (r) {
    if (!Number.isInteger(r.interval) || r.interval < 1) {
      throw new MockExchangeError(
        'INVALID_MEETING',
        `Meeting "${input.subject}": recurrence interval must be a positive integer`,
      );
    }
    const problem = recurrenceProblem(r);
    if (problem) throw new MockExchangeError('INVALID_MEETING', `Meeting "${input.subject}": ${problem}`);
  }
}

/** What makes a rule impossible to lay out, or undefined when it is sound. */
function recurrenceProblem(r: Recurrence): string | undefined {
  if ('daysOfWeek' in r && (r.daysOfWeek.length === 0 || r.daysOfWeek.some((d) => !DAYS_OF_WEEK.includes(d))))
    return `${r.pattern} recurrence needs days of week`;
  if ('index' in r && !DAY_OF_WEEK_INDEXES.includes(r.index))
    return `recurrence day-of-week index must be one of ${DAY_OF_WEEK_INDEXES.join(', ')}`;
  if ('dayOfMonth' in r && !(Number.isInteger(r.dayOfMonth) && r.dayOfMonth >= 1 && r.dayOfMonth <= 31))
    return 'recurrence day of month must be 1 to 31';
  if ('month' in r && !(Number.isInteger(r.month) && r.month >= 1 && r.month <= 12))
    return 'recurrence month must be 1 to 12';
  if ((r.pattern === 'absoluteYearly' || r.pattern === 'relativeYearly') && r.interval !== 1)
    return 'yearly recurrence repeats every year (interval 1)';
  return undefined;
}

/** A mailbox's calendar folder: items, expansion into views, and a change signal. */
export class Calendar extends EventEmitter<{ change: [CalendarChange] }> {
  readonly #items = new Map<string, CalendarItem>();

  constructor(
    private readonly ids: CalendarIds,
    private readonly now: () => number,
  ) {
    super();
  }

  /** The id of a series' occurrence that starts (originally) at `originalStart`. */
  occurrenceId(seriesId: string, originalStart: number): string {
    return this.ids.occurrenceId(seriesId, originalStart);
  }

  /** A series' occurrence by its 0-based index; undefined past the series' end or once deleted. */
  occurrence(seriesId: string, index: number): CalendarEntry | undefined {
    const master = this.#items.get(seriesId);
    if (!master?.recurrence || master.deletedOccurrences?.includes(index)) return undefined;
    const exception = master.modifiedOccurrences?.find((m) => m.index === index);
    if (exception) return this.#exceptionEntry(master, exception);
    let i = 0;
    for (const start of occurrenceStarts(master.start, master.recurrence, Number.POSITIVE_INFINITY)) {
      if (i === index) return this.#occurrenceEntry(master, start, i);
      if (++i > index) break;
    }
    return undefined;
  }

  #occurrenceEntry(master: CalendarItem, start: number, index: number): CalendarEntry {
    const id = this.ids.occurrenceId(master.id, start);
    const end = start + (master.end - master.start);
    return { item: master, id, start, end, type: 'Occurrence', occurrenceIndex: index };
  }

  #exceptionEntry(item: CalendarItem, m: ModifiedOccurrence): CalendarEntry {
    const id = this.ids.occurrenceId(item.id, m.originalStart);
    return { item, id, start: m.start, end: m.end, type: 'Occurrence', occurrenceIndex: m.index, exception: m };
  }

  get size(): number {
    return this.#items.size;
  }

  items(): CalendarItem[] {
    return [...this.#items.values()];
  }

  get(id: string): CalendarItem | undefined {
    return this.#items.get(id);
  }

  /** Resolve an item id or an occurrence id to its entry. */
  entry(id: string): CalendarEntry | undefined {
    const direct = this.#items.get(id);
    if (direct) return { item: direct, id, start: direct.start, end: direct.end, type: 'Single' };
    const occ = this.ids.parseOccurrenceId(id);
    const master = occ && this.#items.get(occ.seriesId);
    if (!occ || !master?.recurrence) return undefined;
    const exception = master.modifiedOccurrences?.find((m) => m.originalStart === occ.originalStart);
    if (exception)
      return master.deletedOccurrences?.includes(exception.index) ? undefined : this.#exceptionEntry(master, exception);
    let i = 0;
    for (const start of occurrenceStarts(master.start, master.recurrence, occ.originalStart + 1)) {
      if (start === occ.originalStart && !master.deletedOccurrences?.includes(i))
        return this.#occurrenceEntry(master, start, i);
      i++;
    }
    return undefined;
  }

  create(input: NewCalendarItem): CalendarItem {
    validateNewItem(input);
    const now = this.now();
    const id = this.ids.newItemId();
    const item: CalendarItem = {
      id,
      changeKey: this.ids.nextChangeKey(),
      uid: input.uid ?? globalObjectUid(id, now),
      subject: input.subject,
      start: input.start,
      end: input.end,
      freeBusy: input.freeBusy ?? 'Busy',
      sensitivity: input.sensitivity ?? 'Normal',
      allDay: input.allDay ?? false,
      location: input.location,
      body: input.body,
      bodyType: input.bodyType,
      organizer: input.organizer,
      requiredAttendees: input.requiredAttendees ?? [],
      optionalAttendees: input.optionalAttendees ?? [],
      resources: input.resources ?? [],
      isMeeting: false,
      isCancelled: input.isCancelled,
      responseType: input.responseType,
      meetingRequestWasSent: input.meetingRequestWasSent,
      recurrence: input.recurrence,
      startTimeZone: input.startTimeZone,
      endTimeZone: input.endTimeZone,
      extended: input.extended,
      deletedOccurrences: input.recurrence ? input.deletedOccurrences : undefined,
      modifiedOccurrences: input.recurrence ? input.modifiedOccurrences : undefined,
      created: now,
      lastModified: now,
    };
    item.isMeeting = allAttendees(item).length > 0 || item.organizer !== undefined;
    this.#items.set(id, item);
    this.emit('change', { kind: 'created', itemId: id });
    return item;
  }

  update(id: string, patch: Partial<NewCalendarItem>, clear: readonly ClearableField[] = []): CalendarItem | undefined {
    const item = this.#items.get(id);
    if (!item) return undefined;
    const next: CalendarItem = { ...item, ...stripUndefined(patch) };
    for (const field of clear) next[field] = undefined;
    if (clear.includes('body')) next.bodyType = undefined;
    // Occurrence indexes mean nothing once the series' pattern or anchor moves (Exchange drops exceptions too).
    if (next.recurrence !== item.recurrence || next.start !== item.start) {
      next.deletedOccurrences = patch.deletedOccurrences;
      next.modifiedOccurrences = patch.modifiedOccurrences;
    }
    if (!next.recurrence) {
      next.deletedOccurrences = undefined;
      next.modifiedOccurrences = undefined;
    }
    validateNewItem(next);
    Object.assign(item, next, { changeKey: this.ids.nextChangeKey(), lastModified: this.now() });
    item.isMeeting = allAttendees(item).length > 0 || item.organizer !== undefined;
    this.emit('change', { kind: 'modified', itemId: id });
    return item;
  }

  delete(id: string): boolean {
    if (!this.#items.delete(id)) return false;
    this.emit('change', { kind: 'deleted', itemId: id });
    return true;
  }

  /** Remove one occurrence from its series: the series is modified, not deleted (as Exchange reports it). */
  deleteOccurrence(occurrenceEntryId: string): boolean {
    const entry = this.entry(occurrenceEntryId);
    if (entry?.type !== 'Occurrence' || entry.occurrenceIndex === undefined) return false;
    const item = entry.item;
    const index = entry.occurrenceIndex;
    item.deletedOccurrences = [...(item.deletedOccurrences ?? []), index].sort((a, b) => a - b);
    const modified = item.modifiedOccurrences?.filter((m) => m.index !== index);
    item.modifiedOccurrences = modified?.length ? modified : undefined;
    item.changeKey = this.ids.nextChangeKey();
    item.lastModified = this.now();
    this.emit('change', { kind: 'modified', itemId: item.id });
    return true;
  }

  /**
   * Change one occurrence on its own (an exception): new times, subject or location. The series is modified, as
   * Exchange reports it; the occurrence keeps its id (series and original start). Undefined when it is gone.
   */
  modifyOccurrence(
    occurrenceEntryId: string,
    change: { start?: number; end?: number; subject?: string; location?: string },
  ): CalendarEntry | undefined {
    const entry = this.entry(occurrenceEntryId);
    if (entry?.type !== 'Occurrence' || entry.occurrenceIndex === undefined) return undefined;
    const item = entry.item;
    const previous = entry.exception;
    const m: ModifiedOccurrence = {
      index: entry.occurrenceIndex,
      originalStart: previous?.originalStart ?? entry.start,
      start: change.start ?? entry.start,
      end: change.end ?? entry.end,
      subject: change.subject ?? previous?.subject,
      location: change.location ?? previous?.location,
    };
    if (!Number.isFinite(m.start) || !Number.isFinite(m.end) || m.end < m.start) {
      throw new MockExchangeError('INVALID_MEETING', `Occurrence of "${item.subject}": end is earlier than start`);
    }
    const others = (item.modifiedOccurrences ?? []).filter((x) => x.index !== m.index);
    item.modifiedOccurrences = [...others, m].sort((a, b) => a.index - b.index);
    item.changeKey = this.ids.nextChangeKey();
    item.lastModified = this.now();
    this.emit('change', { kind: 'modified', itemId: item.id });
    return this.#exceptionEntry(item, m);
  }

  /** Entries overlapping [from, to): singles and expanded occurrences, ordered by start then id. */
  view(from: number, to: number): CalendarEntry[] {
    const out: CalendarEntry[] = [];
    for (const item of this.#items.values()) {
      const duration = item.end - item.start;
      if (!item.recurrence) {
        if (overlaps(item.start, item.end, from, to))
          out.push({ item, id: item.id, start: item.start, end: item.end, type: 'Single' });
        continue;
      }
      let index = 0;
      const deleted = new Set(item.deletedOccurrences);
      const modified = new Set(item.modifiedOccurrences?.map((m) => m.index));
      for (const start of occurrenceStarts(item.start, item.recurrence, to)) {
        if (!deleted.has(index) && !modified.has(index) && overlaps(start, start + duration, from, to)) {
          out.push(this.#occurrenceEntry(item, start, index));
        }
        index++;
      }
      // Exceptions stand where they were moved to, whatever window their original time falls in.
      for (const m of item.modifiedOccurrences ?? []) {
        if (!deleted.has(m.index) && overlaps(m.start, m.end, from, to)) out.push(this.#exceptionEntry(item, m));
      }
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
  }
}

/** Overlap with [from, to): zero-length items at `from` count, items ending at `from` do not. */
function overlaps(start: number, end: number, from: number, to: number): boolean {
  return start < to && (end > from || (end === start && start === from));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
