import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { EwsError } from '../../../../ews/errors.ts';
import { readXml } from '../../../../ews/soap-request.ts';
import type { XmlElement } from '../../../../ews/xml-element.ts';
import { GetStreamingEvents } from '../../../../mock-exchange/operations/get-streaming-events.ts';
import { getStreamingEvents, subscribeStreaming } from '../../../support/notification-soap.ts';
import { OperationBench } from '../../../support/operation-call.ts';

/** A response that records what a streaming operation writes on it, as the endpoint's raw response would carry. */
class RecordedStream {
  status: number | undefined;
  headersSent = false;
  writableEnded = false;
  readonly chunks: string[] = [];
  writeHead(status: number): this {
    this.status = status;
    this.headersSent = true;
    return this;
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(chunk?: string): this {
    if (chunk !== undefined) this.chunks.push(chunk);
    this.writableEnded = true;
    return this;
  }
  on(): this {
    return this;
  }
  destroy(): void {
    this.writableEnded = true;
  }
}

let bench = new OperationBench();
afterEach(() => {
  bench.notifications.streaming.destroyAll();
  bench = new OperationBench();
});

/** Runs GetStreamingEvents as the endpoint does: stream(), and on an EwsError its streamError() on the same response. */
async function stream(operationXml: string, account = 'alice'): Promise<RecordedStream> {
  const res = new RecordedStream();
  const raw = res as unknown as ServerResponse;
  try {
    await GetStreamingEvents.stream?.(bench.context(operationXml, { account }), raw);
  } catch (err) {
    if (!(err instanceof EwsError)) throw err;
    GetStreamingEvents.streamError?.(err, raw);
  }
  return res;
}

/** The GetStreamingEventsResponseMessage of each chunk written. */
function messages(res: RecordedStream): XmlElement[] {
  return res.chunks.map((c) => {
    const m = readXml(c).at(
      'Body',
      'GetStreamingEventsResponse',
      'ResponseMessages',
      'GetStreamingEventsResponseMessage',
    );
    if (!m) throw new Error(`not a GetStreamingEvents chunk: ${c.slice(0, 200)}`);
    return m;
  });
}

/** The request was refused as a whole: one 200 chunk, ErrorInvalidRequest with this text, Closed, and the end. */
function expectRefused(res: RecordedStream, messageText: string): void {
  expect(res.status).toBe(200);
  expect(res.writableEnded).toBe(true);
  const all = messages(res);
  expect(all).toHaveLength(1);
  expect(all[0]?.attr('ResponseClass')).toBe('Error');
  expect(all[0]?.textAt('ResponseCode')).toBe('ErrorInvalidRequest');
  expect(all[0]?.textAt('MessageText')).toBe(messageText);
  expect(all[0]?.textAt('ConnectionStatus')).toBe('Closed');
  expect(all[0]?.child('ErrorSubscriptionIds')).toBeUndefined();
}

/** The request passed validation: its ids were looked up, and ids nobody subscribed are named ErrorSubscriptionNotFound. */
function expectLookedUp(res: RecordedStream, ids: string[]): void {
  expect(res.status).toBe(200);
  const all = messages(res);
  expect(all).toHaveLength(1);
  expect(all[0]?.textAt('ResponseCode')).toBe('ErrorSubscriptionNotFound');
  expect(
    all[0]
      ?.child('ErrorSubscriptionIds')
      ?.all('SubscriptionId')
      .map((e) => e.text),
  ).toEqual(ids);
  expect(all[0]?.textAt('ConnectionStatus')).toBe('Closed');
}

const TIMEOUT_TEXT = (t: string) => `ConnectionTimeout "${t}" must be an integer number of minutes from 1 to 30.`;

describe('GetStreamingEvents subscription ids', () => {
  it('needs at least one: none, an empty SubscriptionIds, or an empty id among others are refused', async () => {
    const text = 'GetStreamingEvents needs at least one SubscriptionId.';
    expectRefused(
      await stream('<m:GetStreamingEvents><m:ConnectionTimeout>5</m:ConnectionTimeout></m:GetStreamingEvents>'),
      text,
    );
    expectRefused(await stream(getStreamingEvents([], '5')), text);
    expectRefused(await stream(getStreamingEvents(['AAQSub1', '  '], '5')), text);
    expectRefused(await stream(getStreamingEvents(['', 'AAQSub1'], '5')), text);
  });

  it('takes one id, trimmed of the whitespace around it', async () => {
    expectLookedUp(await stream(getStreamingEvents(['  AAQSub1\n '], '5')), ['AAQSub1']);
  });

  it('takes 200 ids on one connection and refuses 201', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `AAQSub${i + 1}`);
    expectLookedUp(await stream(getStreamingEvents(ids.slice(0, 200), '5')), ids.slice(0, 200));
    expectRefused(
      await stream(getStreamingEvents(ids, '5')),
      'A streaming connection carries at most 200 subscriptions; the request names 201.',
    );
  });
});

