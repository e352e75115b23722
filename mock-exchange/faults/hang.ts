import { inFlight } from '../../sim/in-flight.ts';
import { CONNECTION_COMMON, type NetworkFaultDefinition } from './fault.ts';

/** toxiproxy's `timeout` with timeout 0: bytes go in, nothing ever comes back. */
export const hang: NetworkFaultDefinition = {
  type: 'hang',
  layer: 'network',
  acts: 'connection',
  summary: 'accepts the connection and never answers (the client waits until its own deadline)',
  attributes: { ...CONNECTION_COMMON },
  explain: () =>
    'The server accepts the TCP connection, reads and discards whatever the client sends and never answers; ' +
    'the connection is closed only when the fault is removed.',
  takeOver: (_fault, socket, env) => {
    socket.once('close', inFlight(env.clock).hold('hang holds a connection'));
    socket.on('data', () => {});
  },
};
