/**
 * What the dashboard server and the page say to each other: the /live WebSocket messages and the shapes
 * of the dashboard's own /api routes. Types only, so the browser bundle can import them.
 */
import type { ComposedPresence } from '../gateway/presence/presence-composer.ts';
import type { GatewayStatus } from '../gateway/status/gateway-check.ts';
import type { StatusHelp } from '../gateway/status/status-labels.ts';
import type { ClockDriverState } from '../sim/clock-driver.ts';
import type { JournalEntry } from '../sim/journal.ts';

export type LabKind = 'live' | 'scenario';

/** A journal entry with the users and Exchange servers it concerns, for the log panel's filters. */
export interface TaggedEntry extends JournalEntry {
  users: string[];
  servers: string[];
}

export interface StatusRowView extends GatewayStatus {
  help: StatusHelp;
}

export interface StatusView {
  rows: StatusRowView[];
  notChecked: number;
  restartRequired: boolean;
  checkedAt: number;
}

/** The status area as last checked, and whether a check is running now (it may wait on virtual time). */
export interface StatusState {
  area: StatusView | null;
  checking: boolean;
}

export interface LabSummary {
  kind: LabKind;
  /** Changes whenever the dashboard switches labs (scenario loaded, reset or left). */
  generation: number;
  title: string;
  /** The IM and Presence release the lab's node runs (its release profile). */
  release: string;
  servers: { name: string; fqdn: string; ip: string; port: number }[];
  users: { userId: string; displayName: string; mailbox: string }[];
}

export interface StepView {
  index: number;
  kind: 'say' | 'do' | 'advance' | 'at' | 'expect';
  line: number;
  description: string;
  say?: string;
  /** For expect steps: the expectation groups it checks (status, presence, ...), shown pending until it runs. */
  expects?: string[];
}

export interface CheckView {
  what: string;
  expected: unknown;
  observed: unknown;
  ok: boolean;
}

export interface StepResultView {
  index: number;
  ok: boolean;
  at: string;
  outcome?: string;
  error?: string;
  checks?: CheckView[];
  skipped?: boolean;
}

export interface CatalogEntry {
  id: string;
  title: string;
  section: string;
  symptom: string;
  cause: string;
  fix: string;
  tags: string[];
  /** Set when the file does not load: it is listed, but cannot be played. */
  problem?: string;
}

export type PlayerPhase = 'idle' | 'building' | 'ready' | 'running' | 'playing' | 'finished' | 'failed';

export interface PlayerState {
  phase: PlayerPhase;
  scenario?: CatalogEntry & { steps: StepView[] };
  /** Index of the next step to run (steps.length when all have run). */
  next: number;
  /** The step running now. */
  running?: number;
  results: StepResultView[];
  narration?: string;
  /** Virtual time as the scenario counts it (its start day), after the last step. */
  at?: string;
  error?: string;
  /** Real milliseconds between steps when playing. */
  pace: number;
}

export type LiveMessage =
  | {
      type: 'hello';
      lab: LabSummary;
      clock: ClockDriverState;
      presence: Record<string, ComposedPresence>;
      log: TaggedEntry[];
      status: StatusState;
      player: PlayerState;
    }
  | { type: 'lab'; lab: LabSummary; presence: Record<string, ComposedPresence>; log: TaggedEntry[] }
  | { type: 'clock'; clock: ClockDriverState }
  | { type: 'presence'; user: string; presence: ComposedPresence; at: number }
  | { type: 'log'; entry: TaggedEntry }
  | { type: 'changed' }
  | { type: 'status'; status: StatusState }
  | { type: 'player'; player: PlayerState };

/** One user's calendar for the day, as Exchange holds it (occurrences of series expanded). */
export interface DayCalendar {
  userId: string;
  mailbox: string;
  server: string;
  meetings: {
    id: string;
    itemId: string;
    subject: string;
    start: number;
    end: number;
    freeBusy: string;
    recurring: boolean;
  }[];
}

export interface CalendarsView {
  dayStart: number;
  dayEnd: number;
  calendars: DayCalendar[];
}

/** A refused request: the message, and the form field it is about when there is one. */
export interface ApiErrorBody {
  error: string;
  field?: string;
  code?: string;
}
