import { CodedError } from '../sim/coded-error.ts';

/** Stable codes for every error the mock Exchange side reports, with the HTTP status each one answers. */
export const MOCK_EXCHANGE_ERROR_STATUS = {
  /** A value in an admin request, a certificate profile, a fault or a throttling policy. */
  INVALID_VALUE: 400,
  /** A value in the organization's configuration; `field` is its path (`servers[1].fqdn`). */
  INVALID_CONFIG: 400,
  /** A meeting that cannot be (start/end, free/busy, recurrence). */
  INVALID_MEETING: 400,
  UNKNOWN_SERVER: 404,
  UNKNOWN_ACCOUNT: 404,
  UNKNOWN_MAILBOX: 404,
  UNKNOWN_MEETING: 404,
  UNKNOWN_FAULT: 400,
  DUPLICATE_FAULT: 400,
  /** The mailbox is already moving, or already lives on the target server. */
  MOVE_CONFLICT: 409,
} as const satisfies Record<string, number>;

export type MockExchangeErrorCode = keyof typeof MOCK_EXCHANGE_ERROR_STATUS;

/**
 * The one error class of the mock Exchange side, raised before anything changes. `problem` is the message
 * without the field in front, for callers that report the field themselves (the scenario checker).
 */
export class MockExchangeError extends CodedError<MockExchangeErrorCode> {
  override name = 'MockExchangeError';
  protected readonly statuses = MOCK_EXCHANGE_ERROR_STATUS;
  readonly problem: string;

  constructor(code: MockExchangeErrorCode, message: string, field?: string, problem = message) {
    super(code, message, field);
    this.problem = problem;
  }

  /** An error about one field, written `field: problem`. */
  static at(code: MockExchangeErrorCode, field: string, problem: string): MockExchangeError {
    return new MockExchangeError(code, `${field}: ${problem}`, field, problem);
  }
}