describe('GetStreamingEvents ConnectionTimeout', () => {
  it('takes 1 and 30 minutes, and the xs:int forms with a plus sign or leading zeros', async () => {
    for (const t of ['1', '30', '+5', '05', '+030']) {
      expectLookedUp(await stream(getStreamingEvents(['AAQSub1'], t)), ['AAQSub1']);
    }
  });

  it('refuses 0, 31, a fraction, a negative value, signs alone and text around the digits, quoting the value', async () => {
    for (const t of ['0', '31', '-0', '+31', '1.5', '-5', '+', '++5', 'x5', '5x', '5 minutes', '12345678901']) {
      expectRefused(await stream(getStreamingEvents(['AAQSub1'], t)), TIMEOUT_TEXT(t));
    }
  });

  it('refuses an absent or empty one', async () => {
    const noTimeout =
      '<m:GetStreamingEvents><m:SubscriptionIds><t:SubscriptionId>AAQSub1</t:SubscriptionId></m:SubscriptionIds></m:GetStreamingEvents>';
    expectRefused(await stream(noTimeout), TIMEOUT_TEXT(''));
    expectRefused(await stream(getStreamingEvents(['AAQSub1'], ' ')), TIMEOUT_TEXT(''));
  });
});

describe('GetStreamingEvents on a real subscription', () => {
  it('opens a connection carrying the trimmed id for the minutes asked', async () => {
    const subscribed = await bench.call(subscribeStreaming(), { account: 'alice' });
    if (subscribed.kind !== 'body') throw new Error(`Subscribe failed: ${subscribed.message}`);
    const id = readXml(subscribed.xml).at('ResponseMessages', 'SubscribeResponseMessage')?.textAt('SubscriptionId');
    if (!id) throw new Error(`Subscribe answered no id: ${subscribed.xml}`);
    const opened: { subscriptionIds: string[]; account: string; server: string }[] = [];
    bench.notifications.on('stream-opened', (e) => opened.push(e));
    const res = await stream(getStreamingEvents([` ${id} `], '30'));
    expect(res.status).toBe(200);
    expect(opened).toEqual([expect.objectContaining({ subscriptionIds: [id], account: 'alice', server: 'ex1' })]);
    const [conn] = bench.notifications.streaming.connections;
    expect(conn?.timeoutMinutes).toBe(30);
    expect(conn?.ended).toBe(false);
  });
});

describe('GetStreamingEvents called as a one-shot operation', () => {
  it('answers ErrorInvalidRequest: it is only answered as a stream', async () => {
    const outcome = await bench.call(getStreamingEvents(['AAQSub1'], '5'), { account: 'alice' });
    expect(outcome.kind).toBe('body');
    const message = readXml(outcome.kind === 'body' ? outcome.xml : '<x/>').at(
      'ResponseMessages',
      'GetStreamingEventsResponseMessage',
    );
    expect(message?.attr('ResponseClass')).toBe('Error');
    expect(message?.textAt('ResponseCode')).toBe('ErrorInvalidRequest');
    expect(message?.textAt('MessageText')).toBe('GetStreamingEvents is answered as a stream.');
  });
});
