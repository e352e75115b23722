import { EventEmitter } from 'node:events';
import type { CalendarState } from '../calendar/meeting-state.ts';
import { type ClientState, type ComposedPresence, composePresence } from './presence-composer.ts';

export interface PresenceChange {
  userId: string;
  presence: ComposedPresence;
  previous: ComposedPresence | undefined;
  at: number;
}

/** Every user's composed presence; emits 'change' only when the published label or inputs change. */
export class PresenceStore extends EventEmitter<{ change: [PresenceChange] }> {
  readonly #client = new Map<string, ClientState>();
  readonly #calendar = new Map<string, CalendarState | 'unknown'>();
  readonly #published = new Map<string, ComposedPresence>();

  constructor(
    readonly now: () => number,
    public outOfOffice = false,
  ) {
    super();
    this.setMaxListeners(0);
  }

  get(userId: string): ComposedPresence {
    const key = userId.toLowerCase();
    return (
      this.#published.get(key) ??
      composePresence(this.#client.get(key) ?? 'offline', this.#calendar.get(key) ?? 'unknown', this.outOfOffice)
    );
  }

  all(): Record<string, ComposedPresence> {
    return Object.fromEntries([...this.#published.entries()]);
  }

  setClient(userId: string, state: ClientState): void {
    this.#client.set(userId.toLowerCase(), state);
    this.#publish(userId);
  }

  setCalendar(userId: string, state: CalendarState | 'unknown'): void {
    this.#calendar.set(userId.toLowerCase(), state);
    this.#publish(userId);
  }

  forget(userId: string): void {
    const key = userId.toLowerCase();
    this.#calendar.delete(key);
    this.#publish(userId);
  }

  #publish(userId: string): void {
    const key = userId.toLowerCase();
    const next = composePresence(
      this.#client.get(key) ?? 'offline',
      this.#calendar.get(key) ?? 'unknown',
      this.outOfOffice,
    );
    const prev = this.#published.get(key);
    if (prev && prev.label === next.label && prev.client === next.client && prev.calendar === next.calendar) return;
    this.#published.set(key, next);
    this.emit('change', { userId: key, presence: next, previous: prev, at: this.now() });
  }
}
