import type { ServerResponse } from 'node:http';
import type { EwsError } from '../ews/errors.ts';
import type { EwsContext } from './ews-context.ts';

/** One EWS operation, named exactly as the first element of soap:Body. */
export interface EwsOperation {
  readonly name: string;
  /** Response element name, when it is not `${name}Response` (GetUserAvailabilityRequest). */
  readonly responseName?: string;
  /** Returns the serialized response element placed in soap:Body. */
  handle(ctx: EwsContext): string | Promise<string>;
  /** Hanging operations (GetStreamingEvents) write a chunked 200 response themselves instead of `handle`. */
  stream?(ctx: EwsContext, res: ServerResponse): void | Promise<void>;
  /** How a hanging operation answers an error raised before it streams: never with a non-200 status. */
  streamError?(err: EwsError, res: ServerResponse): void;
}
