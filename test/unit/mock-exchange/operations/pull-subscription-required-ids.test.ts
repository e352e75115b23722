import { describe, expect, it } from 'vitest';
import { readXml } from '../../../../ews/soap-request.ts';
import { getEvents, subscribePull, unsubscribe } from '../../../support/notification-soap.ts';
import { OperationBench } from '../../../support/operation-call.ts';

const ALICE = { mailbox: 'alice@example.test' };

async function pullSubscription(bench: OperationBench): Promise<{ id: string; watermark: string }> {
  const outcome = await bench.call(subscribePull(), ALICE);
  if (outcome.kind !== 'body') throw new Error(`Subscribe faulted: ${outcome.message}`);
  const message = readXml(outcome.xml).at('ResponseMessages', 'SubscribeResponseMessage');
  const id = message?.textAt('SubscriptionId');
  const watermark = message?.textAt('Watermark');
  if (!id || !watermark) throw new Error(`Subscribe failed: ${outcome.xml}`);
  return { id, watermark };
}

const responseCode = (xml: string, operation: string) =>
  readXml(xml).at('ResponseMessages', `${operation}ResponseMessage`)?.textAt('ResponseCode');

describe('GetEvents needs both SubscriptionId and Watermark', () => {
  const missing = {
    kind: 'fault',
    code: 'ErrorSchemaValidation',
    message: 'The request failed schema validation: GetEvents needs SubscriptionId and Watermark.',
    httpStatus: 500,
  };

  it('without Watermark the request fails schema validation', async () => {
    const bench = new OperationBench();
    const { id } = await pullSubscription(bench);
    const outcome = await bench.call(`<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId></m:GetEvents>`, ALICE);
    expect(outcome).toEqual(missing);
  });

  it('with an empty SubscriptionId the request fails schema validation', async () => {
    const bench = new OperationBench();
    const { watermark } = await pullSubscription(bench);
    expect(await bench.call(getEvents('', watermark), ALICE)).toEqual(missing);
  });

  it('with both it answers the events (NoError)', async () => {
    const bench = new OperationBench();
    const { id, watermark } = await pullSubscription(bench);
    const outcome = await bench.call(getEvents(id, watermark), ALICE);
    if (outcome.kind !== 'body') throw new Error(`GetEvents faulted: ${outcome.message}`);
    expect(responseCode(outcome.xml, 'GetEvents')).toBe('NoError');
  });
});

describe('Unsubscribe needs a SubscriptionId', () => {
  it('without one the request fails schema validation', async () => {
    expect(await new OperationBench().call('<m:Unsubscribe/>', ALICE)).toEqual({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: 'The request failed schema validation: SubscriptionId is required.',
      httpStatus: 500,
    });
  });

  it('an empty one fails schema validation the same way', async () => {
    const outcome = await new OperationBench().call(unsubscribe('  '), ALICE);
    expect(outcome).toMatchObject({
      kind: 'fault',
      code: 'ErrorSchemaValidation',
      message: 'The request failed schema validation: SubscriptionId is required.',
    });
  });

  it("a pull subscription's id ends it (NoError)", async () => {
    const bench = new OperationBench();
    const { id } = await pullSubscription(bench);
    const outcome = await bench.call(unsubscribe(id), ALICE);
    if (outcome.kind !== 'body') throw new Error(`Unsubscribe faulted: ${outcome.message}`);
    expect(responseCode(outcome.xml, 'Unsubscribe')).toBe('NoError');
  });
});
