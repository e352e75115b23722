import { callbackUnreachable } from './callback-unreachable.ts';
import { close } from './close.ts';
import { down } from './down.ts';
import type { FaultDefinition } from './fault.ts';
import { hang } from './hang.ts';
import { latency } from './latency.ts';
import { limitData } from './limit-data.ts';
import { mailboxMoveInProgress } from './mailbox-move-in-progress.ts';
import { reset } from './reset.ts';
import { serverBusy } from './server-busy.ts';
import { serviceUnavailable } from './service-unavailable.ts';
import { slowClose } from './slow-close.ts';
import { soapFault500 } from './soap-fault-500.ts';
import { unauthorized } from './unauthorized.ts';

/** Every fault type, network ones (what the TCP layer does) first, then Exchange behaviours. */
export const FAULT_DEFINITIONS: ReadonlyMap<string, FaultDefinition> = new Map<string, FaultDefinition>(
  [
    down,
    hang,
    reset,
    close,
    latency,
    slowClose,
    limitData,
    soapFault500,
    serverBusy,
    unauthorized,
    serviceUnavailable,
    mailboxMoveInProgress,
    callbackUnreachable,
  ].map((d) => [d.type, d as FaultDefinition]),
);

export const FAULT_TYPES: readonly string[] = [...FAULT_DEFINITIONS.keys()];
