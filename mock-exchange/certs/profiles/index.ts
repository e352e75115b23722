import type { CertificateProfile } from '../certificate-profile.ts';
import { badSignature } from './bad-signature.ts';
import { clientAuthOnly } from './client-auth-only.ts';
import { cnMismatch } from './cn-mismatch.ts';
import { exchangeSelfSigned } from './exchange-self-signed.ts';
import { expired } from './expired.ts';
import { md5 } from './md5.ts';
import { missingIntermediate } from './missing-intermediate.ts';
import { notYetValid } from './not-yet-valid.ts';
import { regenerated } from './regenerated.ts';
import { rsa512 } from './rsa-512.ts';
import { sanMismatch } from './san-mismatch.ts';
import { sha1 } from './sha1.ts';
import { tls10Only } from './tls-1.0-only.ts';
import { untrustedRoot } from './untrusted-root.ts';
import { valid } from './valid.ts';
import { wildcard } from './wildcard.ts';

/** Every certificate profile a server can present, keyed by name. */
export const CERTIFICATE_PROFILES: ReadonlyMap<string, CertificateProfile> = new Map(
  [
    valid,
    exchangeSelfSigned,
    missingIntermediate,
    untrustedRoot,
    cnMismatch,
    sanMismatch,
    wildcard,
    regenerated,
    badSignature,
    md5,
    sha1,
    rsa512,
    expired,
    notYetValid,
    clientAuthOnly,
    tls10Only,
  ].map((p) => [p.name, p]),
);

export const PROFILE_NAMES: readonly string[] = [...CERTIFICATE_PROFILES.keys()];
