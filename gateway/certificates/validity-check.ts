import type { X509Certificate } from 'node:crypto';
import { isoDate } from './chain-rows.ts';
import { commonName } from './parse-certificates.ts';
import type { Finding } from './verification-outcome.ts';

/** Outside its validity dates at `now` (ms since the epoch, virtual clock). */
export function outsideValidity(cert: X509Certificate, now: number): boolean {
  return now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo);
}

/** DESIGN §3 rule 4, validity dates: the first certificate in the path (leaf upwards) not valid at `now`. */
export function checkValidity(certs: X509Certificate[], now: number): Finding | undefined {
  const c = certs.find((cert) => outsideValidity(cert, now));
  if (!c) return undefined;
  const when =
    now < Date.parse(c.validFrom) ? `is not valid before ${isoDate(c.validFrom)}` : `expired on ${isoDate(c.validTo)}`;
  return { outcome: 'validity', detail: `validity: "${commonName(c.subject)}" ${when}` };
}
