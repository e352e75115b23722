/**
 * Certificate validity windows. Two clocks judge a certificate: the sim Clock (the gateway, scenarios)
 * and the wall clock (real TLS clients such as Node, openssl, curl). They may be years apart, so a
 * window meant to be good covers both instants, and a window meant to be bad is bad for both.
 */
export const DAY = 86_400_000;
export const YEAR = 365 * DAY;

export interface ValidityInstants {
  /** The sim Clock's now. */
  sim: number;
  /** The wall clock's now. */
  wall: number;
}

export interface ValidityWindow {
  notBefore: Date;
  notAfter: Date;
}

/** Valid from `before` ms ahead of the earlier instant until `after` ms past the later one. */
export function validAround(now: ValidityInstants, before: number, after: number): ValidityWindow {
  return {
    notBefore: new Date(Math.min(now.sim, now.wall) - before),
    notAfter: new Date(Math.max(now.sim, now.wall) + after),
  };
}

/** A one-year certificate that ended 30 days before the earlier instant: expired for both clocks. */
export function expiredWindow(now: ValidityInstants): ValidityWindow {
  const notAfter = Math.min(now.sim, now.wall) - 30 * DAY;
  return { notBefore: new Date(notAfter - YEAR), notAfter: new Date(notAfter) };
}

/** A one-year certificate that starts 30 days after the later instant: not yet valid for both clocks. */
export function notYetValidWindow(now: ValidityInstants): ValidityWindow {
  const notBefore = Math.max(now.sim, now.wall) + 30 * DAY;
  return { notBefore: new Date(notBefore), notAfter: new Date(notBefore + YEAR) };
}

/** A root CA lives a week before the earlier instant to half a year past the later one: short-lived, not 30 years. */
export const ROOT_CA_BEFORE = 7 * DAY;
export const ROOT_CA_AFTER = 180 * DAY;

/** A root CA's window around both clocks. */
export function rootCaWindow(now: ValidityInstants): ValidityWindow {
  return validAround(now, ROOT_CA_BEFORE, ROOT_CA_AFTER);
}

/** An issuing CA's window: a day inside its root's at each end, so it never outlives the root. */
export function issuingCaWindow(now: ValidityInstants): ValidityWindow {
  return validAround(now, ROOT_CA_BEFORE - DAY, ROOT_CA_AFTER - DAY);
}
