import { beforeEach, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { XmlElement } from '../../../../ews/xml-element.ts';
import { StreamingGroups } from '../../../../gateway/calendar/streaming-groups.ts';
import { EwsCallError } from '../../../../gateway/ews-client/ews-call-error.ts';
import type { EwsClient, EwsEndpoint } from '../../../../gateway/ews-client/ews-client.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { Journal } from '../../../../sim/journal.ts';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const EX1: EwsEndpoint = { host: 'ex1.example.com', port: 443 };
const EX2: EwsEndpoint = { host: 'ex2.example.com', port: 443 };

interface Stream {
  endpoint: EwsEndpoint;
  ids: string[];
  timeoutMinutes: number;
  closed: boolean;
  options?: { impersonate?: string; headers?: Record<string, string> };
  onEnvelope(first: XmlElement): void;
  onEnd(error?: EwsCallError): void;
}

/** Stands in for the EWS client: records each GetStreamingEvents connection the groups open. */
function fakeClient(streams: Stream[]): EwsClient {
  const client = {
    openStream(
      endpoint: EwsEndpoint,
      body: string,
      handlers: Pick<Stream, 'onEnvelope' | 'onEnd'>,
      options?: Stream['options'],
    ) {
      const ids = [...body.matchAll(/<t:SubscriptionId>([^<]*)<\/t:SubscriptionId>/g)].map((m) => m[1]!);
      const timeout = /<m:ConnectionTimeout>(\d+)<\/m:ConnectionTimeout>/.exec(body);
      const s: Stream = { endpoint, ids, timeoutMinutes: Number(timeout?.[1]), closed: false, options, ...handlers };
      streams.push(s);
      return { close: () => (s.closed = true) };
    },
  };
  return client as unknown as EwsClient;
}

/** The first element of a GetStreamingEvents response body, as the client hands it over. */
async function response(messages: string): Promise<XmlElement> {
  return parseXml(
    `<m:GetStreamingEventsResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>${messages}</m:ResponseMessages></m:GetStreamingEventsResponse>`,
  );
}

const ok = (inner: string) =>
  `<m:GetStreamingEventsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${inner}</m:GetStreamingEventsResponseMessage>`;
const notification = (id: string, ...events: string[]) =>
  `<m:Notification><t:SubscriptionId>${id}</t:SubscriptionId>${events
    .map((e) => `<t:${e}><t:TimeStamp>2030-05-06T08:00:00Z</t:TimeStamp></t:${e}>`)
    .join('')}</m:Notification>`;

/** Changes made in one turn are applied on the next (setImmediate). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const open = (streams: Stream[]) => streams.filter((s) => !s.closed);
/** The client ends a connection: it is gone before the groups hear of it. */
function end(s: Stream, error?: EwsCallError): void {
  s.closed = true;
  s.onEnd(error);
}

describe('StreamingGroups', () => {
  let clock: VirtualClock;
  let journal: Journal;
  let streams: Stream[];
  let events: Array<[string, string[]]>;
  let errors: Array<[string, string]>;
  let groups: StreamingGroups;

  beforeEach(() => {
    clock = new VirtualClock();
    journal = new Journal(clock);
    streams = [];
    events = [];
    errors = [];
    groups = new StreamingGroups(fakeClient(streams), clock, journal, {
      onEvents: (id, names) => events.push([id, names]),
      onSubscriptionError: (id, code) => errors.push([id, code]),
    });
  });

  it('subscriptions added in one turn share one connection per server, asking for the 30-minute maximum', async () => {
    groups.add(EX1, 'a');
    groups.add(EX1, 'b');
    groups.add(EX2, 'c');
    expect(streams).toHaveLength(0);
    await turn();
    expect(streams.map((s) => [s.endpoint.host, s.ids, s.timeoutMinutes])).toEqual([
      ['ex1.example.com', ['a', 'b'], 30],
      ['ex2.example.com', ['c'], 30],
    ]);
    expect(groups.connectionCount).toBe(2);
  });

  it('affinity (Microsoft: maintain affinity between a group of subscriptions and the Mailbox server): the first mailbox anchors its group; the stream impersonates it and sends its back-end cookie', async () => {
    expect(groups.affinityFor(EX1, 'Alice@example.com')).toEqual({ anchorMailbox: 'alice@example.com' });
    groups.learnCookie(EX1, 'alice@example.com', 'mbx1.example.com~123');
    groups.add(EX1, 'a', 'alice@example.com');
    // Every later Subscribe of the group carries the anchor and the cookie.
    expect(groups.affinityFor(EX1, 'bob@example.com')).toEqual({
      anchorMailbox: 'alice@example.com',
      backEndCookie: 'mbx1.example.com~123',
    });
    groups.add(EX1, 'b', 'bob@example.com');
    // Another server is another group with its own anchor.
    expect(groups.affinityFor(EX2, 'carol@example.com')).toEqual({ anchorMailbox: 'carol@example.com' });
    await turn();
    expect(streams).toHaveLength(1);
    expect(streams[0]!.ids).toEqual(['a', 'b']);
    expect(streams[0]!.options).toEqual({
      impersonate: 'alice@example.com',
      headers: {
        'x-anchormailbox': 'alice@example.com',
        'x-preferserveraffinity': 'true',
        cookie: 'X-BackEndOverrideCookie=mbx1.example.com~123',
      },
    });
  });

  it('a group holds at most 200 mailboxes: the 201st anchors a new group on its own connection', async () => {
    const mailboxes = Array.from({ length: 201 }, (_, i) => `u${String(i).padStart(3, '0')}@example.com`);
    for (const [i, m] of mailboxes.entries()) {
      groups.affinityFor(EX1, m);
      groups.add(EX1, `sub-${i}`, m);
    }
    await turn();
    expect(streams.map((s) => [s.ids.length, s.options?.impersonate])).toEqual([
      [200, 'u000@example.com'],
      [1, 'u200@example.com'],
    ]);
  });

  it('a group of 450 subscriptions opens connections of 200, 200 and 50 ids', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => `sub-${i}`);
    for (const id of ids) groups.add(EX1, id);
    await turn();
    expect(streams.map((s) => s.ids.length)).toEqual([200, 200, 50]);
    expect(streams.flatMap((s) => s.ids)).toEqual(ids);
  });

  it('a change to a group replaces its connections; an empty group keeps none open', async () => {
    groups.add(EX1, 'a');
    groups.add(EX1, 'b');
    await turn();
    groups.remove('a');
    await turn();
    expect(streams[0]!.closed).toBe(true);
    expect(open(streams).map((s) => s.ids)).toEqual([['b']]);
    groups.remove('b');
    await turn();
    expect(open(streams)).toHaveLength(0);
    expect(groups.connectionCount).toBe(0);
  });

  it('delivers event names without StatusEvent, and nothing for a keep-alive alone', async () => {
    groups.add(EX1, 'a');
    groups.add(EX1, 'b');
    await turn();
    streams[0]!.onEnvelope(
      await response(
        ok(
          `<m:Notifications>${notification('a', 'StatusEvent')}${notification('b', 'ModifiedEvent', 'StatusEvent', 'CreatedEvent')}</m:Notifications><m:ConnectionStatus>OK</m:ConnectionStatus>`,
        ),
      ),
    );
    expect(events).toEqual([['b', ['ModifiedEvent', 'CreatedEvent']]]);
    await turn();
    expect(streams).toHaveLength(1);
  });

  it('ErrorSubscriptionIds are reported one by one and left out of the next connection', async () => {
    groups.add(EX1, 'a');
    groups.add(EX1, 'b');
    groups.add(EX1, 'c');
    await turn();
    streams[0]!.onEnvelope(
      await response(
        `<m:GetStreamingEventsResponseMessage ResponseClass="Error"><m:MessageText>gone</m:MessageText><m:ResponseCode>ErrorSubscriptionNotFound</m:ResponseCode><m:ErrorSubscriptionIds><m:SubscriptionId>a</m:SubscriptionId><m:SubscriptionId> c </m:SubscriptionId></m:ErrorSubscriptionIds></m:GetStreamingEventsResponseMessage>`,
      ),
    );
    expect(errors).toEqual([
      ['a', 'ErrorSubscriptionNotFound'],
      ['c', 'ErrorSubscriptionNotFound'],
    ]);
    expect(journal.entries({ source: 'calendar' }).map((e) => e.message)).toEqual([
      'streaming from ex1.example.com: ErrorSubscriptionNotFound for 2 subscription(s)',
    ]);
    groups.add(EX1, 'd');
    await turn();
    expect(open(streams).map((s) => s.ids)).toEqual([['b', 'd']]);
  });

  it('a Closed connection status reopens the group with the same ids', async () => {
    groups.add(EX1, 'a');
    await turn();
    streams[0]!.onEnvelope(await response(ok('<m:ConnectionStatus>Closed</m:ConnectionStatus>')));
    await turn();
    expect(streams).toHaveLength(2);
    expect(streams[0]!.closed).toBe(true);
    expect(streams[1]!.ids).toEqual(['a']);
  });

  it('a connection that ends cleanly is reopened at once; one that fails is reopened after 5 s', async () => {
    groups.add(EX1, 'a');
    await turn();
    end(streams[0]!);
    await turn();
    expect(streams).toHaveLength(2);

    end(streams[1]!, new EwsCallError('network', 'ex1.example.com:443: connection reset'));
    await turn();
    expect(streams).toHaveLength(2);
    expect(groups.connectionCount).toBe(0);
    expect(journal.entries({ level: 'warn' }).map((e) => [e.source, e.message])).toEqual([
      [
        'calendar',
        'streaming connection to ex1.example.com failed: ex1.example.com:443: connection reset; reopening in 5 s',
      ],
    ]);
    clock.advance(4_999);
    expect(streams).toHaveLength(2);
    clock.advance(1);
    expect(streams).toHaveLength(3);
    expect(streams[2]!.ids).toEqual(['a']);
  });

  it('an end reported for a connection already replaced changes nothing', async () => {
    groups.add(EX1, 'a');
    await turn();
    groups.add(EX1, 'b');
    await turn();
    end(streams[0]!, new EwsCallError('network', 'late'));
    clock.advance(60_000);
    await turn();
    expect(streams).toHaveLength(2);
    expect(journal.entries({ level: 'warn' })).toHaveLength(0);
  });

  it('close shuts every connection and nothing reopens afterwards', async () => {
    groups.add(EX1, 'a');
    groups.add(EX2, 'b');
    await turn();
    end(streams[0]!, new EwsCallError('network', 'reset'));
    groups.close();
    expect(open(streams)).toHaveLength(0);
    groups.add(EX1, 'c');
    end(streams[1]!);
    clock.advance(60_000);
    await turn();
    expect(streams).toHaveLength(2);
  });

  it('a back-end cookie is learned once per group, recorded in the journal with its server name, and found whatever the mailbox case', async () => {
    const mailboxes = Array.from({ length: 201 }, (_, i) => `u${String(i).padStart(3, '0')}@example.com`);
    for (const [i, m] of mailboxes.entries()) groups.add(EX1, `sub-${i}`, m);
    // U000 in capitals is the first group's anchor, not a newcomer for the second group (which has room).
    groups.learnCookie(EX1, 'U000@Example.COM', 'mbx7.example.com~42');
    groups.learnCookie(EX1, 'u000@example.com', 'mbx7.example.com~42');
    groups.learnCookie(EX1, 'u000@example.com', undefined);
    await turn();
    expect(streams.map((s) => s.options?.headers?.cookie)).toEqual([
      'X-BackEndOverrideCookie=mbx7.example.com~42',
      undefined,
    ]);
    expect(journal.entries({ source: 'calendar' }).map((e) => [e.level, e.message])).toEqual([
      ['debug', 'streaming group of u000@example.com on ex1.example.com: back end mbx7.example.com'],
    ]);
    // A new cookie (the mailbox moved to another back end) replaces the old one.
    groups.learnCookie(EX1, 'u000@example.com', 'mbx9.example.com~43');
    expect(groups.affinityFor(EX1, 'u001@example.com').backEndCookie).toBe('mbx9.example.com~43');
  });

  it('a group changed and closed in the same turn opens nothing', async () => {
    groups.add(EX1, 'a');
    groups.close();
    await turn();
    expect(streams).toHaveLength(0);
  });

  it('201 subscriptions of one mailbox (an old one not yet removed) open connections of 200 and 1 ids', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `sub-${i}`);
    for (const id of ids) groups.add(EX1, id, 'alice@example.com');
    await turn();
    expect(streams.map((s) => [s.ids[0], s.ids.length])).toEqual([
      ['sub-0', 200],
      ['sub-200', 1],
    ]);
  });

  it('an error message naming no subscription and no code is journalled as an internal error and reports nobody', async () => {
    groups.add(EX1, 'a');
    await turn();
    streams[0]!.onEnvelope(
      await response(
        '<m:GetStreamingEventsResponseMessage ResponseClass="Error"><m:MessageText>?</m:MessageText></m:GetStreamingEventsResponseMessage>',
      ),
    );
    expect(errors).toEqual([]);
    expect(journal.entries({ source: 'calendar' }).map((e) => e.message)).toEqual([
      'streaming from ex1.example.com: ErrorInternalServerError',
    ]);
  });
});
