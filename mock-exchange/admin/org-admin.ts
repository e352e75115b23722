import { allAttendees, type CalendarItem, type NewCalendarItem } from '../calendar.ts';
import { sendCancellations, sendInvitations, sendUpdate } from '../meeting-invitations.ts';
import { MockExchangeError } from '../mock-exchange-error.ts';
import { failReadEvents, missEvents } from '../notifications/event-loss.ts';
import type { NotificationCenter } from '../notifications/notification-center.ts';
import type { SubscriptionKind } from '../notifications/subscription.ts';
import type { SubscriptionInfo } from '../notifications/subscription-info.ts';
import type { ThrottlingPolicy } from '../notifications/throttling-policy.ts';
import type { MeetingConfig } from '../org-config.ts';
import type { Mailbox, Organization } from '../organization.ts';

/** A meeting as the admin API shows it. */
export interface MeetingView {
  id: string;
  changeKey: string;
  subject: string;
  start: string;
  end: string;
  freeBusy: string;
  allDay: boolean;
  location?: string;
  organizer?: string;
  attendees: string[];
  recurrence?: MeetingConfig['recurrence'];
}

/**
 * What an administrator does to a running organization: meetings, mailbox moves, server restarts,
 * subscriptions and throttling. The admin API routes and the lab call the same methods; bad input is an
 * MockExchangeError naming the field, and changes nothing.
 */
export class OrgAdmin {
  constructor(
    readonly org: Organization,
    readonly notifications: NotificationCenter,
  ) {}

  meetings(address: string): MeetingView[] {
    return this.#mailbox(address).calendar.items().map(meetingView);
  }

  /**
   * Create a meeting; with `send`, attendees that are mailboxes of the organization get it as CreateItem with
   * SendMeetingInvitations=SendToAllAndSaveCopy delivers it (a tentative, unanswered copy).
   */
  createMeeting(address: string, meeting: MeetingConfig, send = false): MeetingView {
    const mbx = this.#mailbox(address);
    const item = mbx.calendar.create({
      ...this.org.meetingToItem(meeting, 'meeting', mbx.timeZone),
      meetingRequestWasSent: send && (meeting.attendees?.length ?? 0) > 0 ? true : undefined,
    });
    if (send) sendInvitations(this.org, mbx, item);
    return meetingView(item);
  }

  /** Change some fields of a meeting; the others keep their values. With `send`, attendees get the change. */
  updateMeeting(address: string, id: string, patch: Partial<MeetingConfig>, send = false): MeetingView {
    const mbx = this.#mailbox(address);
    const item = this.#item(mbx, id);
    if (typeof patch !== 'object' || patch === null)
      throw new MockExchangeError('INVALID_VALUE', 'The meeting patch must be a JSON object');
    const merged: MeetingConfig = { ...meetingConfig(item), ...patch };
    const full = this.org.meetingToItem(merged, 'meeting', mbx.timeZone);
    // Only the fields the patch names: an untouched series keeps its deleted occurrences.
    const change: Partial<NewCalendarItem> = {};
    for (const key of Object.keys(patch) as (keyof MeetingConfig)[]) {
      const field = key === 'attendees' ? 'requiredAttendees' : key;
      if (field in full) Object.assign(change, { [field]: full[field as keyof NewCalendarItem] });
    }
    const previous = allAttendees(item);
    const updated = mbx.calendar.update(item.id, change) ?? item;
    if (send) sendUpdate(this.org, mbx, updated, previous, false);
    return meetingView(updated);
  }

  /** Delete a meeting; with `send`, attendees' copies are cancelled as a meeting cancellation does. */
  deleteMeeting(address: string, id: string, send = false): void {
    const mbx = this.#mailbox(address);
    const item = this.#item(mbx, id);
    mbx.calendar.delete(item.id);
    if (send) sendCancellations(this.org, mbx, item);
  }

  /** Give a mailbox a new home server, optionally after a window of ErrorMailboxMoveInProgress. */
  moveMailbox(
    address: string,
    server: string,
    windowMs = 0,
  ): { address: string; from: string; to: string; completesAt: string } {
    const mbx = this.#mailbox(address);
    if (typeof server !== 'string' || !this.org.server(server)) {
      throw new MockExchangeError(
        'INVALID_VALUE',
        `Unknown server "${String(server)}"; known: ${[...this.org.servers.keys()].join(', ')}`,
        'server',
      );
    }
    if (!(typeof windowMs === 'number' && Number.isFinite(windowMs) && windowMs >= 0)) {
      throw new MockExchangeError(
        'INVALID_VALUE',
        `windowMs must be a number of milliseconds >= 0, got ${String(windowMs)}`,
        'windowMs',
      );
    }
    const r = this.notifications.moveMailbox(mbx.address, server, windowMs);
    return { address: mbx.address, from: r.from, to: r.to, completesAt: new Date(r.completesAt).toISOString() };
  }

