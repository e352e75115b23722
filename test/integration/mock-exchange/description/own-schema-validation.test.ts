import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaFiles, serviceSchema } from '../../../../mock-exchange/description/service-schema.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { OPERATIONS } from '../../../../mock-exchange/operations/index.ts';
import { orgWithAmbiguousName } from '../../../support/ambiguous-org.ts';
import { ewsCall } from '../../../support/ews-call.ts';
import {
  schemaEntryFor,
  schemaTestsEnabled,
  type ValidationResult,
  validateAgainstSchema,
} from '../../../support/ews-schema.ts';
import type { PostReply } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import {
  getEvents,
  subscribed,
  subscribePull,
  subscribeStreaming,
  unsubscribe,
} from '../../../support/notification-soap.ts';
import { type ResponseCase, sendCases } from '../../../support/response-case.ts';
import { DIRECTORY_AND_FAULT_CASES } from '../../../support/response-cases-directory.ts';
import { FOLDER_CASES } from '../../../support/response-cases-folders.ts';
import { ITEM_CASES } from '../../../support/response-cases-items.ts';

const CASES: ResponseCase[] = [...ITEM_CASES, ...DIRECTORY_AND_FAULT_CASES, ...FOLDER_CASES];
const CASE_NAMES = CASES.map((c) => c.name);
const NOTIFICATION_NAMES = [
  'Subscribe pull',
  'Subscribe streaming',
  'GetEvents',
  'GetEvents ErrorInvalidWatermark',
  'Unsubscribe',
  'Unsubscribe again',
];
const NAMES = [...CASE_NAMES];

describe.skipIf(!schemaTestsEnabled('own schema validation'))(
  "every kind of response the mock sends validates against the mock's own messages.xsd and types.xsd",
  () => {
    let mock: MockExchange;
    let dir: string;
    const responses = new Map<string, Pick<PostReply, 'status' | 'contentType' | 'body'>>();
    const verdicts = new Map<string, ValidationResult>();

    beforeAll(async () => {
      mock = await startMock(orgWithAmbiguousName());
      for (const [name, reply] of (await sendCases(mock, CASES)).responses) responses.set(name, reply);
      // The notification operations (not in the response cases): pull and streaming Subscribe, GetEvents, Unsubscribe.
      const as = { impersonate: 'alice@example.test' };
      const pull = await ewsCall(mock, subscribePull(), as);
      const sub = await subscribed(pull);
      const notifications: [string, string][] = [
        ['Subscribe pull', pull.body],
        ['Subscribe streaming', (await ewsCall(mock, subscribeStreaming(), as)).body],
        ['GetEvents', (await ewsCall(mock, getEvents(sub.id, sub.watermark ?? ''), as)).body],
        ['GetEvents ErrorInvalidWatermark', (await ewsCall(mock, getEvents(sub.id, 'AAAA'), as)).body],
        ['Unsubscribe', (await ewsCall(mock, unsubscribe(sub.id), as)).body],
        ['Unsubscribe again', (await ewsCall(mock, unsubscribe(sub.id), as)).body],
      ];
      for (const [name, body] of notifications) responses.set(name, { status: 200, contentType: 'text/xml', body });
      expect(notifications.map(([name]) => name)).toEqual(NOTIFICATION_NAMES);
      NAMES.push(...NOTIFICATION_NAMES);
      const own = await schemaEntryFor(schemaFiles(serviceSchema(OPERATIONS.values())));
      dir = own.dir;
      const findItem = CASES.map((c) => responses.get(c.name)?.body ?? '').find((b) =>
        /<t:Start>[^<]*<\/t:Start><t:End>/.test(b),
      );
      const docs = [
        ...NAMES.map((name) => ({ name: `response: ${name}`, xml: responses.get(name)?.body ?? '' })),
        {
          name: 'control: End before Start in a CalendarItem',
          xml: (findItem ?? '').replace(/(<t:Start>[^<]*<\/t:Start>)(<t:End>[^<]*<\/t:End>)/, '$2$1'),
        },
        {
          name: 'control: an element the description does not declare in ResponseMessages',
          xml: (responses.get(CASES[0]!.name)?.body ?? '').replace(
            '<m:ResponseMessages>',
            '<m:ResponseMessages><m:Bogus/>',
          ),
        },
      ];
      for (const v of await validateAgainstSchema(docs, own.entry)) verdicts.set(v.name, v);
    }, 120_000);

    afterAll(async () => {
      await mock?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it.each([...CASE_NAMES, ...NOTIFICATION_NAMES].map((n) => [n] as const))('%s', (name) => {
      expect(verdicts.get(`response: ${name}`)?.errors).toEqual([]);
      expect(verdicts.get(`response: ${name}`)?.valid).toBe(true);
    });

    it('rejects a calendar item with End before Start and an undeclared response message (not vacuous)', () => {
      const order = verdicts.get('control: End before Start in a CalendarItem');
      expect(order?.valid).toBe(false);
      expect(order?.errors.join('\n')).toMatch(/End.*not expected/);
      const bogus = verdicts.get('control: an element the description does not declare in ResponseMessages');
      expect(bogus?.valid).toBe(false);
      expect(bogus?.errors.join('\n')).toMatch(/Bogus/);
    });
  },
);
