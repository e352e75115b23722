/**
 * A server the wrk comparison measures the mock against, in a process of its own (bench/ews-throughput-wrk.ts
 * forks it), sending the mock's reply byte for byte. Alone in its process, its heap and collections are its own,
 * as the mock's are in the bench's process.
 *   bare            a node HTTPS server that reads the body and sends the bytes: TLS and HTTP, nothing more
 *   parse-floor     the same, after parsing the body with the mock's own SOAP reader (sax): what no sax-based
 *                   server can beat, however little else it does
 *   mockttp         getLocal() with a static rule, as mockttp comes (it keeps every request and reply it saw)
 *   mockttp-unrecorded  the same with recordTraffic off: mockttp at its best for a static rule
 *
 * Messages in: {type:'start', kind, keyPem, certPem, reply (base64)}, {type:'cpu'}, {type:'stop'}.
 * Messages out: {type:'listening', port}, {type:'cpu', micros} (this process's user + system CPU). A server that
 * cannot start says why on stderr and exits; the bench, waiting for it, stops there.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { getLocal } from 'mockttp';
import { applyBenchHeapGrowth, productModule } from './product.ts';
import type { FromPeer, ToPeer } from './wrk-peers.ts';

const send = (m: FromPeer) => process.send?.(m);

async function start(m: Extract<ToPeer, { type: 'start' }>): Promise<{ port: number; stop: () => Promise<void> }> {
  const reply = Buffer.from(m.reply, 'base64');
  const headers = { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(reply.length) };
  if (m.kind === 'bare' || m.kind === 'parse-floor') {
    const parse = m.kind === 'parse-floor';
    const readSoapRequest = parse
      ? (await productModule<typeof import('../ews/soap-request.ts')>('ews/soap-request')).readSoapRequest
      : undefined;
    let elements = 0;
    const bare = createServer({ key: m.keyPem, cert: m.certPem }, (req, res) => {
      const chunks: Buffer[] = [];
      if (readSoapRequest) req.on('data', (chunk: Buffer) => chunks.push(chunk));
      else req.resume();
      req.on('end', () => {
        if (readSoapRequest) elements += readSoapRequest(Buffer.concat(chunks).toString('utf8')).body.children.length;
        res.writeHead(200, headers);
        res.end(reply);
      });
    });
    bare.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    return {
      port: (bare.address() as AddressInfo).port,
      stop: () =>
        new Promise<void>((resolve) =>
          bare.close(() => {
            // The parse's result is used, so it cannot be optimized away.
            if (parse && elements === 0) process.stderr.write('parse-floor: parsed no elements\n');
            resolve();
          }),
        ),
    };
  }
  const mockttp = getLocal({ https: { key: m.keyPem, cert: m.certPem }, recordTraffic: m.kind === 'mockttp' });
  await mockttp.start();
  await mockttp.forPost('/EWS/Exchange.asmx').thenReply(200, reply, headers);
  return { port: mockttp.port, stop: () => mockttp.stop() };
}

// The same heap settings as the bench's process (and as pgsim runs), so no server gains from a setting another lacks.
applyBenchHeapGrowth();
let running: { stop: () => Promise<void> } | undefined;
// Never outlive the bench, however it ends.
process.on('disconnect', () => process.exit(0));
process.on('message', (m: ToPeer) => {
  if (m.type === 'start') {
    start(m).then(
      (s) => {
        running = s;
        send({ type: 'listening', port: s.port });
      },
      (err: unknown) => {
        process.stderr.write(`wrk peer ${m.kind}: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  } else if (m.type === 'cpu') {
    const used = process.cpuUsage();
    send({ type: 'cpu', micros: used.user + used.system });
  } else if (m.type === 'stop') {
    void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
