import { EwsError } from '../../ews/errors.ts';
import { readSoapRequest } from '../../ews/soap-request.ts';
import { errorMessageFrom, responseMessages } from '../../ews/soap-response.ts';
import type { EwsContext } from '../../mock-exchange/ews-context.ts';
import { NotificationCenter } from '../../mock-exchange/notifications/notification-center.ts';
import type { EwsOperation } from '../../mock-exchange/operation.ts';
import { OPERATIONS } from '../../mock-exchange/operations/index.ts';
import type { OrgConfig } from '../../mock-exchange/org-config.ts';
import { Organization } from '../../mock-exchange/organization.ts';
import { VirtualClock } from '../../sim/clock.ts';
import { IdGenerator } from '../../sim/ids.ts';
import { Journal } from '../../sim/journal.ts';
import { soapEnvelope } from './soap-envelope.ts';
import { TEST_START, testOrgConfig } from './test-org.ts';

/** What one operation answered in-process: the soap:Body content, or the fault it raised (code and message). */
export type OperationOutcome =
  | { kind: 'body'; xml: string }
  | { kind: 'fault'; code: string; message: string; httpStatus: number };

export interface OperationCallOptions {
  /** The logon of the calling account (default svc-imp, which may impersonate every mailbox). */
  account?: string;
  /** The mailbox acted on (ExchangeImpersonation's address); default the account's own mailbox. */
  mailbox?: string;
  /** The server that receives the request (default ex1). */
  server?: string;
  /** HTTP request headers (affinity: X-AnchorMailbox, X-PreferServerAffinity). */
  headers?: Record<string, string>;
}

/**
 * An organization with its notification center and a virtual clock, whose operations are called without HTTP:
 * the same EwsContext the endpoint builds, so a test of one operation's rules runs in milliseconds. The endpoint's
 * own checks (authentication, impersonation rights, versions) are tested over HTTPS elsewhere.
 */
export class OperationBench {
  readonly clock: VirtualClock;
  readonly journal: Journal;
  readonly ids: IdGenerator;
  readonly org: Organization;
  readonly notifications: NotificationCenter;
  /** Response headers set by the last call (Set-Cookie for affinity). */
  readonly headersSet: [string, string][] = [];

  constructor(config: OrgConfig = testOrgConfig(), start = TEST_START) {
    this.clock = new VirtualClock(start);
    this.journal = new Journal(this.clock);
    this.ids = new IdGenerator(config.seed ?? 'test');
    this.org = new Organization(config, this.clock, this.ids);
    this.notifications = new NotificationCenter(this.org, this.clock, this.journal, this.ids, undefined);
  }

  /** The context the endpoint would build for `operationXml` (one operation element, m:/t: prefixes). */
  context(operationXml: string, opts: OperationCallOptions = {}): EwsContext {
    const account = this.org.account(opts.account ?? 'svc-imp');
    if (!account) throw new Error(`OperationBench: no account ${opts.account}`);
    const server = this.org.server(opts.server ?? 'ex1');
    if (!server) throw new Error(`OperationBench: no server ${opts.server}`);
    const address = opts.mailbox ?? account.mailbox;
    const mailbox = address === undefined ? undefined : this.org.mailbox(address);
    if (address !== undefined && !mailbox) throw new Error(`OperationBench: no mailbox ${address}`);
    const xml = soapEnvelope(operationXml, { impersonate: opts.mailbox });
    return {
      org: this.org,
      server,
      account,
      request: readSoapRequest(xml),
      clock: this.clock,
      journal: this.journal,
      mailbox,
      http: {
        headers: opts.headers ?? {},
        setHeader: (name, value) => {
          this.headersSet.push([name, value]);
        },
      },
    };
  }

  /**
   * Calls the operation named by `operationXml`'s element as the endpoint does: a response-level EwsError becomes
   * the operation's error message in the body, a fault-level one (schema, ErrorInvalidRequest...) the fault.
   */
  async call(operationXml: string, opts: OperationCallOptions = {}): Promise<OperationOutcome> {
    const ctx = this.context(operationXml, opts);
    const op = operation(ctx.request.operation);
    try {
      return { kind: 'body', xml: await op.handle(ctx) };
    } catch (err) {
      if (!(err instanceof EwsError)) throw err;
      if (err.level === 'fault')
        return { kind: 'fault', code: err.code, message: err.message, httpStatus: err.httpStatus };
      return { kind: 'body', xml: responseMessages(op.name, errorMessageFrom(`${op.name}ResponseMessage`, err)) };
    }
  }
}

function operation(name: string): EwsOperation {
  const op = OPERATIONS.get(name);
  if (!op) throw new Error(`OperationBench: no operation ${name}`);
  return op;
}
