/** IPC between bench/presence-scale.ts and its two child processes (the mock Exchange and the IM&P node). */

export interface ServerInfo {
  fqdn: string;
  ip: string;
  port: number;
}

export type ToExchange =
  | { type: 'start'; users: number }
  | { type: 'meetings'; addresses: string[]; start: number; end: number }
  | { type: 'rss' }
  | { type: 'heap'; file: string }
  | { type: 'stop' };

export type FromExchange =
  | { type: 'ready'; servers: ServerInfo[]; rootPem: string; account: { user: string; password: string } }
  | { type: 'meetings-done'; count: number; ms: number }
  | ({ type: 'rss' } & MemoryFigures)
  | { type: 'heap-done'; file: string };

export type ToImp =
  | {
      type: 'start';
      users: number;
      /** The first this many users get a password: the watching clients log in as them; the rest never log in. */
      loginUsers: number;
      spread: number;
      servers: ServerInfo[];
      rootPem: string;
      account: { user: string; password: string };
    }
  | { type: 'subscribe' }
  | { type: 'wait-reads'; withMeetings: number }
  | { type: 'rss' }
  | { type: 'heap'; file: string }
  | { type: 'stop' };

export type FromImp =
  | { type: 'ready'; presenceUrl: string; configureMs: number }
  | {
      type: 'subscribed';
      ms: number;
      subscribed: number;
      failedAttempts: number;
      firstFailure?: string;
      statuses: Record<string, number>;
    }
  | { type: 'reads-done'; ms: number }
  | ({ type: 'rss' } & MemoryFigures)
  | { type: 'heap-done'; file: string };

/** A child's peak RSS, sampled peaks of its V8 heap and off-heap memory, and its CPU time so far. */
export interface MemoryFigures {
  maxRssKb: number;
  heapTotalKb: number;
  heapUsedKb: number;
  externalKb: number;
  heapNowKb: number;
  cpuMs: number;
}

export const userId = (i: number) => `u${String(i).padStart(5, '0')}`;
export const BENCH_PASSWORD = 'bench';
