import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../../ews/errors.ts';
import { PARSED_PUSH_URL_LIMIT, validatePushUrl } from '../../../../mock-exchange/notifications/push-url.ts';

function refusal(url: string | undefined): EwsError {
  try {
    validatePushUrl(url);
  } catch (err) {
    if (err instanceof EwsError) return err;
    throw err;
  }
  throw new Error(`${url} was taken`);
}

describe('validatePushUrl', () => {
  it('refuses what is not an absolute http or https URL with ErrorInvalidPushSubscriptionUrl, quoting it', () => {
    for (const bad of [undefined, '', 'not a url', 'ftp://imp.example.test/x', '/relative/path', 'https://']) {
      const err = refusal(bad);
      expect(err.code).toBe('ErrorInvalidPushSubscriptionUrl');
      expect(err.message).toBe(
        `The push subscription URL "${bad ?? ''}" is invalid: it must be an absolute http or https URL.`,
      );
    }
  });

  it('parses each callback URL once: every subscription naming it shares the parsed URL', () => {
    const a = validatePushUrl('https://imp1.example.test:8443/notify');
    const b = validatePushUrl('https://imp1.example.test:8443/notify');
    expect(b).toBe(a);
    expect(a.hostname).toBe('imp1.example.test');
    expect(a.port).toBe('8443');
    expect(validatePushUrl('http://imp1.example.test:8443/notify')).not.toBe(a);
  });

  it(`keeps at most ${PARSED_PUSH_URL_LIMIT} parsed URLs, the oldest dropped first`, () => {
    const first = validatePushUrl('https://oldest.example.test/notify');
    for (let i = 0; i < PARSED_PUSH_URL_LIMIT; i++) validatePushUrl(`https://imp.example.test/n${i}`);
    const again = validatePushUrl('https://oldest.example.test/notify');
    expect(again).not.toBe(first);
    expect(again.href).toBe(first.href);
    // The newest are still kept.
    const last = `https://imp.example.test/n${PARSED_PUSH_URL_LIMIT - 1}`;
    expect(validatePushUrl(last)).toBe(validatePushUrl(last));
  });
});
