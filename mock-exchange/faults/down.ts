import { NAME_ATTRIBUTE, type NetworkFaultDefinition } from './fault.ts';

/** toxiproxy's `enabled: false`: the listener is closed and every open connection dropped. */
export const down: NetworkFaultDefinition = {
  type: 'down',
  layer: 'network',
  acts: 'listener',
  summary: 'the listener is closed: connections are refused (ECONNREFUSED)',
  attributes: { name: NAME_ATTRIBUTE },
  explain: () => 'The server is down: its port is closed, so every connection attempt is refused.',
};
