import type { OrgConfig } from '../../mock-exchange/org-config.ts';

/** The organization the EWS client tests run `pgsim mock-exchange` with: its own loopback addresses, fixed days. */
export const CLIENT_ORG: OrgConfig = {
  domain: 'clients.test',
  seed: 'clients',
  servers: [{ name: 'cas1', fqdn: 'cas1.clients.test', ip: '127.0.40.1', port: 0 }],
  accounts: [{ user: 'svc-clients', password: 'Clients-Passw0rd', impersonation: true }],
  mailboxes: [
    {
      address: 'erin@clients.test',
      server: 'cas1',
      meetings: [
        { subject: 'Budget review', start: '2030-05-06T10:00:00Z', end: '2030-05-06T11:00:00Z', freeBusy: 'Busy' },
        {
          subject: 'Morning stand-up',
          start: '2030-05-01T08:30:00Z',
          end: '2030-05-01T08:45:00Z',
          recurrence: { pattern: 'daily', occurrences: 30 },
        },
      ],
    },
    {
      address: 'frank@clients.test',
      server: 'cas1',
      locale: 'de_DE',
      meetings: [{ subject: 'Planung', start: '2030-05-06T13:00:00Z', end: '2030-05-06T14:00:00Z' }],
    },
  ],
};

/** The day the client tests view (both mailboxes have meetings on it). */
export const CLIENT_DAY = '2030-05-06';
