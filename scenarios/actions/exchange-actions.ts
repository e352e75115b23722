import { AUTH_METHODS, authenticationSettings, NTLM_RESPONSES } from '../../mock-exchange/auth/auth-settings.ts';
import { PROFILE_NAMES } from '../../mock-exchange/certs/profiles/index.ts';
import { serverThrottling } from '../../mock-exchange/throttling/server-throttling.ts';
import { durationSpec } from '../schema/lab-spec.ts';
import { t } from '../schema/spec.ts';
import { parseDuration } from '../sim-time.ts';
import { action } from './action.ts';

/** What the Exchange administrator (or the network) does to the organization while the lab runs. */
export const exchangeActions = [
  action({
    name: 'exchange.certificate',
    summary: 'the server presents another certificate (a new one, a regenerated one, a broken one)',
    args: t.object({ server: t.string().ref('server'), profile: t.oneOf(PROFILE_NAMES) }),
    run: async (lab, a) => {
      const p = await lab.exchange.setCertificateProfile(a.server, a.profile);
      return { summary: `${a.server} now presents the ${p.name} certificate: ${p.explain()}` };
    },
  }),
  action({
    name: 'exchange.fault',
    summary: 'add a network or Exchange fault to a server ({ type, ...attributes })',
    args: t.object({ server: t.string().ref('server'), fault: t.any('a fault { type, ...attributes }') }),
    run: async (lab, a) => {
      const f = await lab.exchange.faults.add(a.server, a.fault);
      return { summary: `fault ${f.type} on ${a.server}`, data: f };
    },
  }),
  action({
    name: 'exchange.clear-faults',
    summary: 'the network (or the server) recovers: remove every fault of a server',
    args: t.object({ server: t.string().ref('server') }),
    run: async (lab, a) => {
      await lab.exchange.faults.clear(a.server);
      return { summary: `no faults on ${a.server}` };
    },
  }),
  action({
    name: 'exchange.move-mailbox',
    summary: 'move a mailbox to another Exchange server (Exchange sends no signal about it)',
    args: t.object({
      mailbox: t.string().ref('mailbox'),
      to: t.string().ref('server'),
      window: t.optional(durationSpec().describe('ErrorMailboxMoveInProgress until the move completes')),
    }),
    run: async (lab, a) => {
      const r = lab.exchange.admin.moveMailbox(a.mailbox, a.to, a.window ? parseDuration(a.window) : 0);
      return { summary: `mailbox ${r.address} moves from ${r.from} to ${r.to}`, data: r };
    },
  }),
  action({
    name: 'exchange.authentication',
    summary: 'the Exchange administrator changes the authentication methods of the /EWS virtual directory',
    args: t.object({
      server: t.string().ref('server'),
      methods: t.array(t.oneOf(AUTH_METHODS), 1),
      ntlm: t.optional(t.array(t.oneOf(NTLM_RESPONSES))),
    }),
    run: async (lab, a) => {
      const server = lab.exchange.org.server(a.server);
      if (!server) throw new Error(`unknown server ${a.server}`);
      server.authentication = authenticationSettings(
        { methods: a.methods, ntlm: a.ntlm },
        'authentication',
        server.authentication,
      );
      return {
        summary: `${a.server} offers ${server.authentication.methods.join(', ')} on /EWS`,
        data: server.authentication,
      };
    },
  }),
  action({
    name: 'exchange.throttling',
    summary: 'the Exchange administrator changes the EWS throttling policy of a server (Set-ThrottlingPolicy)',
    args: t.object({
      server: t.string().ref('server'),
      policy: t.any('{ EWSMaxConcurrency, EWSMaxSubscriptions, ... }'),
    }),
    run: async (lab, a) => {
      const server = lab.exchange.org.server(a.server);
      if (!server) throw new Error(`unknown server ${a.server}`);
      server.throttling = serverThrottling(a.policy, server.version, 'policy', server.throttling);
      return { summary: `${a.server} throttling policy changed`, data: server.throttling };
    },
  }),
  action({
    name: 'exchange.restart-server',
    summary:
      'restart IIS/EWS on a server: it forgets every subscription it held; its HTTPS listener closes and reopens',
    args: t.object({
      server: t.string().ref('server'),
      down: t.optional(durationSpec().describe('how long the listener refuses connections (default: reopens at once)')),
    }),
    run: async (lab, a) => {
      const r = lab.exchange.admin.restartServer(a.server, a.down ? parseDuration(a.down) : 0);
      const down = r.downMs > 0 ? `, listener down for ${a.down}` : '';
      return { summary: `${a.server} restarted; ${r.lostSubscriptions} subscription(s) lost${down}`, data: r };
    },
  }),
];
