import { describe, expect, it } from 'vitest';
import { OperationBench } from '../../../support/operation-call.ts';
import { CALENDAR, eventTypesXml, subscribeMessage, subscribeXml } from '../../../support/subscribe-call.ts';

const ALICE = { mailbox: 'alice@example.test' };
const SCHEMA = 'The request failed schema validation: ';
const pull = (eventTypes: string) =>
  subscribeXml('PullSubscriptionRequest', `${CALENDAR}${eventTypes}<t:Timeout>30</t:Timeout>`);

describe('Subscribe: EventTypes (t:NonEmptyArrayOfNotificationEventTypesType)', () => {
  it('every NotificationEventTypeType value is kept, in request order', async () => {
    const bench = new OperationBench();
    const all = [
      'CopiedEvent',
      'CreatedEvent',
      'DeletedEvent',
      'ModifiedEvent',
      'MovedEvent',
      'NewMailEvent',
      'FreeBusyChangedEvent',
    ];
    expect(subscribeMessage(await bench.call(pull(eventTypesXml(...all)), ALICE)).code).toBe('NoError');
    expect(bench.notifications.list().map((s) => s.eventTypes)).toEqual([all]);
  });

  it('white space around a value (a pretty-printed request) is not part of it', async () => {
    const bench = new OperationBench();
    const reply = await bench.call(pull(eventTypesXml('\n    CreatedEvent\n  ', ' ModifiedEvent ')), ALICE);
    expect(subscribeMessage(reply).code).toBe('NoError');
    expect(bench.notifications.list().map((s) => s.eventTypes)).toEqual([['CreatedEvent', 'ModifiedEvent']]);
  });

  it('missing or empty EventTypes is an ErrorSchemaValidation fault', async () => {
    const bench = new OperationBench();
    for (const eventTypes of ['', '<t:EventTypes/>']) {
      expect([eventTypes, await bench.call(pull(eventTypes), ALICE)]).toEqual([
        eventTypes,
        {
          kind: 'fault',
          code: 'ErrorSchemaValidation',
          message: `${SCHEMA}EventTypes is missing or empty.`,
          httpStatus: 500,
        },
      ]);
    }
    expect(bench.notifications.list()).toEqual([]);
  });

  it('StatusEvent (never requested) or an unknown value is an ErrorSchemaValidation fault naming the value', async () => {
    const bench = new OperationBench();
    for (const value of ['StatusEvent', 'createdevent']) {
      expect(await bench.call(pull(eventTypesXml('CreatedEvent', value)), ALICE)).toEqual({
        kind: 'fault',
        code: 'ErrorSchemaValidation',
        message: `${SCHEMA}EventType "${value}" is not a NotificationEventTypeType value.`,
        httpStatus: 500,
      });
    }
    expect(bench.notifications.list()).toEqual([]);
  });
});
