import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { orgWithAmbiguousName } from '../../support/ambiguous-org.ts';
import { schemaTestsEnabled, type ValidationResult, validateAgainstSchema } from '../../support/ews-schema.ts';
import type { PostReply } from '../../support/https-post.ts';
import { startMock } from '../../support/mock-server.ts';
import { type ResponseCase, sendCases } from '../../support/response-case.ts';
import { DIRECTORY_AND_FAULT_CASES } from '../../support/response-cases-directory.ts';
import { FOLDER_CASES } from '../../support/response-cases-folders.ts';
import { ITEM_CASES } from '../../support/response-cases-items.ts';
import { TREE_CASES } from '../../support/response-cases-tree.ts';

const CASES: ResponseCase[] = [...ITEM_CASES, ...DIRECTORY_AND_FAULT_CASES, ...TREE_CASES, ...FOLDER_CASES];

describe.skipIf(!schemaTestsEnabled('schema validation'))(
  'every kind of response the mock sends validates against the EWS schema',
  () => {
    let mock: MockExchange;
    const responses = new Map<string, PostReply>();
    const requests = new Map<string, string>();
    const verdicts = new Map<string, ValidationResult>();

    beforeAll(async () => {
      mock = await startMock(orgWithAmbiguousName());
      const sent = await sendCases(mock, CASES);
      for (const [name, body] of sent.requests) requests.set(name, body);
      for (const [name, reply] of sent.responses) responses.set(name, reply);
      // One xmllint run for everything: every response, and every request meant to be valid EWS.
      const docs = [
        ...CASES.map((c) => ({ name: `response: ${c.name}`, xml: responses.get(c.name)?.body ?? '' })),
        ...CASES.filter((c) => c.validRequest !== false).map((c) => ({
          name: `request: ${c.name}`,
          xml: requests.get(c.name) ?? '',
        })),
        {
          name: 'control: End before Start',
          xml: (responses.get('GetUserAvailability Detailed')?.body ?? '').replace(
            /(<t:StartTime>[^<]*<\/t:StartTime>)(<t:EndTime>[^<]*<\/t:EndTime>)/,
            '$2$1',
          ),
        },
      ];
      for (const v of await validateAgainstSchema(docs)) verdicts.set(v.name, v);
    });

    afterAll(async () => {
      await mock?.stop();
    });

    it.each(CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
      const res = responses.get(name);
      expect(res?.status).toBe(c.status);
      expect(res?.contentType).toMatch(/^text\/xml/);
      expect(res?.body).toContain(c.contains);
      expect(verdicts.get(`response: ${name}`)?.errors).toEqual([]);
      expect(verdicts.get(`response: ${name}`)?.valid).toBe(true);
    });

    it('sends requests that are valid EWS themselves, so the cases exercise real shapes', () => {
      const invalid = [...verdicts.values()].filter((v) => v.name.startsWith('request: ') && !v.valid);
      expect(invalid.map((v) => `${v.name}: ${v.errors.join('; ')}`)).toEqual([]);
    });

    it('catches a response with elements out of schema order (the harness is not vacuous)', () => {
      const control = verdicts.get('control: End before Start');
      expect(control?.valid).toBe(false);
      expect(control?.errors.join('\n')).toMatch(/EndTime.*not expected.*StartTime/);
    });
  },
);
