import express from 'express';
import { CERTIFICATE_PROFILES } from '../../mock-exchange/certs/profiles/index.ts';
import { FAULT_DEFINITIONS } from '../../mock-exchange/faults/index.ts';
import { faultDefinition } from '../../mock-exchange/faults/parse-fault.ts';
import type { LabHost } from '../lab-host.ts';

/**
 * The Exchange page in one read: servers with their certificate profile and faults, the catalogs of
 * profiles and fault types, and the mailboxes with their home server. Changes go through /exchange/api.
 */
export function exchangeViewRoutes(host: LabHost): express.Router {
  const r = express.Router();
  r.get('/exchange', (_req, res) => {
    const { exchange } = host.current.lab;
    res.json({
      servers: [...exchange.org.servers.values()].map((s) => {
        const profile = exchange.certificates.profile(s.name);
        return {
          name: s.name,
          fqdn: s.fqdn,
          ip: s.ip,
          port: s.port,
          profile: { name: profile.name, status: profile.status, explain: profile.explain() },
          faults: exchange.faults.list(s.name).map((f) => ({
            type: f.type,
            name: f.name,
            explain: faultDefinition(f).explain(f),
          })),
        };
      }),
      profiles: [...CERTIFICATE_PROFILES.values()].map((p) => ({
        name: p.name,
        status: p.status,
        explain: p.explain(),
      })),
      faultTypes: [...FAULT_DEFINITIONS.values()].map((d) => ({ type: d.type, layer: d.layer, summary: d.summary })),
      mailboxes: [...exchange.org.mailboxes.values()].map((m) => ({
        address: m.address,
        displayName: m.displayName,
        homeServer: m.homeServer,
      })),
    });
  });
  return r;
}
