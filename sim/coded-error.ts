/**
 * What every side's error base class shares: a stable `code` scripts match on, the input `field` at fault
 * when there is one, and the HTTP status its side's one table gives the code (only the JSON error handler
 * reads it).
 */
export abstract class CodedError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** The side's table from code to HTTP status. */
  protected abstract readonly statuses: Readonly<Record<Code, number>>;

  get status(): number {
    return this.statuses[this.code];
  }
}
