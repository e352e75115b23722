import { MockExchangeError } from '../mock-exchange-error.ts';

/** What IIS can offer on the /EWS virtual directory (Windows Authentication = Negotiate + NTLM providers). */
export const AUTH_METHODS = ['Negotiate', 'NTLM', 'Basic'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
/** The NTLM responses a server accepts (LmCompatibilityLevel 5 on the domain controller = NTLMv2 only). */
export const NTLM_RESPONSES = ['NTLMv1', 'NTLMv2'] as const;
export type NtlmResponse = (typeof NTLM_RESPONSES)[number];

/** As written in the organization file or sent to the admin API. */
export interface AuthenticationConfig {
  methods?: AuthMethod[];
  ntlm?: NtlmResponse[];
}

export interface AuthenticationSettings {
  methods: AuthMethod[];
  ntlm: NtlmResponse[];
}

export const DEFAULT_AUTHENTICATION: AuthenticationSettings = {
  methods: ['Negotiate', 'NTLM', 'Basic'],
  ntlm: ['NTLMv1', 'NTLMv2'],
};

/** Check an authentication setting; methods keep IIS's order whatever order they were written in. */
export function authenticationSettings(
  value: unknown,
  field: string,
  base: AuthenticationSettings = DEFAULT_AUTHENTICATION,
): AuthenticationSettings {
  if (value === undefined) return { methods: [...base.methods], ntlm: [...base.ntlm] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw MockExchangeError.at('INVALID_VALUE', field, 'must be an object { methods?, ntlm? }');
  }
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (key !== 'methods' && key !== 'ntlm') {
      throw MockExchangeError.at('INVALID_VALUE', `${field}.${key}`, 'unknown setting; allowed: methods, ntlm');
    }
  }
  const methods = v.methods === undefined ? base.methods : list(v.methods, `${field}.methods`, AUTH_METHODS);
  const ntlm = v.ntlm === undefined ? base.ntlm : list(v.ntlm, `${field}.ntlm`, NTLM_RESPONSES);
  if (methods.length === 0)
    throw MockExchangeError.at('INVALID_VALUE', `${field}.methods`, 'needs at least one of Negotiate, NTLM, Basic');
  if (methods.some((m) => m !== 'Basic') && ntlm.length === 0) {
    throw MockExchangeError.at('INVALID_VALUE', `${field}.ntlm`, 'NTLM and Negotiate need NTLMv1 or NTLMv2');
  }
  return { methods, ntlm };
}

function list<T extends string>(value: unknown, field: string, allowed: readonly T[]): T[] {
  if (!Array.isArray(value))
    throw MockExchangeError.at('INVALID_VALUE', field, `must be a list of ${allowed.join(', ')}`);
  for (const item of value) {
    if (!(allowed as readonly unknown[]).includes(item)) {
      throw MockExchangeError.at('INVALID_VALUE', field, `"${String(item)}" is not one of ${allowed.join(', ')}`);
    }
  }
  return allowed.filter((a) => value.includes(a));
}

/** The WWW-Authenticate values of a 401: exactly the enabled methods, in IIS's order. */
export function challengeHeaders(settings: AuthenticationSettings, fqdn: string): string[] {
  return settings.methods.map((m) => (m === 'Basic' ? `Basic realm="${fqdn}"` : m));
}
