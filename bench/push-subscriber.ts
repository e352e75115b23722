/**
 * A push subscriber for bench/push-throughput, run as its own process so it does not share the mock's
 * event loop: answers every SendNotification with OK and reports when each arrived (epoch ms, sub-ms).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { NS } from '../ews/namespaces.ts';

const OK = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${NS.soap}"><soap:Body><m:SendNotificationResult xmlns:m="${NS.m}"><m:SubscriptionStatus>OK</m:SubscriptionStatus></m:SendNotificationResult></soap:Body></soap:Envelope>`;
const ID = /<t:SubscriptionId>([^<]+)<\/t:SubscriptionId>/;

let arrivals: [string, number][] = [];
let expected = Number.POSITIVE_INFINITY;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = performance.timeOrigin + performance.now();
    const id = ID.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '?';
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(OK);
    arrivals.push([id, at]);
    if (arrivals.length >= expected) report();
  });
});
server.keepAliveTimeout = 60_000;

function report(): void {
  process.send?.({ type: 'arrivals', arrivals });
  arrivals = [];
  expected = Number.POSITIVE_INFINITY;
}

process.on('message', (msg: { type: 'expect'; count: number } | { type: 'stop' }) => {
  if (msg.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    return;
  }
  expected = msg.count;
  if (arrivals.length >= expected) report();
});

server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});
