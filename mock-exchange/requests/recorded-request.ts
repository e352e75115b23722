import type { IncomingHttpHeaders } from 'node:http';
import { readSoapRequest, type SoapRequest } from '../../ews/soap-request.ts';
import { addressedMailboxes, type BodyView, bodyView } from './body-view.ts';

/** How the request authenticated: IIS's scheme, `connection` for a request on an NTLM-proven connection. */
export type RequestAuthMethod = 'Basic' | 'NTLM' | 'Negotiate' | 'connection' | 'none';

/** One EWS request as the journal shows it: plain JSON, never a password or an Authorization header. */
export interface EwsRequestView {
  /** Position in the journal, from 1; gaps before the oldest entry are dropped entries. */
  seq: number;
  /** When the mock received it, on the organization's clock (ISO 8601). */
  at: string;
  server: string;
  /** The first element of soap:Body; absent when the request never got that far (a 401). */
  operation?: string;
  /** Every mailbox the request addresses: the impersonated one, the account's own when none, those the body names. */
  mailboxes: string[];
  /** The ExchangeImpersonation ConnectingSID value, as sent. */
  impersonated?: string;
  auth: { method: RequestAuthMethod; account?: string };
  requestServerVersion?: string;
  /** The selected headers (REQUEST_HEADERS) the client sent. */
  headers: Record<string, string>;
  /** The operation element as JSON (see body-view.ts): `body.PushSubscriptionRequest.StatusFrequency`. */
  body?: BodyView;
  bodyTruncated?: boolean;
  /** Every m:ResponseCode of the reply, or the SOAP fault's code. */
  responseCodes: string[];
  httpStatus: number;
  /** The injected fault that answered instead of the operation. */
  fault?: string;
}

/** Headers a test asserts on; Authorization and cookies are never kept. */
export const REQUEST_HEADERS = [
  'user-agent',
  'content-type',
  'soapaction',
  'x-anchormailbox',
  'x-preferserveraffinity',
  'client-request-id',
  'return-client-request-id',
  'x-clientstatisticsid',
] as const;

/** Larger requests get their view built at once, so the journal never keeps a big parsed tree alive. */
const KEEP_TREE_BELOW_NODES = 200;
/**
 * A request up to this size is kept as the text it came as and parsed again when the journal is read. A flat
 * string is one object instead of a tree of a few dozen; held for the journal's thousand requests, those trees
 * outlived the young generation and filled the old one with garbage (a mock's peak heap at 10,000 subscribing
 * users fell from 258 to 223 MB).
 */
const KEEP_TEXT_BELOW_CHARS = 16_384;

export interface RecordInput {
  at: number;
  server: string;
  request?: SoapRequest;
  /** The request's text, from which `request` was parsed: kept instead of the tree when it is small. */
  xml?: string;
  /** The account's own mailbox, or the impersonated one: the mailbox the request acts on. */
  mailbox?: string;
  auth: { method: RequestAuthMethod; account?: string };
  headers: IncomingHttpHeaders;
  responseCodes: string[];
  httpStatus: number;
  fault?: string;
}

/**
 * What the endpoint hands the journal: cheap to make on the hot path (references and a few strings); the body
 * view and the addressed mailboxes are built on first read.
 */
export class RecordedRequest {
  #request: SoapRequest | undefined;
  #xml: string | undefined;
  #operation: string | undefined;
  #view: EwsRequestView | undefined;
  readonly headers: Record<string, string> = {};
  /**
   * What the view needs of the input, kept on this object: the input itself is dropped (it holds the tree and all
   * the request's headers), and a thousand kept entries are one object each, not two.
   */
  readonly at: number;
  readonly #server: string;
  readonly #mailbox: string | undefined;
  readonly #auth: RecordInput['auth'];
  readonly #responseCodes: string[];
  readonly #httpStatus: number;
  readonly #fault: string | undefined;

  constructor(
    readonly seq: number,
    input: RecordInput,
  ) {
    this.at = input.at;
    this.#server = input.server;
    this.#mailbox = input.mailbox;
    this.#auth = input.auth;
    this.#responseCodes = input.responseCodes;
    this.#httpStatus = input.httpStatus;
    this.#fault = input.fault;
    const { request, headers, xml } = input;
    for (const h of REQUEST_HEADERS) {
      const v = headers[h];
      if (typeof v === 'string') this.headers[h] = v.slice(0, 512);
    }
    if (request && xml !== undefined && xml.length < KEEP_TEXT_BELOW_CHARS) {
      this.#xml = xml;
      this.#operation = request.operation;
      return;
    }
    this.#request = request;
    if (request && countNodes(request.body) > KEEP_TREE_BELOW_NODES) this.view();
  }

  get operation(): string | undefined {
    return this.#operation ?? this.#request?.operation ?? this.#view?.operation;
  }

  view(): EwsRequestView {
    if (this.#view) return this.#view;
    // The text parsed once already, so it parses again; were it ever not to, the view says what it can without it.
    const request = this.#request ?? (this.#xml === undefined ? undefined : reread(this.#xml));
    const op = request?.body;
    const mailboxes: string[] = [];
    if (this.#mailbox) mailboxes.push(this.#mailbox.toLowerCase());
    if (op) addressedMailboxes(op, mailboxes);
    const body = op ? bodyView(op) : undefined;
    this.#view = {
      seq: this.seq,
      at: new Date(this.at).toISOString(),
      server: this.#server,
      ...(request ? { operation: request.operation } : {}),
      mailboxes,
      ...(request?.impersonation ? { impersonated: request.impersonation.value } : {}),
      auth: this.#auth,
      ...(request?.requestServerVersion ? { requestServerVersion: request.requestServerVersion } : {}),
      headers: this.headers,
      ...(body ? { body: body.view, ...(body.truncated ? { bodyTruncated: true } : {}) } : {}),
      responseCodes: this.#responseCodes,
      httpStatus: this.#httpStatus,
      ...(this.#fault ? { fault: this.#fault } : {}),
    };
    this.#request = undefined;
    this.#xml = undefined;
    return this.#view;
  }
}

function reread(xml: string): SoapRequest | undefined {
  try {
    return readSoapRequest(xml);
  } catch {
    return undefined;
  }
}

function countNodes(el: { children: readonly unknown[] }, limit = KEEP_TREE_BELOW_NODES + 1): number {
  let n = 0;
  const stack = [el];
  while (stack.length > 0 && n < limit) {
    const e = stack.pop() as { children: readonly { children: readonly unknown[] }[] };
    n++;
    for (const c of e.children) stack.push(c);
  }
  return n;
}

/** Every `<x:ResponseCode>` text of a reply body (ResponseMessages or a SOAP fault's detail), in order: indexOf, no parse. */
export function responseCodesOf(xml: string): string[] {
  const codes: string[] = [];
  let from = 0;
  for (;;) {
    const at = xml.indexOf('ResponseCode', from);
    if (at === -1) return codes;
    from = at + 12;
    const before = xml.charCodeAt(at - 1);
    const after = xml.charCodeAt(from);
    // An opening tag only: `<ResponseCode` or `<p:ResponseCode`, then `>` or an attribute.
    const opening = before === 60 || (before === 58 && xml.charCodeAt(xml.lastIndexOf('<', at) + 1) !== 47);
    if (!opening || (after !== 62 && after !== 32)) continue;
    const start = xml.indexOf('>', from);
    const end = start === -1 ? -1 : xml.indexOf('<', start);
    if (end === -1) return codes;
    codes.push(xml.slice(start + 1, end).trim());
    from = end;
  }
}
