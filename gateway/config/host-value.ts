import { isIP } from 'node:net';
import { isValidHostname } from '../../sim/network.ts';
import { GatewayError } from '../gateway-error.ts';

/** Validate the Presence Gateway value: an FQDN or an IP address, as IM&P accepts it. */
export function validateGatewayHost(raw: unknown): string {
  const host = typeof raw === 'string' ? raw.trim() : '';
  if (host === '')
    throw new GatewayError('INVALID_HOST', 'Presence Gateway is required (an FQDN or an IP address)', 'host');
  if (isIP(host)) return host;
  if (/^[\d.]+$/.test(host)) throw new GatewayError('INVALID_HOST', `"${host}" is not a valid IP address`, 'host');
  if (!isValidHostname(host) || !host.includes('.')) {
    throw new GatewayError('INVALID_HOST', `"${host}" is not a valid FQDN or IP address`, 'host');
  }
  return host.toLowerCase();
}

export function validatePort(raw: unknown): number {
  const port = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new GatewayError(
      'INVALID_PORT',
      `Presence Gateway Port must be an integer from 1 to 65535, got "${String(raw)}"`,
      'port',
    );
  }
  return port;
}
