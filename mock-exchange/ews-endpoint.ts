import type { IncomingMessage, ServerResponse } from 'node:http';
import { EwsError, fault } from '../ews/errors.ts';
import { undeclaredOperation } from '../ews/schema-violation.ts';
import { acceptsRequestVersion, EXCHANGE_RELEASE_FACTS, isExchangeVersion } from '../ews/server-versions.ts';
import { checkNamespaces } from '../ews/soap-namespaces.ts';
import { parseSoapRequest, type SoapRequest } from '../ews/soap-request.ts';
import { envelope, errorMessageFrom, faultFromError, responseMessages, soapFault } from '../ews/soap-response.ts';
import type { Clock } from '../sim/clock.ts';
import type { Journal } from '../sim/journal.ts';
import { wireText } from '../sim/wire-text.ts';
import { type AuthOutcome, authenticate, sendChallenge, sendUnauthorized } from './auth/authenticator.ts';
import { refuseUnauthenticated } from './auth/unauthenticated-request.ts';
import type { EwsContext } from './ews-context.ts';
import type { FaultAnswer } from './faults/exchange-fault-check.ts';
import { type HttpReply, NodeReply } from './http/reply.ts';
import { routePath } from './http/route-path.ts';
import { BodyError, readTextBody } from './http/soap-body.ts';
import type { EwsOperation } from './operation.ts';
import type { Account, ExchangeServer, Mailbox, Organization } from './organization.ts';
import { EndpointRecorder } from './requests/endpoint-recorder.ts';
import { type RequestAuthMethod, responseCodesOf } from './requests/recorded-request.ts';
import type { RequestJournal } from './requests/request-journal.ts';
import { ThrottleGate } from './throttling/throttle-gate.ts';

export { sendUnauthorized };

export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface EndpointOptions {
  org: Organization;
  server: ExchangeServer;
  clock: Clock;
  journal: Journal;
  operations: ReadonlyMap<string, EwsOperation>;
  /** Injected Exchange faults (mock-exchange/faults): what answered the request instead, if a fault did. */
  faults?: (ctx: EwsContext, res: HttpReply) => FaultAnswer | undefined;
  /** Where every POST to the endpoint is recorded. */
  requests?: RequestJournal;
}

/** A handler for some paths of a listener: false when the request is not its own (the next one takes it). */
export type PlainRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

const XML_TYPE = 'text/xml; charset=utf-8';

interface Authenticated {
  account: Account;
  method: RequestAuthMethod;
}

/**
 * The /EWS/Exchange.asmx endpoint of one server on a plain node:http handler (express's routing and body
 * handling cost more than the EWS work): auth, SOAP parsing, header checks, dispatch.
 */
export function ewsEndpoint(opts: EndpointOptions): PlainRoute {
  const recorder = opts.requests && new EndpointRecorder(opts.requests, opts.clock, opts.server.name);
  const throttle = new ThrottleGate(
    () => opts.server.throttling,
    () => opts.clock.now(),
  );
  return (req, raw) => {
    if (routePath(req.url) !== '/ews/exchange.asmx') return false;
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (!get && req.method !== 'POST') return false;
    const res = new NodeReply(raw);
    // IIS authenticates the whole /EWS virtual directory, the service page included (NTLM clients start there).
    const outcome = authenticate(opts.org, opts.server, req, opts.journal);
    if (outcome.kind !== 'account') {
      refuseUnauthenticated(req, res, () => {
        answerUnauthenticated(res, outcome, opts.server);
        if (req.method === 'POST') recorder?.unauthenticated(req, res);
      });
      return true;
    }
    if (get) {
      res.type('html').send('<html><body><p>You have created a service.</p></body></html>');
      return true;
    }
    // EWS is SOAP 1.1: its WCF binding refuses SOAP 1.2's content type before reading the message.
    const contentType = req.headers['content-type'] ?? '';
    if (/^\s*application\/soap\+xml/i.test(contentType)) {
      req.resume();
      const message = `Cannot process the message because the content type '${contentType.slice(0, 200)}' was not the expected type '${XML_TYPE}'.`;
      res.raw.statusMessage = message.replace(/[^\x20-\x7e]/g, '?');
      res.status(415).type('text/plain').send(message);
      return true;
    }
    const auth = { account: outcome.account, method: outcome.method };
    readTextBody(req, MAX_REQUEST_BYTES)
      .then((body) => handle(opts, throttle, recorder, req, res, auth, body))
      .catch((err: unknown) => answerUnreadable(res, err));
    return true;
  };
}

