import { t } from '../schema/spec.ts';
import { action } from './action.ts';

/** The lab network between IM&P and Exchange (the hosts table): a host goes away or comes back. */
export const networkActions = [
  action({
    name: 'network.host',
    summary: 'take a host off the network (a firewall, a routing problem) or bring it back',
    args: t.object({ host: t.string().ref('host'), up: t.boolean() }),
    run: async (lab, a) => {
      lab.lab.hosts.setUp(a.host, a.up);
      return { summary: `${a.host} is ${a.up ? 'reachable again' : 'unreachable from IM&P'}` };
    },
  }),
  action({
    name: 'network.icmp-blocked',
    summary: 'a firewall drops ICMP to an Exchange server (or lets it through again); TCP still connects',
    args: t.object({ server: t.string().ref('server'), blocked: t.boolean() }),
    run: async (lab, a) => {
      const s = lab.exchange.org.server(a.server);
      if (!s) throw new Error(`unknown Exchange server "${a.server}"`);
      lab.lab.hosts.setIcmpBlocked(s.fqdn, a.blocked);
      return { summary: `ICMP to ${s.fqdn} is ${a.blocked ? 'dropped' : 'let through again'}` };
    },
  }),
];
