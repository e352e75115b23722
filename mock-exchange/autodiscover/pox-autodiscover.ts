import { createHash } from 'node:crypto';
import { parseXml } from '../../ews/soap-request.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { AUTODISCOVER_NS, type MailboxSettings } from './autodiscover-namespaces.ts';

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

/** POX Autodiscover error codes: 500 unknown address, 600 invalid request, 601 unsupported response schema. */
export type PoxErrorCode = 500 | 600 | 601;

export type PoxRequest = { ok: true; address: string } | { ok: false; code: PoxErrorCode; message: string };

/** Read `<Autodiscover><Request><EMailAddress>` and check the AcceptableResponseSchema. */
export async function parsePoxRequest(body: string): Promise<PoxRequest> {
  let root: Awaited<ReturnType<typeof parseXml>>;
  try {
    root = await parseXml(body);
  } catch {
    return { ok: false, code: 600, message: 'Invalid Request' };
  }
  const address = root.name === 'Autodiscover' ? root.textAt('Request', 'EMailAddress') : undefined;
  if (!address) return { ok: false, code: 600, message: 'Invalid Request' };
  const schema = root.textAt('Request', 'AcceptableResponseSchema');
  if (schema !== undefined && schema !== AUTODISCOVER_NS.poxOutlook) {
    return { ok: false, code: 601, message: 'The requested schema version is not supported' };
  }
  return { ok: true, address };
}

/** Action "settings" with an EXCH (internal) and an EXPR (external) protocol, each naming EwsUrl. */
export function poxSettingsXml(s: MailboxSettings): string {
  const protocol = (type: 'EXCH' | 'EXPR', url: string) =>
    el('Protocol', null, txt('Type', type), txt('Server', s.serverFqdn), txt('ASUrl', url), txt('EwsUrl', url));
  return `${XML_DECL}${el(
    'Autodiscover',
    { xmlns: AUTODISCOVER_NS.poxResponse },
    el(
      'Response',
      { xmlns: AUTODISCOVER_NS.poxOutlook },
      el(
        'User',
        null,
        txt('DisplayName', s.displayName),
        txt('AutoDiscoverSMTPAddress', s.address),
        txt('DeploymentId', deploymentId(s.address)),
      ),
      el(
        'Account',
        null,
        txt('AccountType', 'email'),
        txt('Action', 'settings'),
        protocol('EXCH', s.internalEwsUrl),
        protocol('EXPR', s.externalEwsUrl),
      ),
    ),
  )}`;
}

export function poxErrorXml(code: PoxErrorCode, message: string, at: Date): string {
  return `${XML_DECL}${el(
    'Autodiscover',
    { xmlns: AUTODISCOVER_NS.poxResponse },
    el(
      'Response',
      null,
      el(
        'Error',
        { Time: `${at.toISOString().slice(11, 23)}0000`, Id: String(parseInt(deploymentId(message).slice(0, 8), 16)) },
        txt('ErrorCode', code),
        txt('Message', message),
        el('DebugData'),
      ),
    ),
  )}`;
}

/** A stable GUID-shaped id per mailbox, as Exchange reports a mailbox's deployment. */
function deploymentId(seed: string): string {
  const h = createHash('sha256').update(seed.toLowerCase()).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
