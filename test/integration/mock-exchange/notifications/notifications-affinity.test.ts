import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { VirtualClock } from '../../../../sim/clock.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { type PostReply, postEws, streamedEnvelopes } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import {
  getEvents,
  getStreamingEvents,
  subscribed,
  subscribePull,
  subscribeStreaming,
} from '../../../support/notification-soap.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { T, testOrgConfig } from '../../../support/test-org.ts';

// Test organization: alice and bob live on ex1 (ex1.example.test), carol on ex2.
const ALICE = 'alice@example.test';
const CAROL = 'carol@example.test';
const schema = schemaTestsEnabled('notifications-affinity');

/** The affinity headers of Microsoft's "Maintain affinity between a group of subscriptions and the Mailbox server". */
function affinity(anchor: string, cookie?: string): Record<string, string> {
  return {
    'X-AnchorMailbox': anchor,
    'X-PreferServerAffinity': 'true',
    ...(cookie ? { Cookie: `X-BackEndOverrideCookie=${cookie}` } : {}),
  };
}

async function send(
  mock: MockExchange,
  op: string,
  o: { impersonate?: string; server?: string; headers?: Record<string, string>; version?: string },
): Promise<PostReply> {
  return postEws(mock, soapEnvelope(op, { impersonate: o.impersonate, version: o.version }), {
    server: o.server,
    headers: o.headers,
  });
}

/** The X-BackEndOverrideCookie value a response sets, and the rest of its Set-Cookie attributes. */
function backEndCookie(reply: PostReply): { value: string; attributes: string } | undefined {
  const line = [reply.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('X-BackEndOverrideCookie='));
  if (!line) return undefined;
  const [pair, ...attrs] = line.split(';');
  return { value: pair!.slice('X-BackEndOverrideCookie='.length), attributes: attrs.map((a) => a.trim()).join('; ') };
}

