import { lookup as dnsLookup, type LookupOptions } from 'node:dns';
import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { SEND_NOTIFICATION_ACTION } from '../../ews/namespaces.ts';
import { parseSendNotificationResult, type SubscriptionStatus } from '../../ews/send-notification.ts';
import type { Clock } from '../../sim/clock.ts';
import { inFlight } from '../../sim/in-flight.ts';
import type { HostsTable, LookupCallback } from '../../sim/network.ts';

/** Why a push got no usable answer; each counts as "the subscriber did not answer" and is retried. */
export type PushFailure = 'connect' | 'timeout' | 'http-status' | 'unparsable';

export type PushOutcome = { status: SubscriptionStatus } | { status: 'failed'; failure: PushFailure; detail: string };

const MAX_REPLY_BYTES = 64 * 1024;

export interface PushSenderOptions {
  clock: Clock;
  /** The lab's hosts table; names it does not know fall back to the system resolver. */
  hosts?: HostsTable;
  /** How long (sim time) to wait for the subscriber's reply. */
  timeoutMs: number;
  /** Concurrent connections per subscriber host. */
  maxSockets: number;
}

/** POSTs SendNotification requests and reads SendNotificationResult replies; never throws. */
export class PushSender {
  readonly #http: HttpAgent;
  readonly #https: HttpsAgent;
  readonly #inflight = new Set<ClientRequest>();
  /** Pushes decided but not yet on the wire (batched to the end of the turn). */
  #held = 0;
  readonly #heldWork: (() => void)[] = [];

  constructor(readonly options: PushSenderOptions) {
    const lookup = this.#lookup;
    this.#http = new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets, lookup } as never);
    this.#https = new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets, lookup } as never);
  }

  /** Pushes on the wire or about to be (batched to the end of the turn): the lab waits for zero before moving virtual time. */
  get inFlight(): number {
    return this.#inflight.size + this.#held;
  }

  hold(): void {
    this.#held++;
    this.#heldWork.push(inFlight(this.options.clock).begin('push batched for delivery'));
  }

  release(): void {
    this.#held = Math.max(0, this.#held - 1);
    this.#heldWork.pop()?.();
  }

  /**
   * POST one SendNotification. From `source` when both ends are loopback addresses (each lab server has its
   * own 127.x address, and the subscriber checks who pushes); elsewhere the system picks the source.
   */
  send(url: Readonly<URL>, xml: string, source?: string): Promise<PushOutcome> {
    const target = isIP(url.hostname) ? url.hostname : this.options.hosts?.resolve(url.hostname);
    const localAddress = source?.startsWith('127.') && target?.startsWith('127.') ? source : undefined;
    return new Promise<PushOutcome>((resolve) => {
      let settled = false;
      const { clock } = this.options;
      const over = inFlight(clock).begin(`SendNotification to ${url.host}`);
      const finish = (outcome: PushOutcome) => {
        if (settled) return;
        settled = true;
        over();
        clock.clearTimeout(timer);
        this.#inflight.delete(req);
        resolve(outcome);
      };
      const body = Buffer.from(xml, 'utf8');
      const https = url.protocol === 'https:';
      const req = (https ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: https ? this.#https : this.#http,
        localAddress,
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          'Content-Length': body.length,
          SOAPAction: SEND_NOTIFICATION_ACTION,
          'User-Agent': 'ExchangeServicesClient/15.01.2507.006',
        },
      });
      this.#inflight.add(req);
      const timer = clock.setTimeout(() => {
        finish({ status: 'failed', failure: 'timeout', detail: `no reply within ${this.options.timeoutMs} ms` });
        req.destroy();
      }, this.options.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        finish({ status: 'failed', failure: 'connect', detail: err.code ?? err.message });
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_REPLY_BYTES) chunks.push(c);
        });
        res.on('error', (err: NodeJS.ErrnoException) => {
          finish({ status: 'failed', failure: 'connect', detail: err.code ?? err.message });
        });
        res.on('end', () => {
          if (res.statusCode !== 200) {
            finish({ status: 'failed', failure: 'http-status', detail: `HTTP ${res.statusCode}` });
            return;
          }
          if (size > MAX_REPLY_BYTES) {
            finish({ status: 'failed', failure: 'unparsable', detail: `reply larger than ${MAX_REPLY_BYTES} bytes` });
            return;
          }
          parseSendNotificationResult(Buffer.concat(chunks).toString('utf8')).then(
            (status) => finish({ status }),
            (err: Error) => finish({ status: 'failed', failure: 'unparsable', detail: err.message }),
          );
        });
      });
      req.end(body);
    });
  }

  /** Abort every request in flight and drop pooled connections. */
  close(): void {
    for (const req of this.#inflight) req.destroy();
    this.#inflight.clear();
    this.#http.destroy();
    this.#https.destroy();
  }

  readonly #lookup = (hostname: string, options: LookupOptions, cb: LookupCallback): void => {
    const hosts = this.options.hosts;
    if (hosts?.resolve(hostname)) hosts.lookup(hostname, options, cb);
    else dnsLookup(hostname, options, cb as never);
  };
}
