import { describe, expect, it } from 'vitest';
import { OperationBench } from '../../../support/operation-call.ts';
import { pullXml, pushXml, subscribeMessage } from '../../../support/subscribe-call.ts';

const ALICE = { mailbox: 'alice@example.test' };
const SCHEMA = 'The request failed schema validation: ';

// SubscriptionTimeoutType and SubscriptionStatusFrequencyType: xs:int, minInclusive 1, maxInclusive 1440 (types.xsd).
const cases = [
  { name: 'Timeout', xml: pullXml, field: 'timeoutMinutes' },
  { name: 'StatusFrequency', xml: pushXml, field: 'statusFrequencyMinutes' },
] as const;

describe.each(cases)('Subscribe: $name is a whole number of minutes from 1 to 1440', ({ name, xml, field }) => {
  it('1, 1440, a value between and the xs:int forms with a plus sign or leading zeros are that many minutes', async () => {
    const bench = new OperationBench();
    for (const value of ['1', '1440', '720', '+5', '0030', '+01440']) {
      expect(subscribeMessage(await bench.call(xml(value), ALICE)).code).toBe('NoError');
    }
    expect(bench.notifications.list().map((s) => s[field])).toEqual([1, 1440, 720, 5, 30, 1440]);
  });

  it('0, 1441, negative values, fractions, signs alone and text are ErrorSchemaValidation faults quoting the value', async () => {
    const bench = new OperationBench();
    for (const value of [
      '0',
      '-0',
      '1441',
      '+1441',
      '-5',
      '1.5',
      '+',
      '+-5',
      'abc',
      'x5',
      '5x',
      '99999',
      '12345678901',
    ]) {
      expect(await bench.call(xml(value), ALICE)).toEqual({
        kind: 'fault',
        code: 'ErrorSchemaValidation',
        message: `${SCHEMA}${name} "${value}" must be an integer from 1 to 1440.`,
        httpStatus: 500,
      });
    }
    expect(bench.notifications.list()).toEqual([]);
  });
});
