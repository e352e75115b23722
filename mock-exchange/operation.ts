import type { EwsContext } from './ews-context.ts';

/** One EWS operation, named exactly as the first element of soap:Body. */
export interface EwsOperation {
  readonly name: string;
  /** Response element name, when it is not `${name}Response` (GetUserAvailabilityRequest). */
  readonly responseName?: string;
  /** Returns the serialized response element placed in soap:Body. */
  handle(ctx: EwsContext): string | Promise<string>;
}