  /** Set by the running organization: close the server's HTTPS listener and reopen it after `downMs` of sim time. */
  listenerRestart: ((name: string, downMs: number) => Promise<void>) | undefined;

  /**
   * An EWS/IIS restart: the server loses every subscription it holds and its open streams, and its HTTPS
   * listener closes (connections refused) and reopens on the same port after `downMs` of sim time.
   */
  restartServer(name: string, downMs = 0): { server: string; lostSubscriptions: number; downMs: number } {
    if (!Number.isInteger(downMs) || downMs < 0 || downMs > 86_400_000) {
      throw new MockExchangeError(
        'INVALID_VALUE',
        `downMs must be an integer number of milliseconds from 0 to 86400000, got ${JSON.stringify(downMs)}`,
        'downMs',
      );
    }
    if (!this.org.server(name)) {
      throw new MockExchangeError(
        'UNKNOWN_SERVER',
        `Unknown server "${name}"; known: ${[...this.org.servers.keys()].join(', ')}`,
        'server',
      );
    }
    const lost = this.notifications.restartServer(name).lost;
    void this.listenerRestart?.(name, downMs);
    return { server: name, lostSubscriptions: lost, downMs };
  }

  /**
   * Make a subscription's events unreadable: Exchange reports ErrorReadEventsFailed (pushed, on the open stream,
   * or at the next GetEvents / GetStreamingEvents) and deletes it.
   */
  async failReadEvents(id: string): Promise<{ id: string; kind: SubscriptionKind; outcome: string }> {
    const sub = this.notifications.find(id);
    if (!sub) throw new MockExchangeError('INVALID_VALUE', `"${id}" is not a live subscription`, 'id');
    return { id, kind: sub.kind, outcome: await failReadEvents(this.notifications, id) };
  }

  /**
   * A push subscription's event queue overflowed: its undelivered events are lost and Exchange pushes
   * ErrorMissedNotificationEvents (at once, or at the next retry while the subscriber is unreachable).
   */
  missEvents(id: string): { id: string; kind: SubscriptionKind; missed: number } {
    const sub = this.notifications.find(id);
    if (sub?.kind !== 'push') {
      throw new MockExchangeError(
        'INVALID_VALUE',
        `"${id}" is not a live push subscription (pull and streaming subscribers get ErrorMissedNotificationEvents when events leave the retention window)`,
        'id',
      );
    }
    return { id, kind: sub.kind, missed: missEvents(this.notifications, id) };
  }

  subscriptions(filter: { mailbox?: string; server?: string; kind?: string } = {}): SubscriptionInfo[] {
    if (filter.kind !== undefined && !['push', 'pull', 'streaming'].includes(filter.kind)) {
      throw new MockExchangeError(
        'INVALID_VALUE',
        `kind must be push, pull or streaming, got "${filter.kind}"`,
        'kind',
      );
    }
    return this.notifications.list({ ...filter, kind: filter.kind as SubscriptionKind | undefined });
  }

  throttlingPolicy(account: string): ThrottlingPolicy {
    return this.notifications.policy(this.#account(account));
  }

  setThrottlingPolicy(account: string, patch: Partial<ThrottlingPolicy>): ThrottlingPolicy {
    const user = this.#account(account);
    return this.notifications.setPolicy(user, patch);
  }

  #account(logon: string): string {
    const account = this.org.account(String(logon));
    if (!account) throw new MockExchangeError('UNKNOWN_ACCOUNT', `Unknown account "${logon}"`, 'account');
    return account.user;
  }

  #mailbox(address: string): Mailbox {
    const mbx = this.org.mailbox(String(address));
    if (!mbx) throw new MockExchangeError('UNKNOWN_MAILBOX', `Unknown mailbox "${address}"`, 'mailbox');
    return mbx;
  }

  #item(mbx: Mailbox, id: string): CalendarItem {
    const item = mbx.calendar.get(String(id));
    if (!item)
      throw new MockExchangeError('UNKNOWN_MEETING', `Mailbox ${mbx.address} has no meeting with id "${id}"`, 'id');
    return item;
  }
}

function meetingConfig(item: CalendarItem): MeetingConfig {
  const r = item.recurrence;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    subject: item.subject,
    start: iso(item.start),
    end: iso(item.end),
    freeBusy: item.freeBusy,
    allDay: item.allDay,
    location: item.location,
    organizer: item.organizer?.address,
    attendees: item.requiredAttendees.map((a) => a.address),
    recurrence: r && {
      ...r,
      until: r.until === undefined ? undefined : iso(r.until),
    },
  } as MeetingConfig;
}

function meetingView(item: CalendarItem): MeetingView {
  const c = meetingConfig(item);
  return {
    id: item.id,
    changeKey: item.changeKey,
    subject: c.subject,
    start: c.start,
    end: c.end,
    freeBusy: item.freeBusy,
    allDay: item.allDay,
    location: item.location,
    organizer: c.organizer,
    attendees: c.attendees ?? [],
    recurrence: c.recurrence,
  };
}
