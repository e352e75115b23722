import { EwsError } from '../../ews/errors.ts';

/** A push subscription's URL must be an absolute http(s) URL, else ErrorInvalidPushSubscriptionUrl. */
export function validatePushUrl(url: string | undefined): URL {
  let parsed: URL | undefined;
  try {
    parsed = url ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) {
    throw new EwsError('ErrorInvalidPushSubscriptionUrl', {
      message: `The push subscription URL "${url ?? ''}" is invalid: it must be an absolute http or https URL.`,
    });
  }
  return parsed;
}
