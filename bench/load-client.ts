import { Agent, request } from 'node:https';

/** What the load client is told to do: one URL, one body, keep-alive HTTPS with C requests in flight. */
export interface LoadJob {
  host: string;
  port: number;
  servername: string;
  path: string;
  ca: string;
  headers: Record<string, string>;
  body: string;
  concurrency: number;
  warmup: number;
  /** Stop after this many measured requests... */
  requests: number;
  /** ...or after this many seconds, whichever comes first. */
  seconds: number;
}

export interface LoadResult {
  completed: number;
  elapsedMs: number;
  statuses: Record<number, number>;
  replyBytes: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  sockets: number;
}

function once(agent: Agent, job: LoadJob): Promise<{ status: number; bytes: number; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: job.host,
        port: job.port,
        servername: job.servername,
        path: job.path,
        method: 'POST',
        agent,
        headers: { ...job.headers, 'Content-Length': Buffer.byteLength(job.body) },
      },
      (res) => {
        // Captured now: a keep-alive agent detaches the socket from the response at 'end'.
        const socket = res.socket;
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, socket }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(job.body);
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency, ca: job.ca });
  const sockets = new Set<unknown>();
  for (let i = 0; i < job.warmup; i += job.concurrency) {
    await Promise.all(Array.from({ length: job.concurrency }, () => once(agent, job)));
  }
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  let replyBytes = 0;
  let started = 0;
  const start = performance.now();
  const deadline = start + job.seconds * 1000;
  const worker = async () => {
    while (started < job.requests && performance.now() < deadline) {
      started++;
      const t = performance.now();
      const r = await once(agent, job);
      latencies.push(performance.now() - t);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      replyBytes = r.bytes;
      sockets.add(r.socket);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    completed: latencies.length,
    elapsedMs,
    statuses,
    replyBytes,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: latencies.at(-1) ?? 0 },
    sockets: sockets.size,
  };
}

// Runs as a child process (IPC): the load generator neither shares the servers' event loop nor shows up
// in their process's CPU time, which is what the benchmark divides by the request count.
if (process.send) {
  process.once('message', (job: LoadJob) => {
    run(job).then(
      (result) => process.send?.({ result }, () => process.exit(0)),
      (err: unknown) =>
        process.send?.({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(1)),
    );
  });
}
