import { EwsError } from '../../ews/errors.ts';

/** How many distinct callback URLs stay parsed: a node's thousands of subscriptions name one or two. */
export const PARSED_PUSH_URL_LIMIT = 256;
/** Parsed URLs by their text, shared by every subscription that names it: nothing here changes a URL. */
const parsedUrls = new Map<string, Readonly<URL>>();

/** A push subscription's URL must be an absolute http(s) URL, else ErrorInvalidPushSubscriptionUrl. */
export function validatePushUrl(url: string | undefined): Readonly<URL> {
  const known = url === undefined ? undefined : parsedUrls.get(url);
  if (known) return known;
  let parsed: URL | undefined;
  try {
    parsed = url ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!url || !parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) {
    throw new EwsError('ErrorInvalidPushSubscriptionUrl', {
      message: `The push subscription URL "${url ?? ''}" is invalid: it must be an absolute http or https URL.`,
    });
  }
  // The oldest parsed first: Map keeps insertion order.
  if (parsedUrls.size >= PARSED_PUSH_URL_LIMIT) parsedUrls.delete(parsedUrls.keys().next().value as string);
  parsedUrls.set(url, parsed);
  return parsed;
}