describe('affinity between a group of subscriptions and the Mailbox server', () => {
  let mock: MockExchange;
  afterEach(async () => {
    await mock.stop();
  });

  it('the anchor mailbox subscription response sets X-BackEndOverrideCookie naming its Mailbox server; the group follows it', async () => {
    mock = await startMock();
    // Sent through ex2 as a client behind a load balancer would: routed to the anchor's server, ex1.
    const anchorReply = await send(mock, subscribeStreaming(), {
      impersonate: ALICE,
      server: 'ex2',
      headers: affinity(ALICE),
    });
    const anchorSub = await subscribed(anchorReply);
    const cookie = backEndCookie(anchorReply);
    // Shape from the doc's example: "<back-end FQDN>~<number>; path=/; secure; HttpOnly".
    expect(cookie?.value).toMatch(/^ex1\.example\.test~\d+$/);
    expect(cookie?.attributes).toBe('path=/; secure; HttpOnly');

    // Carol lives on ex2, but her subscription joins the group's Mailbox server through the cookie.
    const carolSub = await subscribed(
      await send(mock, subscribeStreaming(), {
        impersonate: CAROL,
        server: 'ex2',
        headers: affinity(ALICE, cookie!.value),
      }),
    );
    const held = Object.fromEntries(mock.admin.subscriptions().map((s) => [s.mailbox, s.server]));
    expect(held).toEqual({ [ALICE]: 'ex1', [CAROL]: 'ex1' });

    // One GetStreamingEvents for the group, impersonating the anchor: both subscriptions stream.
    const chunks: string[] = [];
    let wake = () => {};
    const opened = once(mock.notifications, 'stream-opened');
    const stream = postEws(
      mock,
      soapEnvelope(getStreamingEvents([anchorSub.id, carolSub.id]), { impersonate: ALICE }),
      {
        server: 'ex2',
        headers: affinity(ALICE, cookie!.value),
        onChunk: (c) => {
          chunks.push(c);
          wake();
        },
      },
    );
    const [event] = (await opened) as [{ subscriptionIds: string[] }];
    expect(event.subscriptionIds.sort()).toEqual([anchorSub.id, carolSub.id].sort());
    mock.admin.createMeeting(CAROL, { subject: 'Grouped', start: T('15:00'), end: T('15:30') });
    while (!chunks.join('').includes('CreatedEvent')) await new Promise<void>((r) => (wake = r));
    const joined = chunks.join('');
    expect(joined).toContain(`:SubscriptionId>${carolSub.id}</`);
    expect(joined).not.toContain('ResponseClass="Error"');
    (mock.clock as VirtualClock).advance(60_000);
    await stream;
  });

  it('a GetStreamingEvents routed to another Mailbox server finds none of the group: ErrorSubscriptionNotFound for each id', async () => {
    mock = await startMock();
    const first = await send(mock, subscribeStreaming(), { impersonate: ALICE, headers: affinity(ALICE) });
    const cookie = backEndCookie(first)!.value;
    const a = await subscribed(first);
    const c = await subscribed(
      await send(mock, subscribeStreaming(), { impersonate: CAROL, headers: affinity(ALICE, cookie) }),
    );
    // Without the affinity headers, impersonating carol routes to carol's own server (ex2), which holds nothing.
    const reply = await send(mock, getStreamingEvents([a.id, c.id]), { impersonate: CAROL });
    const envelopes = streamedEnvelopes(reply.body);
    expect(reply.status).toBe(200);
    expect(envelopes).toHaveLength(1);
    expect(envelopes[0]).toContain('ResponseClass="Error"');
    expect(envelopes[0]).toContain('<m:ResponseCode>ErrorSubscriptionNotFound</m:ResponseCode>');
    expect(envelopes[0]).toContain(`<m:SubscriptionId>${a.id}</m:SubscriptionId>`);
    expect(envelopes[0]).toContain(`<m:SubscriptionId>${c.id}</m:SubscriptionId>`);
    expect(envelopes[0]).toContain('<m:ConnectionStatus>Closed</m:ConnectionStatus>');
  });

  it('subscriptions made without affinity live on each mailbox server: a group spanning two back ends streams only the routed one', async () => {
    mock = await startMock();
    const a = await subscribed(await send(mock, subscribeStreaming(), { impersonate: ALICE }));
    const c = await subscribed(await send(mock, subscribeStreaming(), { impersonate: CAROL }));
    expect(mock.admin.subscriptions().map((s) => [s.mailbox, s.server])).toEqual(
      expect.arrayContaining([
        [ALICE, 'ex1'],
        [CAROL, 'ex2'],
      ]),
    );
    const chunks: string[] = [];
    let wake = () => {};
    const opened = once(mock.notifications, 'stream-opened');
    const stream = postEws(mock, soapEnvelope(getStreamingEvents([a.id, c.id]), { impersonate: ALICE }), {
      headers: { 'X-AnchorMailbox': ALICE },
      onChunk: (x) => {
        chunks.push(x);
        wake();
      },
    });
    const [event] = (await opened) as [{ subscriptionIds: string[] }];
    expect(event.subscriptionIds).toEqual([a.id]);
    while (!chunks.join('').includes('ErrorSubscriptionNotFound')) await new Promise<void>((r) => (wake = r));
    expect(chunks.join('')).toContain(`<m:SubscriptionId>${c.id}</m:SubscriptionId>`);
    (mock.clock as VirtualClock).advance(60_000);
    await stream;
  });

  it('GetEvents follows the same routing; an unknown or foreign cookie falls back to X-AnchorMailbox', async () => {
    mock = await startMock();
    const first = await send(mock, subscribePull(), { impersonate: CAROL, headers: affinity(ALICE) });
    const pull = await subscribed(first);
    const cookie = backEndCookie(first)!.value;
    const viaCookie = await send(mock, getEvents(pull.id, pull.watermark!), {
      impersonate: CAROL,
      headers: affinity(CAROL, cookie),
    });
    expect(viaCookie.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
    const viaAnchor = await send(mock, getEvents(pull.id, pull.watermark!), {
      impersonate: CAROL,
      headers: affinity(ALICE, 'elsewhere.example.test~1'),
    });
    expect(viaAnchor.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
    const broken = await send(mock, getEvents(pull.id, pull.watermark!), { impersonate: CAROL });
    expect(broken.body).toContain('<m:ResponseCode>ErrorSubscriptionNotFound</m:ResponseCode>');
    if (schema) {
      const results = await validateAgainstSchema([
        { name: 'Subscribe-with-cookie', xml: first.body },
        { name: 'GetEvents-via-cookie', xml: viaCookie.body },
        { name: 'GetEvents-ErrorSubscriptionNotFound', xml: broken.body },
      ]);
      expect(results.filter((r) => !r.valid)).toEqual([]);
    }
  });

  it('an Exchange 2010 SP2 server knows no back-end affinity: no cookie, subscriptions stay with the mailbox', async () => {
    const config = testOrgConfig();
    config.servers[1] = { ...config.servers[1]!, version: '2010-SP2' };
    mock = await startMock(config);
    const reply = await send(mock, subscribePull(), {
      impersonate: CAROL,
      server: 'ex2',
      headers: affinity(ALICE),
      version: 'Exchange2010_SP2',
    });
    await subscribed(reply);
    expect(backEndCookie(reply)).toBeUndefined();
    expect(mock.admin.subscriptions({ mailbox: CAROL }).map((s) => s.server)).toEqual(['ex2']);
  });
});
