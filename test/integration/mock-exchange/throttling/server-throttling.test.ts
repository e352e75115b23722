import { afterEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';
import { getFolder } from '../../../support/ews-request-bodies.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { subscribePull } from '../../../support/notification-soap.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const schema = schemaTestsEnabled('server throttling');
const ALICE = 'alice@example.test';

function orgWith(throttling: NonNullable<OrgConfig['servers'][number]['throttling']>): OrgConfig {
  const config = testOrgConfig();
  config.servers[0] = { ...config.servers[0]!, throttling };
  return config;
}

async function expectSchemaValid(name: string, xml: string): Promise<void> {
  if (schema) expect((await validateAgainstSchema([{ name, xml }]))[0]?.errors).toEqual([]);
}

describe('the EWS throttling policy of a server, from the organization file', () => {
  let mock: MockExchange | undefined;
  afterEach(async () => {
    await mock?.stop();
    mock = undefined;
  });

  it('a spent budget: HTTP 500 ErrorServerBusy with BackOffMilliseconds in MessageXml', async () => {
    mock = await startMock(orgWith({ requestCostMs: 1_100_000 }));
    for (let i = 0; i < 3; i++)
      expect((await postEws(mock, soapEnvelope(getFolder('calendar'), { impersonate: ALICE }))).status).toBe(200);
    const busy = await postEws(mock, soapEnvelope(getFolder('calendar'), { impersonate: ALICE }));
    expect(busy.status).toBe(500);
    expect(busy.body).toMatch(/<e:ResponseCode xmlns:e="[^"]+">ErrorServerBusy<\/e:ResponseCode>/);
    expect(busy.body).toContain('<t:Value Name="BackOffMilliseconds">12000000</t:Value>');
    await expectSchemaValid('ErrorServerBusy', busy.body);
    // Another server of the organization has its own policy.
    expect(
      (await postEws(mock, soapEnvelope(getFolder('calendar'), { impersonate: 'bob@example.test' }), { server: 'ex2' }))
        .status,
    ).toBe(200);
  });

  it('EWSMaxSubscriptions: the subscription beyond it is ErrorExceededSubscriptionCount', async () => {
    mock = await startMock(orgWith({ EWSMaxSubscriptions: 1 }));
    const first = await postEws(mock, soapEnvelope(subscribePull(), { impersonate: ALICE }));
    expect(first.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
    const second = await postEws(mock, soapEnvelope(subscribePull(), { impersonate: ALICE }));
    expect(second.status).toBe(200);
    expect(second.body).toContain('<m:ResponseCode>ErrorExceededSubscriptionCount</m:ResponseCode>');
    await expectSchemaValid('ErrorExceededSubscriptionCount', second.body);
  });

  it('a policy value out of range is refused naming the field', async () => {
    await expect(startMock(orgWith({ EWSFindCountLimit: -1 }))).rejects.toThrow(
      /servers\[0\]\.throttling\.EWSFindCountLimit: must be a positive integer or null \(Unlimited\), got -1/,
    );
  });
});
