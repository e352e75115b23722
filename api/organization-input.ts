import { loadOrgConfig } from '../cli/commands/mock-exchange.ts';
import { defaultOrgConfig } from '../mock-exchange/default-org.ts';
import type { OrgConfig } from '../mock-exchange/org-config.ts';

/** An organization object, a file (JSON, or YAML when named .yaml/.yml), or undefined for the default one. */
export type OrganizationInput = OrgConfig | string | undefined;

/**
 * The organization to start; `now` dates the default organization's meetings. With `freePorts` every server
 * listens on a port the system picks, so suites running in parallel never collide.
 */
export function organizationConfig(input: OrganizationInput, now: number, freePorts: boolean): OrgConfig {
  const config =
    input === undefined ? defaultOrgConfig(new Date(now)) : typeof input === 'string' ? loadOrgConfig(input) : input;
  if (!freePorts || typeof config !== 'object' || config === null || !Array.isArray(config.servers)) return config;
  return { ...config, servers: config.servers.map((s) => ({ ...s, port: 0 })) };
}
