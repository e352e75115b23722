import { DEFAULT_RETENTION_MS } from './change-log.ts';
import type { ThrottlingPolicy } from './throttling-policy.ts';

export interface NotificationOptions {
  /** How long mailbox events (and so watermarks) stay usable; Exchange keeps 30 days. */
  retentionMs?: number;
  /** Sim time to wait for a push subscriber's reply before counting the push as unanswered. */
  pushTimeoutMs?: number;
  /** Send a StatusEvent right after a push Subscribe (undocumented in Exchange; off by default). */
  pushInitialStatus?: boolean;
  /** Concurrent connections per push subscriber host. */
  pushMaxSockets?: number;
  /** Interval of ConnectionStatus OK keepalives on streaming connections. */
  streamingKeepAliveMs?: number;
  /** A streaming subscription with no open connection for this long expires. */
  streamingIdleExpiryMs?: number;
  /** Policy for accounts without their own. */
  defaultThrottlingPolicy?: Partial<ThrottlingPolicy>;
  /** Per-account policies, keyed by logon name. */
  throttling?: Record<string, Partial<ThrottlingPolicy>>;
}

export type ResolvedNotificationOptions = Required<Omit<NotificationOptions, 'defaultThrottlingPolicy' | 'throttling'>>;

export function resolveNotificationOptions(o: NotificationOptions): ResolvedNotificationOptions {
  return {
    retentionMs: o.retentionMs ?? DEFAULT_RETENTION_MS,
    pushTimeoutMs: o.pushTimeoutMs ?? 20_000,
    pushInitialStatus: o.pushInitialStatus ?? false,
    pushMaxSockets: o.pushMaxSockets ?? 64,
    streamingKeepAliveMs: o.streamingKeepAliveMs ?? 30_000,
    streamingIdleExpiryMs: o.streamingIdleExpiryMs ?? 30 * 60_000,
  };
}
