import { Agent } from 'node:https';
import { MockExchange } from '../mock-exchange/mock-exchange.ts';
import { type Clock, SystemClock, VirtualClock } from '../sim/clock.ts';
import { type ClockControls, clockControls, instant } from './clock-controls.ts';
import { type ExchangeAdmin, exchangeAdmin } from './exchange-controls.ts';
import { type OrganizationInput, organizationConfig } from './organization-input.ts';
import { RequestLog } from './request-log.ts';

export interface StartMockExchangeOptions {
  /**
   * Run on a virtual clock starting at `start` (default: now), moved only by `clock.advance` / `clock.runUntil`;
   * without it the organization runs on the wall clock.
   */
  virtualTime?: boolean | { start?: number | Date | string };
  /** Listen on ports the system picks (default true); false keeps the ports the organization names. */
  freePorts?: boolean;
  /** Serve the organization's admin API on 127.0.0.1 (default true), for `pgsim exchange --admin-url`. */
  adminApi?: boolean;
  /** How many EWS requests the request journal keeps (default 1,000). */
  requestJournalCapacity?: number;
}

/** One Exchange server of the running organization. */
export interface MockExchangeServer {
  name: string;
  fqdn: string;
  ip: string;
  port: number;
  /** `https://<fqdn>:<port>/EWS/Exchange.asmx`: the name the certificate carries; resolve it with `lookup`. */
  ewsUrl: string;
  /** The same endpoint by IP address, for clients that cannot take a `lookup` (certificate names will not match). */
  ewsUrlByIp: string;
  /** The SOAP Autodiscover endpoint (GetUserSettings); POX is `/autodiscover/autodiscover.xml`. */
  autodiscoverUrl: string;
}

/** A running mock Exchange organization, as a test uses it. */
export interface RunningMockExchange {
  servers: MockExchangeServer[];
  /** EWS URL by server name (`ewsUrls.ex1`). */
  ewsUrls: Record<string, string>;
  /** The first server's SOAP Autodiscover URL. */
  autodiscoverUrl: string;
  /** PEM of the organization's root CA: what a client trusts (`ca` of an https.Agent). */
  caPem: string;
  /** A `dns.lookup` replacement resolving the organization's FQDNs to their loopback addresses. */
  lookup: (...args: never[]) => void;
  /** An https.Agent trusting `caPem` and resolving through `lookup`; stop() destroys every agent made here. */
  httpsAgent(options?: { keepAlive?: boolean }): Agent;
  /** Accounts with their passwords (test credentials) and whether they hold ApplicationImpersonation. */
  accounts: { user: string; password: string; impersonation: boolean }[];
  mailboxes: string[];
  /** The admin API (JSON over HTTP on 127.0.0.1), when started. */
  adminUrl: string | undefined;
  /** The admin API's bearer token, once admin APIs take tokens; undefined until then. */
  adminToken: string | undefined;
  admin: ExchangeAdmin;
  clock: ClockControls;
  /** Every EWS request received, with matchers (`requests.expectOne({ operation: 'Subscribe', ... })`). */
  requests: RequestLog;
  /** The organization itself, for what the API does not cover (unstable: internal names may change). */
  exchange: MockExchange;
  /** Close every listener, connection, timer and agent; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Start a mock Exchange organization on loopback: real HTTPS EWS and Autodiscover per server, the
 * organization's own CA, faults, certificate profiles and a request journal. Stop it in `afterEach`/`afterAll`.
 *
 * @param organization an organization object (see mock-exchange/org-config.ts), a JSON/YAML file, or undefined for
 *   the default organization (ex1, ex2; alice, bob, carol, dave; svc-imp with ApplicationImpersonation)
 */
export async function startMockExchange(
  organization?: OrganizationInput,
  options: StartMockExchangeOptions = {},
): Promise<RunningMockExchange> {
  const clock = clockFor(options.virtualTime);
  const config = organizationConfig(organization, clock.now(), options.freePorts ?? true);
  const mock = new MockExchange({
    config,
    clock,
    adminPort: options.adminApi === false ? null : 0,
    requestJournalCapacity: options.requestJournalCapacity,
  });
  await mock.start();
  return runningMockExchange(mock);
}

/** The test's view of an organization already running (startMockExchange's, or a lab's: `stopWith` stops the lab). */
export function runningMockExchange(
  mock: MockExchange,
  controls = clockControls(mock.clock),
  stopWith: () => Promise<void> = () => mock.stop(),
): RunningMockExchange {
  const agents = new Set<Agent>();
  const info = mock.readyInfo();
  const servers = info.servers.map((s) => ({
    ...s,
    ewsUrlByIp: mock.ewsUrl(s.name, 'ip'),
    autodiscoverUrl: `https://${s.fqdn}:${s.port}/autodiscover/autodiscover.svc`,
  }));
  let stopped: Promise<void> | undefined;
  return {
    servers,
    ewsUrls: Object.fromEntries(servers.map((s) => [s.name, s.ewsUrl])),
    autodiscoverUrl: servers[0]?.autodiscoverUrl ?? '',
    caPem: mock.pki.trustBundlePem,
    lookup: mock.hosts.lookup as never,
    httpsAgent: (opts = {}) => {
      const agent = new Agent({
        ca: mock.pki.trustBundlePem,
        lookup: mock.hosts.lookup as never,
        keepAlive: opts.keepAlive ?? false,
      });
      agents.add(agent);
      return agent;
    },
    accounts: info.accounts,
    mailboxes: info.mailboxes,
    adminUrl: info.adminUrl,
    adminToken: mock.adminApi?.token,
    admin: exchangeAdmin(mock),
    clock: controls,
    requests: new RequestLog(mock.requests),
    exchange: mock,
    stop: () => {
      stopped ??= (async () => {
        for (const a of agents) a.destroy();
        await stopWith();
        // Closed handles are released in the loop's close phase, after the check phase: resolve two turns on.
        for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
      })();
      return stopped;
    },
  };
}

function clockFor(virtualTime: StartMockExchangeOptions['virtualTime']): Clock {
  if (!virtualTime) return new SystemClock();
  const start =
    virtualTime === true || virtualTime.start === undefined
      ? Date.now()
      : instant(virtualTime.start, 'virtualTime.start');
  return new VirtualClock(start);
}
