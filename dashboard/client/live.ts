import type { ComposedPresence } from '../../gateway/presence/presence-composer.ts';
import type { ClockDriverState } from '../../sim/clock-driver.ts';
import type { LabSummary, LiveMessage, PlayerState, StatusState, TaggedEntry } from '../protocol.ts';

/** Log entries the page keeps. */
const LOG_LIMIT = 3000;

type Listener = (msg: LiveMessage) => void;

/**
 * The page's copy of the lab's live state, kept current by the /live WebSocket; reconnects on its own
 * (the lab may be restarted under a trainer's open page).
 */
export class Live {
  lab: LabSummary | undefined;
  clock: ClockDriverState = { now: 0, speed: 1, paused: true };
  presence = new Map<string, ComposedPresence>();
  log: TaggedEntry[] = [];
  status: StatusState = { area: null, checking: false };
  player: PlayerState | undefined;
  connected = false;
  readonly #listeners = new Set<Listener>();
  #retry = 500;

  connect(): void {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live`);
    ws.onmessage = (ev) => this.#receive(JSON.parse(String(ev.data)) as LiveMessage);
    ws.onopen = () => {
      this.#retry = 500;
    };
    ws.onclose = () => {
      this.connected = false;
      document.body.dataset.live = 'disconnected';
      setTimeout(() => this.connect(), this.#retry);
      this.#retry = Math.min(this.#retry * 2, 5000);
    };
  }

  /** Listen to every message; returns the function that stops listening. */
  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #receive(msg: LiveMessage): void {
    switch (msg.type) {
      case 'hello':
        this.lab = msg.lab;
        this.clock = msg.clock;
        this.presence = new Map(Object.entries(msg.presence));
        this.log = msg.log;
        this.status = msg.status;
        this.player = msg.player;
        this.connected = true;
        document.body.dataset.live = 'connected';
        break;
      case 'lab':
        this.lab = msg.lab;
        this.presence = new Map(Object.entries(msg.presence));
        this.log = msg.log;
        break;
      case 'clock':
        this.clock = msg.clock;
        break;
      case 'presence':
        this.presence.set(msg.user.toLowerCase(), msg.presence);
        break;
      case 'log':
        this.log.push(msg.entry);
        if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
        break;
      case 'status':
        this.status = msg.status;
        break;
      case 'player':
        this.player = msg.player;
        break;
      case 'changed':
        break;
    }
    for (const l of this.#listeners) l(msg);
  }

  presenceOf(userId: string): ComposedPresence | undefined {
    return this.presence.get(userId.toLowerCase());
  }
}
