import { after } from './after.ts';
import { CONNECTION_COMMON, type NetworkFaultDefinition, STREAM_ATTRIBUTE } from './fault.ts';

type SlowCloseAttributes = { delay: number; stream: 'upstream' | 'downstream' };

/** toxiproxy's `slow_close`: the end of the stream (FIN) is held back. */
export const slowClose: NetworkFaultDefinition<SlowCloseAttributes> = {
  type: 'slow-close',
  layer: 'network',
  acts: 'stream',
  summary: 'delays the close (FIN) of the connection by delay ms',
  attributes: {
    ...CONNECTION_COMMON,
    delay: { kind: 'ms', required: true, description: 'ms the FIN is held back' },
    stream: STREAM_ATTRIBUTE,
  },
  explain: (f) =>
    `When the ${f.stream === 'downstream' ? 'server' : 'client'} closes the connection, the close reaches the ` +
    `other side ${f.delay} ms later; data is not delayed.`,
  stream: (f) => f.stream,
  stage: (fault, next, env) => ({
    write: (chunk) => next.write(chunk),
    end: () => {
      after(env.clock, fault.delay, () => next.end());
    },
  }),
};
