import type { IncomingMessage } from 'node:http';
import type { SoapRequest } from '../../ews/soap-request.ts';
import type { Clock } from '../../sim/clock.ts';
import type { Account, Mailbox } from '../organization.ts';
import type { RequestAuthMethod } from './recorded-request.ts';
import type { RequestJournal } from './request-journal.ts';

/** What one server's EWS endpoint tells the request journal: references and a few strings, nothing parsed. */
export class EndpointRecorder {
  constructor(
    readonly journal: RequestJournal,
    readonly clock: Clock,
    readonly server: string,
  ) {}

  /** A request that got past logon, with the reply it got (an operation's, a fault's or an error's). */
  answered(
    req: IncomingMessage,
    res: { statusCode: number },
    auth: { method: RequestAuthMethod; account: Account },
    request: SoapRequest | undefined,
    /** The body `request` was parsed from. */
    xml: string,
    mailbox: Mailbox | undefined,
    responseCodes: string[],
    fault?: string,
  ): void {
    this.journal.record({
      at: this.clock.now(),
      server: this.server,
      request,
      xml,
      mailbox: mailbox?.address,
      auth: { method: auth.method, account: auth.account.user },
      headers: req.headers,
      responseCodes,
      httpStatus: res.statusCode,
      fault,
    });
  }

  /** A POST answered 401 (an NTLM challenge or refused credentials): its scheme and the Basic user name, never more. */
  unauthenticated(req: IncomingMessage, res: { statusCode: number }): void {
    const header = req.headers.authorization ?? '';
    const scheme = header.split(' ')[0]?.toLowerCase() ?? '';
    const method: RequestAuthMethod =
      scheme === 'basic' ? 'Basic' : scheme === 'ntlm' ? 'NTLM' : scheme === 'negotiate' ? 'Negotiate' : 'none';
    const basicUser =
      method === 'Basic' ? Buffer.from(header.slice(6).trim(), 'base64').toString('utf8').split(':')[0] : undefined;
    this.journal.record({
      at: this.clock.now(),
      server: this.server,
      auth: { method, ...(basicUser ? { account: basicUser.slice(0, 128) } : {}) },
      headers: req.headers,
      responseCodes: [],
      httpStatus: res.statusCode,
    });
  }
}
