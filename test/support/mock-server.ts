import { Agent } from 'node:https';
import {
  ConnectingIdType,
  ExchangeService,
  ExchangeVersion,
  ImpersonatedUserId,
  Uri,
  WebCredentials,
  XhrApi,
} from 'ews-javascript-api';
import { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import type { OrgConfig } from '../../mock-exchange/org-config.ts';
import { VirtualClock } from '../../sim/clock.ts';
import { SVC, TEST_START, testOrgConfig } from './test-org.ts';

/** Start a mock organization on loopback with a virtual clock. Stop it in afterEach. */
export async function startMock(
  config: OrgConfig = testOrgConfig(),
  clock = new VirtualClock(TEST_START),
): Promise<MockExchange> {
  const mock = new MockExchange({ config, clock });
  await mock.start();
  return mock;
}

export interface ClientOptions {
  server?: string;
  user?: string;
  password?: string;
  impersonate?: string;
  version?: ExchangeVersion;
}

/** A real EWS client (ews-javascript-api) talking HTTPS to the mock, trusting the lab's root CA. */
export function ewsClient(mock: MockExchange, opts: ClientOptions = {}): ExchangeService {
  const svc = new ExchangeService(opts.version ?? ExchangeVersion.Exchange2013);
  svc.Url = new Uri(mock.ewsUrl(opts.server ?? 'ex1'));
  svc.Credentials = new WebCredentials(opts.user ?? SVC.user, opts.password ?? SVC.password);
  if (opts.impersonate) svc.ImpersonatedUserId = new ImpersonatedUserId(ConnectingIdType.SmtpAddress, opts.impersonate);
  const agent = new Agent({ ca: mock.pki.trustBundlePem, lookup: mock.hosts.lookup as never, keepAlive: false });
  svc.XHRApi = new XhrApi({ httpsAgent: agent } as never);
  return svc;
}
