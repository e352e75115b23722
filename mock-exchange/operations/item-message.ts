import { EwsError } from '../../ews/errors.ts';
import { errorMessage } from '../../ews/soap-response.ts';
import { el } from '../../ews/xml-writer.ts';

/**
 * One response message of a multi-item operation: `build()` gives the success message; a message-level
 * EwsError becomes that item's error message and leaves the other items alone. ItemInfoResponseMessageType
 * requires m:Items even on error, so `emptyItems` adds an empty one (as Exchange does).
 */
export function itemMessage(messageName: string, build: () => string, emptyItems: boolean): string {
  try {
    return build();
  } catch (err) {
    if (!(err instanceof EwsError) || err.level !== 'message') throw err;
    return errorMessage(
      messageName,
      err.code,
      { message: err.message, values: err.messageXml },
      emptyItems ? el('m:Items') : undefined,
    );
  }
}
