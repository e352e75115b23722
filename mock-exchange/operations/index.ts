import type { EwsOperation } from '../operation.ts';
import { GetFolder } from './get-folder.ts';

/** Every EWS operation the mock answers, keyed by the local name of the soap:Body element. */
export const OPERATIONS: ReadonlyMap<string, EwsOperation> = new Map([GetFolder].map((op) => [op.name, op]));
