import type { EwsRequestView } from '../mock-exchange/requests/recorded-request.ts';
import type { RequestFilter, RequestJournal, RequestJournalView } from '../mock-exchange/requests/request-journal.ts';

/** What a matcher looks for: the journal's filters, plus any test of the request as the journal shows it. */
export interface RequestMatcher extends RequestFilter {
  /**
   * Extra condition, e.g. `r => r.body.PushSubscriptionRequest.StatusFrequency === '60'` (the body is loosely
   * typed); a request on which it throws (a pull Subscribe has no PushSubscriptionRequest) does not match.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the body is a JSON view of any EWS request; tests index it freely.
  where?: (request: EwsRequestView & { body?: any }) => boolean;
}

/** Thrown by the `expect*` matchers: the message lists what the mock received. */
export class RequestExpectationError extends Error {
  override name = 'RequestExpectationError';
}

/** How many received requests a failure message lists (the newest). */
const LISTED = 20;

/**
 * The request journal of a mock Exchange, for assertions in a test: every EWS request received (oldest first),
 * filters, and matchers that fail with a message listing what was received.
 */
export class RequestLog {
  constructor(readonly journal: RequestJournal) {}

  /** Every kept request matching the filter, oldest first. */
  all(filter: RequestFilter = {}): EwsRequestView[] {
    return this.journal.query(filter);
  }

  /** The requests matching, oldest first (an empty array when none). */
  find(matcher: RequestMatcher = {}): EwsRequestView[] {
    const { where, ...filter } = matcher;
    return this.journal.query(filter).filter((r) => !where || holds(where, r));
  }

  /** Exactly one request matches: returns it, or throws listing what was received. */
  expectOne(matcher: RequestMatcher): EwsRequestView {
    const found = this.find(matcher);
    if (found.length === 1) return found[0] as EwsRequestView;
    throw this.#failure(`expected exactly one request ${describe(matcher)}, found ${found.length}`, found);
  }

  /** At least one request matches: returns them all, or throws listing what was received. */
  expectSome(matcher: RequestMatcher): EwsRequestView[] {
    const found = this.find(matcher);
    if (found.length > 0) return found;
    throw this.#failure(`expected a request ${describe(matcher)}, found none`, found);
  }

  /** No request matches, or throws listing those that did. */
  expectNone(matcher: RequestMatcher): void {
    const found = this.find(matcher);
    if (found.length > 0) throw this.#failure(`expected no request ${describe(matcher)}, found ${found.length}`, found);
  }

  /** Counters and the kept requests, as the admin API's GET /api/requests answers. */
  snapshot(filter: RequestFilter = {}): RequestJournalView {
    return this.journal.snapshot(filter);
  }

  /** Forget every request received so far (between the steps of a test). */
  clear(): void {
    this.journal.clear();
  }

  #failure(headline: string, matched: EwsRequestView[]): RequestExpectationError {
    const all = this.journal.query();
    const shown = all.slice(-LISTED);
    const lines = [
      `${headline}.`,
      `The mock received ${this.journal.total} request(s)${this.journal.dropped ? ` (${this.journal.dropped} dropped)` : ''}${all.length > shown.length ? `; the newest ${shown.length}` : ''}:`,
      ...(shown.length
        ? shown.map((r) => `  ${summary(r)}${matched.includes(r) ? '  <- matches' : ''}`)
        : ['  (none)']),
    ];
    return new RequestExpectationError(lines.join('\n'));
  }
}

function holds(where: NonNullable<RequestMatcher['where']>, r: EwsRequestView): boolean {
  try {
    return where(r) === true;
  } catch {
    return false;
  }
}

function describe(m: RequestMatcher): string {
  const parts: string[] = [];
  for (const key of ['operation', 'mailbox', 'server', 'account', 'since', 'until'] as const) {
    if (m[key] !== undefined) parts.push(`${key}=${String(m[key])}`);
  }
  if (m.where) parts.push('where(...)');
  return parts.length ? `with ${parts.join(', ')}` : '(any)';
}

/** One line per request: `#3 10:00:00Z ex1 Subscribe alice@... (Basic svc-imp) -> 200 NoError`. */
export function summary(r: EwsRequestView): string {
  const who = `${r.auth.method}${r.auth.account ? ` ${r.auth.account}` : ''}`;
  const codes = r.responseCodes.length ? ` ${r.responseCodes.join(',')}` : '';
  const fault = r.fault ? ` (fault ${r.fault})` : '';
  return `#${r.seq} ${r.at} ${r.server} ${r.operation ?? '(no operation)'} ${r.mailboxes.join(',') || '-'} (${who}) -> ${r.httpStatus}${codes}${fault}`;
}
