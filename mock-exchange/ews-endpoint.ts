import { isUtf8 } from 'node:buffer';
import express, { type NextFunction, type Request, type Response } from 'express';
import { EwsError, fault } from '../ews/errors.ts';
import { undeclaredOperation } from '../ews/schema-violation.ts';
import { acceptsRequestVersion, EXCHANGE_RELEASE_FACTS, isExchangeVersion } from '../ews/server-versions.ts';
import { parseSoapRequest, type SoapRequest } from '../ews/soap-request.ts';
import { envelope, errorMessageFrom, faultFromError, responseMessages, soapFault } from '../ews/soap-response.ts';
import type { Clock } from '../sim/clock.ts';
import type { Journal } from '../sim/journal.ts';
import { wireText } from '../sim/wire-text.ts';
import { authenticate, sendUnauthorized } from './auth/authenticator.ts';
import type { EwsContext } from './ews-context.ts';
import type { FaultAnswer } from './faults/exchange-fault-check.ts';
import type { EwsOperation } from './operation.ts';
import type { Account, ExchangeServer, Mailbox, Organization } from './organization.ts';
import { EndpointRecorder } from './requests/endpoint-recorder.ts';
import { responseCodesOf } from './requests/recorded-request.ts';
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
  faults?: (ctx: EwsContext, res: Response) => FaultAnswer | undefined;
  /** Where every POST to the endpoint is recorded. */
  requests?: RequestJournal;
}

const XML_TYPE = 'text/xml; charset=utf-8';

/** The /EWS/Exchange.asmx endpoint of one server: auth, SOAP parsing, header checks, dispatch. */
export function ewsEndpoint(opts: EndpointOptions): express.Router {
  const router = express.Router({ caseSensitive: false });
  const recorder = opts.requests && new EndpointRecorder(opts.requests, opts.clock, opts.server.name);
  const throttle = new ThrottleGate(
    () => opts.server.throttling,
    () => opts.clock.now(),
  );
  // IIS authenticates the whole /EWS virtual directory, the service page included (NTLM clients start there).
  const iisAuth = (req: Request, res: Response, next: NextFunction) => {
    const outcome = authenticate(opts.org, opts.server, req, res, opts.journal);
    if (outcome.kind === 'refused') {
      req.resume();
      sendUnauthorized(res, opts.server);
    }
    if (outcome.kind !== 'account') {
      if (req.method === 'POST') recorder?.unauthenticated(req, res);
      return;
    }
    res.locals.account = outcome.account;
    res.locals.authMethod = outcome.method;
    next();
  };
  router.get('/EWS/Exchange.asmx', iisAuth, (_req, res) => {
    res.type('html').send('<html><body><p>You have created a service.</p></body></html>');
  });
  router.post('/EWS/Exchange.asmx', iisAuth, readSoapBody, (req, res, next) => {
    handle(opts, throttle, recorder, req, res).catch(next);
  });
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    // A reply already sent whole stays intact on its keep-alive connection; only one cut short is aborted.
    if (res.headersSent) return res.writableEnded ? undefined : next(err);
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      res
        .status(413)
        .type(XML_TYPE)
        .send(soapFault('ErrorInvalidRequest', `The request is larger than ${MAX_REQUEST_BYTES} bytes.`));
      return;
    }
    if (type === INVALID_UTF8) {
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
  });
  return router;
}

const INVALID_UTF8 = 'ews.body.invalid-utf8';

/**
 * Read the request body as UTF-8 text, at most MAX_REQUEST_BYTES (413 beyond). Exchange's XML reader refuses
 * malformed UTF-8; decoding it to U+FFFD would accept a corrupted request. (A hand-rolled reader: the body
 * parser's content-type negotiation cost more than the EWS work on small requests.)
 */
function readSoapBody(req: Request, _res: Response, next: NextFunction): void {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_REQUEST_BYTES) {
    req.resume();
    next(Object.assign(new Error('request entity too large'), { type: 'entity.too.large' }));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (chunk: Buffer) => {
    if (failed) return;
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) {
      failed = true;
      next(Object.assign(new Error('request entity too large'), { type: 'entity.too.large' }));
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', (err) => {
    if (!failed) next(err);
    failed = true;
  });
  req.on('end', () => {
    if (failed) return;
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(req.headers['content-type'] ?? '')?.[1] ?? 'utf-8';
    if (/^utf-?8$/i.test(charset) && !isUtf8(body)) {
      next(Object.assign(new Error('the body is not valid UTF-8'), { type: INVALID_UTF8 }));
      return;
    }
    if (/^utf-?8$/i.test(charset)) req.body = body.toString('utf8');
    else {
      try {
        req.body = new TextDecoder(charset, { fatal: true }).decode(body);
      } catch {
        next(new Error(`unsupported or invalid charset "${charset}"`));
        return;
      }
    }
    next();
  });
}

async function handle(
  opts: EndpointOptions,
  throttle: ThrottleGate,
  recorder: EndpointRecorder | undefined,
  req: Request,
  res: Response,
): Promise<void> {
  const account = res.locals.account as Account;
  const serverVersion = EXCHANGE_RELEASE_FACTS[opts.server.version].serverVersionInfo;
  let request: SoapRequest | undefined;
  let op: EwsOperation | undefined;
  let leave: (() => void) | undefined;
  let mailbox: Mailbox | undefined;
  try {
    const body = typeof req.body === 'string' ? req.body : '';
    if (body.trim() === '')
      throw fault('ErrorSchemaValidation', 'The request failed schema validation: the body is empty.');
    request = await parseSoapRequest(body);
    op = opts.operations.get(request.operation);
    // Exchange validates the body against its schema first: an operation it does not declare fails there.
    if (!op) throw undeclaredOperation(body, request.operation);
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
      recorder?.answered(req, res, request, mailbox, answer.responseCodes, answer.fault);
      return;
    }
    if (op.stream) {
      // Hanging operations (GetStreamingEvents) write their own chunked 200 response.
      recorder?.answered(req, res, request, mailbox, []);
      await op.stream(ctx, res);
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
    res.status(200).type(XML_TYPE).send(envelope(bodyXml, serverVersion));
    recorder?.answered(req, res, request, mailbox, responseCodesOf(bodyXml));
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
    if (op?.streamError && !res.headersSent) op.streamError(ewsErr, res);
    else res.status(ewsErr.httpStatus).type(XML_TYPE).send(faultFromError(ewsErr));
    recorder?.answered(req, res, request, mailbox, [ewsErr.code]);
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
  return (req: Request, res: Response): boolean => {
    const outcome = authenticate(org, server, req, res, journal);
    if (outcome.kind === 'account') return true;
    if (outcome.kind === 'refused') sendUnauthorized(res, server);
    return false;
  };
}
