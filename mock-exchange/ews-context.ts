import type { IncomingHttpHeaders } from 'node:http';
import { EwsError } from '../ews/errors.ts';
import type { SoapRequest } from '../ews/soap-request.ts';
import type { XmlElement } from '../ews/xml-element.ts';
import type { Clock } from '../sim/clock.ts';
import type { Journal } from '../sim/journal.ts';
import type { Account, ExchangeServer, Mailbox, Organization } from './organization.ts';

/** Everything an operation needs to answer one request. */
export interface EwsContext {
  org: Organization;
  /** The server that received the request (it answers for mailboxes homed elsewhere, as a CAS does). */
  server: ExchangeServer;
  account: Account;
  request: SoapRequest;
  clock: Clock;
  journal: Journal;
  /** The mailbox acted on: the impersonated one, else the account's own. */
  mailbox: Mailbox | undefined;
  /** The HTTP request's headers and a way to add response headers (affinity: X-AnchorMailbox, cookies). */
  http?: { headers: IncomingHttpHeaders; setHeader(name: string, value: string): void };
}

/** The mailbox a request acts on, or ErrorNonExistentMailbox when the account has none. */
export function requireMailbox(ctx: EwsContext): Mailbox {
  if (!ctx.mailbox) {
    throw new EwsError('ErrorNonExistentMailbox', {
      message: `The account ${ctx.account.user} has no mailbox; use ExchangeImpersonation or name a mailbox.`,
    });
  }
  return ctx.mailbox;
}

/**
 * The mailbox named by a DistinguishedFolderId: its own <t:Mailbox> when present (delegate access,
 * which needs impersonation rights on that mailbox), else the request's mailbox.
 */
export function folderMailbox(ctx: EwsContext, distinguished: XmlElement): Mailbox {
  const address = distinguished.textAt('Mailbox', 'EmailAddress');
  if (!address) return requireMailbox(ctx);
  const mbx = ctx.org.mailbox(address);
  if (!mbx)
    throw new EwsError('ErrorNonExistentMailbox', {
      message: `The SMTP address ${address} has no mailbox associated with it.`,
    });
  const own = ctx.account.mailbox === mbx.address || ctx.mailbox?.address === mbx.address;
  if (!own && !ctx.org.canImpersonate(ctx.account, mbx)) {
    throw new EwsError('ErrorAccessDenied', { message: `Access is denied to the mailbox ${mbx.address}.` });
  }
  return mbx;
}
