import { describe, expect, it } from 'vitest';
import { OperationBench } from '../../../support/operation-call.ts';
import {
  CALENDAR,
  CREATED,
  pullXml,
  pushXml,
  subscribeMessage,
  subscribeXml,
} from '../../../support/subscribe-call.ts';

const ALICE = { mailbox: 'alice@example.test' };
const SCHEMA = 'The request failed schema validation: ';

describe('Subscribe: the three request kinds and what each reply carries', () => {
  it('a Subscribe without a request element, or with an unknown one, is an ErrorSchemaValidation fault naming what it found', async () => {
    const bench = new OperationBench();
    expect(await bench.call('<m:Subscribe/>', ALICE)).toEqual({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: `${SCHEMA}Subscribe needs PullSubscriptionRequest, PushSubscriptionRequest or StreamingSubscriptionRequest, found nothing.`,
      httpStatus: 500,
    });
    expect(
      await bench.call(
        `<m:Subscribe><m:PullSubscription>${CALENDAR}${CREATED}</m:PullSubscription></m:Subscribe>`,
        ALICE,
      ),
    ).toMatchObject({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: `${SCHEMA}Subscribe needs PullSubscriptionRequest, PushSubscriptionRequest or StreamingSubscriptionRequest, found <PullSubscription>.`,
    });
    expect(bench.notifications.list()).toEqual([]);
  });

  it('pull and push replies are NoError with SubscriptionId then Watermark; a streaming reply has no Watermark', async () => {
    const bench = new OperationBench();
    const pull = subscribeMessage(await bench.call(pullXml(), ALICE));
    const push = subscribeMessage(await bench.call(pushXml(), ALICE));
    const streamingReply = await bench.call(
      subscribeXml('StreamingSubscriptionRequest', `${CALENDAR}${CREATED}`),
      ALICE,
    );
    const streaming = subscribeMessage(streamingReply);
    for (const m of [pull, push]) {
      expect(m).toMatchObject({ responseClass: 'Success', code: 'NoError', messageText: undefined });
      expect(m.children).toEqual(['ResponseCode', 'SubscriptionId', 'Watermark']);
      expect(m.watermark).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
    expect(streaming).toMatchObject({ responseClass: 'Success', code: 'NoError' });
    expect(streaming.children).toEqual(['ResponseCode', 'SubscriptionId']);
    expect(streamingReply.kind === 'body' && streamingReply.xml).toContain(
      `<m:SubscriptionId>${streaming.subscriptionId}</m:SubscriptionId></m:SubscribeResponseMessage>`,
    );
    const kinds = new Map(bench.notifications.list().map((s) => [s.id, s.kind]));
    expect([pull, push, streaming].map((m) => kinds.get(m.subscriptionId ?? ''))).toEqual([
      'pull',
      'push',
      'streaming',
    ]);
  });

  it('a streaming subscription with a Watermark is an ErrorSchemaValidation fault (the schema has no Watermark there)', async () => {
    const bench = new OperationBench();
    const watermark = subscribeMessage(await bench.call(pullXml(), ALICE)).watermark;
    const reply = await bench.call(
      subscribeXml('StreamingSubscriptionRequest', `${CALENDAR}${CREATED}<t:Watermark>${watermark}</t:Watermark>`),
      ALICE,
    );
    expect(reply).toEqual({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: `${SCHEMA}StreamingSubscriptionRequest has no Watermark element.`,
      httpStatus: 500,
    });
    expect(bench.notifications.list().map((s) => s.kind)).toEqual(['pull']);
  });

  it("each subscription holds only its own kind's settings: pull a Timeout, push a StatusFrequency and URL, streaming none", async () => {
    const bench = new OperationBench();
    const ids = [
      await bench.call(pullXml('45'), ALICE),
      await bench.call(pushXml('12', 'http://imp.example.test:50020/cal'), ALICE),
      await bench.call(subscribeXml('StreamingSubscriptionRequest', `${CALENDAR}${CREATED}`), ALICE),
    ].map((reply) => subscribeMessage(reply).subscriptionId ?? '');
    const settings = ids.map((id) => {
      const spec = bench.notifications.find(id)?.spec;
      return {
        kind: spec?.kind,
        url: spec?.url,
        statusFrequencyMinutes: spec?.statusFrequencyMinutes,
        timeoutMinutes: spec?.timeoutMinutes,
      };
    });
    expect(settings).toEqual([
      { kind: 'pull', url: undefined, statusFrequencyMinutes: undefined, timeoutMinutes: 45 },
      { kind: 'push', url: 'http://imp.example.test:50020/cal', statusFrequencyMinutes: 12, timeoutMinutes: undefined },
      { kind: 'streaming', url: undefined, statusFrequencyMinutes: undefined, timeoutMinutes: undefined },
    ]);
  });

  it('a pull subscription without Timeout is an ErrorSchemaValidation fault: Timeout is required', async () => {
    const bench = new OperationBench();
    expect(await bench.call(subscribeXml('PullSubscriptionRequest', `${CALENDAR}${CREATED}`), ALICE)).toEqual({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: `${SCHEMA}Timeout is required.`,
      httpStatus: 500,
    });
    expect(bench.notifications.list()).toEqual([]);
  });

  it('a push subscription without StatusFrequency gets the default of 30 minutes', async () => {
    const bench = new OperationBench();
    const reply = await bench.call(
      subscribeXml('PushSubscriptionRequest', `${CALENDAR}${CREATED}<t:URL>https://imp.example.test/n</t:URL>`),
      ALICE,
    );
    expect(subscribeMessage(reply).code).toBe('NoError');
    expect(bench.notifications.list().map((s) => s.statusFrequencyMinutes)).toEqual([30]);
  });

  it('a push subscription without URL is ErrorInvalidPushSubscriptionUrl for the empty URL', async () => {
    const bench = new OperationBench();
    const reply = await bench.call(
      subscribeXml('PushSubscriptionRequest', `${CALENDAR}${CREATED}<t:StatusFrequency>30</t:StatusFrequency>`),
      ALICE,
    );
    expect(subscribeMessage(reply)).toMatchObject({
      responseClass: 'Error',
      code: 'ErrorInvalidPushSubscriptionUrl',
      messageText: 'The push subscription URL "" is invalid: it must be an absolute http or https URL.',
      subscriptionId: undefined,
    });
    expect(bench.notifications.list()).toEqual([]);
  });
});
