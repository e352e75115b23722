import { after } from './after.ts';
import { CONNECTION_COMMON, type NetworkFaultDefinition } from './fault.ts';

type CloseAttributes = { timeout: number };

/** toxiproxy's `timeout` with a positive timeout, or an upstream that is down behind the proxy. */
export const close: NetworkFaultDefinition<CloseAttributes> = {
  type: 'close',
  layer: 'network',
  acts: 'connection',
  summary: 'accepts, then closes with a FIN before any TLS handshake',
  attributes: {
    ...CONNECTION_COMMON,
    timeout: { kind: 'ms', default: 0, description: 'ms after accepting before the FIN' },
  },
  explain: (f) =>
    `The server accepts the TCP connection and closes it cleanly (FIN) ${f.timeout} ms later, before any TLS ` +
    'handshake, discarding what the client sent.',
  takeOver: (fault, socket, env) => {
    socket.on('data', () => {});
    after(env.clock, fault.timeout, () => {
      if (!socket.destroyed) socket.end();
    });
  },
};
