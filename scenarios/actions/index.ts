import type { ActionDefinition } from './action.ts';
import { clientActions } from './client-actions.ts';
import { directoryActions } from './directory-actions.ts';
import { engineActions } from './engine-actions.ts';
import { exchangeActions } from './exchange-actions.ts';
import { gatewayActions } from './gateway-actions.ts';
import { loadActions } from './load-actions.ts';
import { meetingActions } from './meeting-actions.ts';
import { networkActions } from './network-actions.ts';
import { nodeActions } from './node-actions.ts';
import { parameterActions } from './parameter-actions.ts';
import { trustActions } from './trust-actions.ts';
import { userActions } from './user-actions.ts';
import { viewerActions } from './viewer-actions.ts';

/** Every action a scenario can `do`, by name; reading the folder lists them by group. */
export const ACTIONS: ReadonlyMap<string, ActionDefinition> = new Map(
  [
    ...gatewayActions,
    ...trustActions,
    ...viewerActions,
    ...engineActions,
    ...parameterActions,
    ...userActions,
    ...directoryActions,
    ...nodeActions,
    ...exchangeActions,
    ...meetingActions,
    ...networkActions,
    ...clientActions,
    ...loadActions,
  ].map((a) => [a.name, a]),
);

export const ACTION_NAMES: readonly string[] = [...ACTIONS.keys()];
