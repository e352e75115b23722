import { after } from './after.ts';
import { CONNECTION_COMMON, type NetworkFaultDefinition } from './fault.ts';

type ResetAttributes = { timeout: number; on: 'data' | 'connect' };

/** toxiproxy's `reset_peer`: the connection ends with a TCP RST instead of a FIN. */
export const reset: NetworkFaultDefinition<ResetAttributes> = {
  type: 'reset',
  layer: 'network',
  acts: 'connection',
  summary: 'sends a TCP RST after the first bytes or N ms after accepting (ECONNRESET)',
  attributes: {
    ...CONNECTION_COMMON,
    on: {
      kind: 'enum',
      values: ['data', 'connect'],
      default: 'data',
      description: 'start the timeout when the first bytes arrive (data) or when the connection is accepted',
    },
    timeout: { kind: 'ms', default: 0, description: 'ms to wait before the RST' },
  },
  explain: (f) =>
    `The server resets the connection (TCP RST) ${f.timeout} ms after ${f.on === 'data' ? 'the client first sends bytes' : 'accepting it'}.`,
  takeOver: (fault, socket, env) => {
    const fire = () =>
      after(env.clock, fault.timeout, () => {
        if (!socket.destroyed) socket.resetAndDestroy();
      });
    if (fault.on === 'connect') fire();
    socket.once('data', () => {
      if (fault.on === 'data') fire();
    });
    socket.on('data', () => {});
  },
};
