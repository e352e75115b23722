import { EwsError } from '../../ews/errors.ts';

/** What a client has seen of a folder (items) or a hierarchy (folders): each id with its ChangeKey. */
export type SyncSnapshot = ReadonlyMap<string, string>;

const PREFIX = 'pgsim-sync-1';

/** Changes between what the client has seen and what is there now, in the order Exchange reports them. */
export interface SyncDelta<T> {
  create: T[];
  update: T[];
  delete: string[];
}

/**
 * An opaque SyncState string (base64, as Exchange's is) naming what a client has seen of one folder of one
 * mailbox. The state carries everything the next call needs, so the server keeps nothing per client.
 */
export function encodeSyncState(kind: 'items' | 'folders', scope: string, seen: SyncSnapshot): string {
  return Buffer.from(JSON.stringify([PREFIX, kind, scope, [...seen]]), 'utf8').toString('base64');
}

/** The snapshot a SyncState names: empty for none; ErrorInvalidSyncStateData for one not made for this scope. */
export function decodeSyncState(state: string | undefined, kind: 'items' | 'folders', scope: string): SyncSnapshot {
  if (state === undefined || state.trim() === '') return new Map();
  const invalid = new EwsError('ErrorInvalidSyncStateData');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(state.trim(), 'base64').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed[0] !== PREFIX || parsed[1] !== kind || parsed[2] !== scope) throw invalid;
  const entries = parsed[3];
  if (!Array.isArray(entries)) throw invalid;
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'string') throw invalid;
    seen.set(e[0], e[1]);
  }
  return seen;
}

/** Creates, updates and deletes that turn `seen` into `now`. */
export function syncDelta<T>(seen: SyncSnapshot, now: readonly T[], key: (t: T) => [string, string]): SyncDelta<T> {
  const delta: SyncDelta<T> = { create: [], update: [], delete: [] };
  const present = new Set<string>();
  for (const t of now) {
    const [id, changeKey] = key(t);
    present.add(id);
    const known = seen.get(id);
    if (known === undefined) delta.create.push(t);
    else if (known !== changeKey) delta.update.push(t);
  }
  for (const id of seen.keys()) if (!present.has(id)) delta.delete.push(id);
  return delta;
}
