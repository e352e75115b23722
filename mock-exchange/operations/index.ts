import type { EwsOperation } from '../operation.ts';
import { ConvertId } from './convert-id.ts';
import { CreateFolder } from './create-folder.ts';
import { CreateItem } from './create-item.ts';
import { DeleteFolder } from './delete-folder.ts';
import { DeleteItem } from './delete-item.ts';
import { FindFolder } from './find-folder.ts';
import { FindItem } from './find-item.ts';
import { GetEvents } from './get-events.ts';
import { GetFolder } from './get-folder.ts';
import { GetItem } from './get-item.ts';
import { GetServerTimeZones } from './get-server-time-zones.ts';
import { GetStreamingEvents } from './get-streaming-events.ts';
import { GetUserAvailabilityRequest } from './get-user-availability.ts';
import { GetUserConfiguration } from './get-user-configuration.ts';
import { ResolveNames } from './resolve-names.ts';
import { Subscribe } from './subscribe.ts';
import { SyncFolderHierarchy } from './sync-folder-hierarchy.ts';
import { SyncFolderItems } from './sync-folder-items.ts';
import { Unsubscribe } from './unsubscribe.ts';
import { UpdateFolder } from './update-folder.ts';
import { UpdateItem } from './update-item.ts';

/** Every EWS operation the mock answers, keyed by the local name of the soap:Body element. */
export const OPERATIONS: ReadonlyMap<string, EwsOperation> = new Map(
  [
    GetFolder,
    FindFolder,
    FindItem,
    GetItem,
    CreateItem,
    UpdateItem,
    DeleteItem,
    GetUserAvailabilityRequest,
    ResolveNames,
    Subscribe,
    GetEvents,
    GetStreamingEvents,
    Unsubscribe,
    GetServerTimeZones,
    ConvertId,
    SyncFolderHierarchy,
    SyncFolderItems,
    GetUserConfiguration,
    CreateFolder,
    DeleteFolder,
    UpdateFolder,
  ].map((op) => [op.name, op]),
);
