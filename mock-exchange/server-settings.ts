import { certificateProfile } from './certs/certificate-control.ts';
import type { Fault } from './faults/fault.ts';
import { type FaultInputContext, parseFaults } from './faults/parse-fault.ts';
import { MockExchangeError } from './mock-exchange-error.ts';
import type { OrgConfig } from './org-config.ts';

/**
 * Check every server's `certificate` profile and `faults` in an organization config; returns the
 * faults per server. Errors name the path (`servers[1].faults[0].latency`) and the allowed values.
 */
export function serverSettingsFromConfig(config: OrgConfig, ctx: FaultInputContext): Map<string, Fault[]> {
  const faults = new Map<string, Fault[]>();
  for (const [i, server] of config.servers.entries()) {
    const path = `servers[${i}]`;
    try {
      if (server.certificate !== undefined) certificateProfile(server.certificate, `${path}.certificate`);
      faults.set(server.name, parseFaults(server.faults, `${path}.faults`, ctx));
    } catch (err) {
      if (err instanceof MockExchangeError && err.field !== undefined)
        throw MockExchangeError.at('INVALID_CONFIG', err.field, err.problem);
      throw err;
    }
  }
  return faults;
}
