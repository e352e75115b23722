import ntlmClient from '@ewsjs/ntlm-client';

const { createType1Message, createType3Message, decodeType2Message } = ntlmClient;

/** How the Presence Engine authenticates the impersonation account on /EWS. */
export const EWS_AUTH_METHODS = ['Basic', 'NTLM'] as const;
export type EwsAuthMethod = (typeof EWS_AUTH_METHODS)[number];

export function isEwsAuthMethod(v: unknown): v is EwsAuthMethod {
  return typeof v === 'string' && (EWS_AUTH_METHODS as readonly string[]).includes(v);
}

const WORKSTATION = 'IMP';

/** "DOMAIN\\user" splits into its NetBIOS domain and user; a bare name or UPN has no domain. */
function splitAccount(accountName: string): { user: string; domain: string } {
  const slash = accountName.indexOf('\\');
  return slash > 0
    ? { user: accountName.slice(slash + 1), domain: accountName.slice(0, slash).toUpperCase() }
    : { user: accountName, domain: '' };
}

/** The NEGOTIATE message, as the Authorization header value. */
export function ntlmNegotiate(accountName: string): string {
  return createType1Message(WORKSTATION, splitAccount(accountName).domain);
}

/**
 * The AUTHENTICATE message answering the server's CHALLENGE (a WWW-Authenticate value); undefined when the 401
 * carries no NTLM challenge (the server does not offer NTLM). IM&P answers with an NTLMv2 response.
 */
export function ntlmAuthenticate(
  wwwAuthenticate: string | string[] | undefined,
  accountName: string,
  password: string,
): string | undefined {
  const values = Array.isArray(wwwAuthenticate) ? wwwAuthenticate : (wwwAuthenticate ?? '').split(/,\s*/);
  const challenge = values.find((v) => /^NTLM [A-Za-z0-9+/=]+$/.test(v.trim()));
  if (!challenge) return undefined;
  let type2: ReturnType<typeof decodeType2Message>;
  try {
    type2 = decodeType2Message(challenge.trim());
  } catch {
    return undefined;
  }
  if (!type2.targetInfo) return undefined;
  const { user, domain } = splitAccount(accountName);
  return createType3Message({ ...type2, version: 2 }, user, password, WORKSTATION, domain || undefined);
}
