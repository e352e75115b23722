import { EWS_AUTH_METHODS } from '../../gateway/ews-client/ntlm-handshake.ts';
import { t } from '../schema/spec.ts';
import { action } from './action.ts';

const hostArg = t.string().describe('Presence Gateway value: "fqdn" or "ip" of the server, or a literal host');

export const gatewayActions = [
  action({
    name: 'gateway.add',
    summary: 'Presence > Gateways > Add New: an Exchange - EWS Server gateway (its calendar word is fixed now)',
    args: t.object({
      name: t.string().ref('gateway', true),
      server: t.string().ref('server'),
      host: t.optional(hostArg),
      port: t.optional(t.int(1, 65535)),
    }),
    run: async (lab, a) => {
      const gw = lab.addGateway(a);
      return {
        summary: `added Presence Gateway ${gw.host}:${gw.port} (localecalendarname ${gw.localecalendarname})`,
        data: gw,
      };
    },
  }),
  action({
    name: 'gateway.update',
    summary: 'edit a Presence Gateway and Save (host or port)',
    args: t.object({
      gateway: t.string().ref('gateway'),
      host: t.optional(t.string()),
      port: t.optional(t.int(1, 65535)),
    }),
    run: async (lab, a) => {
      const gw = lab.imp.config.gateways.update(lab.gatewayId(a.gateway), { host: a.host, port: a.port });
      return { summary: `Presence Gateway ${a.gateway} is now ${gw.host}:${gw.port}`, data: gw };
    },
  }),
  action({
    name: 'gateway.account',
    summary: 'Presence Gateways: how the impersonation account authenticates (Basic or NTLM); engine restart needed',
    args: t.object({ auth: t.oneOf(EWS_AUTH_METHODS) }),
    run: async (lab, a) => {
      const account = lab.imp.config.gateways.account();
      if (!account) throw new Error('no impersonation account is configured');
      lab.imp.config.gateways.setAccount(account.accountName, account.password, a.auth);
      return { summary: `impersonation account ${account.accountName} authenticates with ${a.auth}` };
    },
  }),
  action({
    name: 'gateway.delete',
    summary: 'delete a Presence Gateway',
    args: t.object({ gateway: t.string().ref('gateway') }),
    run: async (lab, a) => {
      const gw = lab.imp.config.gateways.delete(lab.gatewayId(a.gateway));
      lab.gateways.delete(a.gateway);
      return { summary: `deleted Presence Gateway ${gw.host}:${gw.port}`, data: gw };
    },
  }),
];