function answerUnauthenticated(
  res: HttpReply,
  outcome: Exclude<AuthOutcome, { kind: 'account' }>,
  server: ExchangeServer,
) {
  if (outcome.kind === 'challenged') sendChallenge(res, outcome.challenge);
  else sendUnauthorized(res, server);
}

/** A body that could not be read, or an error after part of a reply went out (that connection is cut). */
function answerUnreadable(res: NodeReply, err: unknown): void {
  // A reply already sent whole stays intact on its keep-alive connection; only one cut short is aborted.
  if (res.headersSent) {
    if (!res.writableEnded) res.raw.destroy();
    return;
  }
  if (err instanceof BodyError && err.kind === 'too-large') {
    res.status(413).type(XML_TYPE).send(soapFault('ErrorInvalidRequest', err.message));
    return;
  }
  if (err instanceof BodyError && err.kind === 'invalid-utf8') {
    res
      .status(500)
      .type(XML_TYPE)
      .send(soapFault('ErrorSchemaValidation', 'The request failed schema validation: the body is not valid UTF-8.'));
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  res
    .status(400)
    .type(XML_TYPE)
    .send(soapFault('ErrorInvalidRequest', `The request could not be read: ${message}`));
}

async function handle(
  opts: EndpointOptions,
  throttle: ThrottleGate,
  recorder: EndpointRecorder | undefined,
  req: IncomingMessage,
  res: NodeReply,
  auth: Authenticated,
  body: string,
): Promise<void> {
  const account = auth.account;
  const serverVersion = EXCHANGE_RELEASE_FACTS[opts.server.version].serverVersionInfo;
  let request: SoapRequest | undefined;
  let op: EwsOperation | undefined;
  let leave: (() => void) | undefined;
  let mailbox: Mailbox | undefined;
  try {
    if (body.trim() === '')
      throw fault('ErrorSchemaValidation', 'The request failed schema validation: the body is empty.');
    request = await parseSoapRequest(body);
    checkNamespaces(request, body);
    op = opts.operations.get(request.operation);
    // Exchange validates the body against its schema first: an operation it does not declare fails there.
    if (!op) throw undeclaredOperation(body, request.operation, request.body.namespace ?? '');
    const version = request.requestServerVersion;
    if (version !== undefined && !isExchangeVersion(version)) {
      throw fault('ErrorInvalidServerVersion', `The specified server version "${version}" is invalid.`);
    }
    // A server knows only the versions up to its own release.
    if (version !== undefined && !acceptsRequestVersion(opts.server.version, version)) {
      throw fault('ErrorInvalidServerVersion', 'The specified server version is invalid.');
    }
    // Hanging GetStreamingEvents connections count against HangingConnectionLimit, not EWSMaxConcurrency.
    if (!op.stream) leave = throttle.enter(account.user);
    mailbox = targetMailbox(opts.org, account, request);
    const ctx: EwsContext = {
      org: opts.org,
      server: opts.server,
      account,
      request,
      clock: opts.clock,
      journal: opts.journal,
      mailbox,
      http: { headers: req.headers, setHeader: (name, value) => res.setHeader(name, value) },
    };
    const answer = opts.faults?.(ctx, res);
    if (answer) {
      recorder?.answered(req, res, auth, request, body, mailbox, answer.responseCodes, answer.fault);
      return;
    }
    if (op.stream) {
      // Hanging operations (GetStreamingEvents) write their own chunked 200 response.
      recorder?.answered(req, res, auth, request, body, mailbox, []);
      await op.stream(ctx, res.raw);
      opts.journal.record('debug', `ews:${opts.server.name}`, `${request.operation} streaming`, {
        account: account.user,
        mailbox: mailbox?.address,
      });
      return;
    }
    let bodyXml: string;
    try {
      bodyXml = await op.handle(ctx);
    } catch (err) {
      if (!(err instanceof EwsError) || err.level === 'fault') throw err;
      bodyXml = responseMessages(op.name, errorMessageFrom(`${op.name}ResponseMessage`, err));
    }
    // The codes are read from the whole reply before it is sent: the scan flattens the string built in pieces
    // once, and sending it then measures and encodes a flat string.
    const reply = envelope(bodyXml, serverVersion);
    const codes = responseCodesOf(reply);
    res.status(200).type(XML_TYPE).send(reply);
    recorder?.answered(req, res, auth, request, body, mailbox, codes);
    opts.journal.record('debug', `ews:${opts.server.name}`, `${request.operation} OK`, {
      account: account.user,
      mailbox: mailbox?.address,
    });
  } catch (err) {
    // Nothing more can be said to this client (e.g. a journal listener threw after the reply went out).
    if (res.headersSent) throw err;
    const ewsErr =
      err instanceof EwsError
        ? err
        : fault(
            'ErrorInternalServerError',
            `An internal server error occurred: ${err instanceof Error ? err.message : String(err)}`,
          );
    if (!(err instanceof EwsError)) {
      opts.journal.record('error', `ews:${opts.server.name}`, 'internal error', { error: String(err) });
    }
    if (op?.streamError && !res.headersSent) op.streamError(ewsErr, res.raw);
    else res.status(ewsErr.httpStatus).type(XML_TYPE).send(faultFromError(ewsErr));
    recorder?.answered(req, res, auth, request, body, mailbox, [ewsErr.code]);
    opts.journal.record('info', `ews:${opts.server.name}`, `${request?.operation ?? 'request'} ${ewsErr.code}`, {
      account: account.user,
      message: wireText(ewsErr.message),
    });
  } finally {
    leave?.();
  }
}

/** Impersonation, checked as Exchange does: rights on the CAS, then on the target mailbox. */
function targetMailbox(org: Organization, account: Account, request: SoapRequest): Mailbox | undefined {
  const imp = request.impersonation;
  if (!imp) return account.mailbox ? org.mailbox(account.mailbox) : undefined;
  if (account.impersonation === false) {
    throw fault(
      'ErrorImpersonationDenied',
      `The account ${account.user} does not have the ApplicationImpersonation right.`,
    );
  }
  const address = imp.kind === 'PrincipalName' && !imp.value.includes('@') ? `${imp.value}@${org.domain}` : imp.value;
  const mailbox = imp.kind === 'SID' ? undefined : org.mailbox(address);
  if (!mailbox)
    throw fault('ErrorNonExistentMailbox', `The SMTP address ${imp.value} has no mailbox associated with it.`);
  if (!org.canImpersonate(account, mailbox)) {
    throw fault(
      'ErrorImpersonateUserDenied',
      `The account ${account.user} does not have permission to impersonate ${mailbox.address}.`,
    );
  }
  return mailbox;
}

/** The /EWS/Exchange.asmx credential check for other /EWS/ resources: false when it has answered 401 itself. */
export function ewsAuthorization(org: Organization, server: ExchangeServer, journal: Journal) {
  return (req: IncomingMessage, res: HttpReply): boolean => {
    const outcome = authenticate(org, server, req, journal);
    if (outcome.kind === 'account') return true;
    refuseUnauthenticated(req, res, () => answerUnauthenticated(res, outcome, server));
    return false;
  };
}
