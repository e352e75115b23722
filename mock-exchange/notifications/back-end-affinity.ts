import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { EwsContext } from '../ews-context.ts';
import type { ExchangeServer, Mailbox, Organization } from '../organization.ts';

/**
 * Affinity between a group of subscriptions and the Mailbox server that holds them, as Microsoft documents it
 * ("Maintain affinity between a group of subscriptions and the Mailbox server in Exchange",
 * learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-maintain-affinity-between-group-of-subscriptions-and-mailbox-server):
 * X-AnchorMailbox and X-PreferServerAffinity on the request, X-BackEndOverrideCookie set in the subscription
 * response and sent back by the client. Exchange 2013 and later route by them; an Exchange 2010 CAS holds
 * subscriptions itself and knows neither.
 */
export interface AffinityHeaders {
  /** X-AnchorMailbox: the SMTP address whose Mailbox server the request goes to. */
  anchorMailbox: string | undefined;
  /** X-PreferServerAffinity: true. */
  preferServerAffinity: boolean;
  /** The X-BackEndOverrideCookie value from the Cookie header. */
  backEndOverrideCookie: string | undefined;
}

export const BACK_END_OVERRIDE_COOKIE = 'X-BackEndOverrideCookie';

export function readAffinity(headers: IncomingHttpHeaders): AffinityHeaders {
  const anchor = single(headers['x-anchormailbox'])?.trim();
  const prefer = single(headers['x-preferserveraffinity'])?.trim().toLowerCase() === 'true';
  let cookie: string | undefined;
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === BACK_END_OVERRIDE_COOKIE.toLowerCase()) {
      cookie = part.slice(eq + 1).trim();
    }
  }
  return { anchorMailbox: anchor || undefined, preferServerAffinity: prefer, backEndOverrideCookie: cookie };
}

/** The cookie value naming a back end, shaped as Exchange's: `<server FQDN>~<number>`. */
export function backEndCookieValue(server: ExchangeServer): string {
  const n = createHash('sha256').update(`back-end:${server.fqdn.toLowerCase()}`).digest().readUInt32BE(0) >>> 1;
  return `${server.fqdn}~${n}`;
}

/** The Set-Cookie header of a subscription response (the doc's example: path=/; secure; HttpOnly). */
export function backEndSetCookie(server: ExchangeServer): string {
  return `${BACK_END_OVERRIDE_COOKIE}=${backEndCookieValue(server)}; path=/; secure; HttpOnly`;
}

/** The server a cookie names, when it is one this organization issued. */
export function serverFromCookie(org: Organization, value: string): ExchangeServer | undefined {
  for (const s of org.servers.values()) if (backEndCookieValue(s) === value) return s;
  return undefined;
}

/** Whether the receiving server routes notification requests to a back end at all (Exchange 2013 and later). */
export function routesToBackEnds(receiving: ExchangeServer): boolean {
  return receiving.version !== '2010-SP2';
}

/**
 * The Mailbox server a request is routed to: the cookie's when affinity is preferred and the cookie is valid,
 * else the anchor mailbox's ("if X-BackendOverrideCookie is not included, the X-AnchorMailbox value is used"),
 * else the mailbox the request acts on. Undefined when nothing names one (or the receiving server is 2010).
 */
export function routeBackEnd(
  org: Organization,
  receiving: ExchangeServer,
  affinity: AffinityHeaders,
  mailbox: Mailbox | undefined,
): ExchangeServer | undefined {
  if (!routesToBackEnds(receiving)) return undefined;
  if (affinity.preferServerAffinity && affinity.backEndOverrideCookie) {
    const byCookie = serverFromCookie(org, affinity.backEndOverrideCookie);
    if (byCookie) return byCookie;
  }
  const anchor = affinity.anchorMailbox ? org.mailbox(affinity.anchorMailbox) : undefined;
  const home = anchor ?? mailbox;
  return home ? org.server(home.homeServer) : undefined;
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The back end a request's affinity headers (or its mailbox) route it to. */
export function backEndOf(ctx: EwsContext): ExchangeServer | undefined {
  return routeBackEnd(ctx.org, ctx.server, readAffinity(ctx.http?.headers ?? {}), ctx.mailbox);
}
