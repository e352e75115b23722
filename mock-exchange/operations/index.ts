import type { EwsOperation } from '../operation.ts';
import { FindFolder } from './find-folder.ts';
import { GetFolder } from './get-folder.ts';
import { GetUserAvailabilityRequest } from './get-user-availability.ts';
import { ResolveNames } from './resolve-names.ts';

/** Every EWS operation the mock answers, keyed by the local name of the soap:Body element. */
export const OPERATIONS: ReadonlyMap<string, EwsOperation> = new Map(
  [GetFolder, FindFolder, GetUserAvailabilityRequest, ResolveNames].map((op) => [op.name, op]),
);
