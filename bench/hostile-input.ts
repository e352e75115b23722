/**
 * A flood of hostile push notifications against an IM&P node run with a 256 MB heap: 1,000 SendNotification
 * requests of 900 KB, each with an unknown 900 KB SubscriptionId, from a configured gateway's address.
 * Prints the node's RSS before, at its peak and after, and the size of debug.log with its rotations.
 *
 *   npx tsx bench/hostile-input.ts [--posts 1000] [--concurrency 8]
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { posts: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '8' } },
});
const POSTS = Number(values.posts);
const CONCURRENCY = Number(values.concurrency);

const child = fork(fileURLToPath(new URL('./hostile-input-node.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx', '--max-old-space-size=256'],
});
const ready = await new Promise<{ url: string; dir: string }>((resolve, reject) => {
  child.once('message', (m) => resolve(m as { url: string; dir: string }));
  child.once('exit', (code) => reject(new Error(`the node exited (${code}) before it was ready`)));
});

const rssMb = (): number => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};
const logBytes = (): number =>
  readdirSync(ready.dir)
    .filter((f) => f.startsWith('debug.log'))
    .reduce((n, f) => n + statSync(join(ready.dir, f)).size, 0);

const notification = (id: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap11:Envelope xmlns:soap11="http://schemas.xmlsoap.org/soap/envelope/"><soap11:Body><m:SendNotification xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:SendNotificationResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Notification><t:SubscriptionId>${id}</t:SubscriptionId><t:StatusEvent><t:Watermark>AQ==</t:Watermark></t:StatusEvent></m:Notification></m:SendNotificationResponseMessage></m:ResponseMessages></m:SendNotification></soap11:Body></soap11:Envelope>`;

const post = (body: Buffer): Promise<number> =>
  new Promise((resolve) => {
    const req = request(ready.url, {
      method: 'POST',
      localAddress: '127.0.0.1',
      headers: { 'content-type': 'text/xml; charset=utf-8', 'content-length': body.length },
    });
    req.on('error', () => resolve(0));
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.end(body);
  });

const before = rssMb();
let peak = before;
const statuses = new Map<number, number>();
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < POSTS) {
      const i = next++;
      const body = Buffer.from(notification(`AAMk${i}\n${'A'.repeat(900 * 1024)}`));
      const status = await post(body);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      peak = Math.max(peak, rssMb());
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
const alive = child.exitCode === null;
process.stdout.write(
  `${[
    `hostile push notifications: ${POSTS} x 900 KB (unknown SubscriptionIds), ${CONCURRENCY} at a time, node heap limit 256 MB`,
    `  node alive after the flood: ${alive ? 'yes' : 'NO'}`,
    `  answers: ${[...statuses].map(([s, n]) => `${s === 0 ? 'no answer' : `HTTP ${s}`} x ${n}`).join(', ')}`,
    `  node RSS: ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak, ${alive ? rssMb().toFixed(0) : '-'} MB after`,
    `  debug.log with rotations: ${(logBytes() / 1024).toFixed(0)} KB`,
    `  ${(POSTS / seconds).toFixed(0)} notifications/s (${seconds.toFixed(1)} s)`,
  ].join('\n')}\n`,
);
child.send({ type: 'stop' });
