import { describe, expect, it } from 'vitest';
import { CHAIN_OUTCOMES } from '../../../../gateway/certificates/verification-outcome.ts';
import { SSL_LABEL_FOR } from '../../../../gateway/status/ssl-label-table.ts';
import { SSL_LABELS } from '../../../../gateway/status/status-labels.ts';

/** Every outcome the probe and the verifier can return, with the label DESIGN §3 gives it (rule in the comment). */
const EXPECTED = {
  refused: 'Failed - Network Error', // rule 1
  reset: 'Failed - Network Error', // rule 1
  timeout: 'Failed - Network Error', // rule 1
  unreachable: 'Failed - Network Error', // rule 1: no answer
  'not-resolved': 'Failed', // rule 2
  handshake: 'Failed', // rule 2
  'no-certificate': 'Failed', // rule 2: the handshake gave nothing to judge
  'missing-issuer': 'Failed - Certificate Missing From Chain', // rule 3
  'untrusted-root': 'Failed - Certificate Missing From Chain', // rule 3
  'bad-signature': 'Failed - Bad Certificates', // rule 4
  'unsupported-algorithm': 'Failed - Bad Certificates', // rule 4
  'weak-key': 'Failed - Bad Certificates', // rule 4
  validity: 'Failed - Bad Certificates', // rule 4
  'server-auth-eku': 'Failed - Bad Certificates', // rule 4
  'cn-mismatch': 'Failed - Subject CN Mismatch', // rule 5
  'san-mismatch': 'Failed - SAN Mismatch', // rule 5
  purpose: 'Failed', // "the certificate is not for server use" (status help for Failed)
  verified: 'Verified', // rule 6
} as const;

describe('the one table from verification outcome to SSL label', () => {
  it('names every outcome, each with the label of its DESIGN §3 rule', () => {
    expect({ ...SSL_LABEL_FOR }).toEqual(EXPECTED);
  });
  it('covers every chain outcome the verifier declares', () => {
    for (const o of CHAIN_OUTCOMES) expect(Object.keys(SSL_LABEL_FOR)).toContain(o);
  });
  it('reaches every label of the status area and nothing else', () => {
    expect(new Set(Object.values(SSL_LABEL_FOR))).toEqual(new Set(SSL_LABELS));
  });
  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(SSL_LABEL_FOR)).toBe(true);
  });
});
