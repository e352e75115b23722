import { CONNECTION_COMMON, type NetworkFaultDefinition, STREAM_ATTRIBUTE } from './fault.ts';

type LimitDataAttributes = { bytes: number; stream: 'upstream' | 'downstream' };

/** toxiproxy's `limit_data`: the connection is closed once N bytes have passed. */
export const limitData: NetworkFaultDefinition<LimitDataAttributes> = {
  type: 'limit-data',
  layer: 'network',
  acts: 'stream',
  summary: 'forwards at most N bytes, then closes the connection',
  attributes: {
    ...CONNECTION_COMMON,
    bytes: { kind: 'bytes', required: true, description: 'bytes forwarded before the connection is closed' },
    stream: STREAM_ATTRIBUTE,
  },
  explain: (f) =>
    `After ${f.bytes} bytes ${f.stream === 'downstream' ? 'from the server' : 'from the client'} the connection ` +
    'is closed, cutting whatever was in flight (a TLS handshake or a response).',
  stream: (f) => f.stream,
  stage: (fault, next, env) => {
    let passed = 0;
    return {
      write: (chunk) => {
        if (passed >= fault.bytes) return;
        const part = chunk.subarray(0, fault.bytes - passed);
        passed += part.length;
        if (part.length > 0) next.write(part);
        if (passed >= fault.bytes) env.closeLink();
      },
      end: () => next.end(),
    };
  },
};
