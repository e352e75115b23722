/**
 * What every side's error base class shares: a stable `code` scripts match on, the input `field` at fault
 * when there is one, and the HTTP status its side's table gives the code. Only the JSON error handler
 * reads `status`.
 */
export abstract class CodedError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** The HTTP status for this error's code, from the side's one table. */
  abstract get status(): number;
}
