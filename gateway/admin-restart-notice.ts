import type { ImpNode } from './imp-node.ts';

/** The banner Cisco shows while saved settings wait for a Presence Engine restart. */
export const RESTART_NOTICE = 'Presence Engine restart required';

/** The notice a changing admin call answers with, when the change waits for a restart. */
export function restartNotice(node: ImpNode): string | undefined {
  return node.engine.restartRequired() ? RESTART_NOTICE : undefined;
}
