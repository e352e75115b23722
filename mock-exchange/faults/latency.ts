import { DelayQueue } from './delay-queue.ts';
import { CONNECTION_COMMON, type NetworkFaultDefinition, STREAM_ATTRIBUTE } from './fault.ts';

type LatencyAttributes = { latency: number; jitter: number; stream: 'upstream' | 'downstream' };

/** toxiproxy's `latency`: every chunk is held latency ± jitter ms; order is kept. */
export const latency: NetworkFaultDefinition<LatencyAttributes> = {
  type: 'latency',
  layer: 'network',
  acts: 'stream',
  summary: 'delays every chunk of data by latency ± jitter ms',
  attributes: {
    ...CONNECTION_COMMON,
    latency: { kind: 'ms', required: true, description: 'ms added to every chunk' },
    jitter: { kind: 'ms', default: 0, description: 'random ± ms around latency, from the seeded random source' },
    stream: STREAM_ATTRIBUTE,
  },
  explain: (f) =>
    `Every chunk ${f.stream === 'downstream' ? 'the server sends' : 'the client sends'} is delayed by ` +
    `${f.latency} ms${f.jitter ? ` ± ${f.jitter} ms` : ''}.`,
  stream: (f) => f.stream,
  stage: (fault, next, env) => {
    const queue = new DelayQueue(env.clock);
    const delay = () => fault.latency + (fault.jitter ? Math.round((env.random() * 2 - 1) * fault.jitter) : 0);
    return {
      write: (chunk) => queue.push(delay(), () => next.write(chunk)),
      end: () => queue.push(0, () => next.end()),
    };
  },
};
