import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { PresenceChange } from '../gateway/presence/presence-store.ts';
import { crossOriginReason } from '../sim/cross-origin-guard.ts';
import type { JournalEntry } from '../sim/journal.ts';
import type { LabContext } from './lab-context.ts';
import type { LiveMessage, PlayerState, TaggedEntry } from './protocol.ts';

/** Log entries a page gets when it connects. */
const HISTORY = 400;
/** Clock updates per second at most: a jump fires thousands of ticks. */
const CLOCK_INTERVAL_MS = 100;
/** Sources whose entries mean the configuration or the organization changed: pages reload their data. */
const CHANGE_SOURCES = /^(config|presence-engine|certificate-viewer|imp-node|directory|organization|server:.*)$/;

/**
 * The /live WebSocket: one stream per page with the clock, presence changes, the tagged journal, the
 * status area and the scenario player. Read-only: pages act through the HTTP routes.
 */
export class LiveHub {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  #ctx: LabContext | undefined;
  #detach: (() => void)[] = [];
  #clockTimer: NodeJS.Timeout | undefined;
  #changedTimer: NodeJS.Timeout | undefined;

  constructor(readonly player: () => PlayerState) {}

  get clients(): number {
    return this.#wss.clients.size;
  }

  /** Follow another lab: every page is told, and reloads. */
  attach(ctx: LabContext): void {
    for (const d of this.#detach.splice(0)) d();
    this.#ctx = ctx;
    const { lab, driver, clock } = { lab: ctx.lab, driver: ctx.handle.driver, clock: ctx.handle.clock };
    const onEntry = (e: JournalEntry) => {
      this.send({ type: 'log', entry: ctx.tag(e) });
      if (CHANGE_SOURCES.test(e.source)) this.changed();
    };
    const onPresence = (c: PresenceChange) =>
      this.send({ type: 'presence', user: c.userId, presence: c.presence, at: c.at });
    lab.imp.presence.on('change', onPresence);
    this.#detach.push(
      lab.journal.subscribe(onEntry),
      () => lab.imp.presence.off('change', onPresence),
      driver.onChange(() => this.#clockSoon()),
      clock.onTick(() => this.#clockSoon()),
    );
    this.send({ type: 'lab', lab: ctx.summary(), presence: this.#presence(ctx), log: this.#history(ctx) });
    this.send({ type: 'status', status: ctx.status.state() });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Another site's page must not read the lab's log either.
    if (crossOriginReason(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const ctx = this.#ctx;
      if (!ctx) {
        ws.close(1013, 'no lab');
        return;
      }
      const log = this.#history(ctx);
      const hello: LiveMessage = {
        type: 'hello',
        lab: ctx.summary(),
        clock: ctx.handle.driver.state(),
        presence: this.#presence(ctx),
        log,
        status: ctx.status.state(),
        player: this.player(),
      };
      ws.send(JSON.stringify(hello));
      ws.on('message', () => ws.close(1003, 'this stream is read-only'));
    });
  }

  send(msg: LiveMessage): void {
    if (this.#wss.clients.size === 0) return;
    const text = JSON.stringify(msg);
    for (const c of this.#wss.clients) if (c.readyState === c.OPEN) c.send(text);
  }

  /** Something changed: pages reload what they show, and the status area is checked again (coalesced). */
  changed(): void {
    if (this.#changedTimer) return;
    this.#changedTimer = setTimeout(() => {
      this.#changedTimer = undefined;
      this.#ctx?.status.refresh();
      this.send({ type: 'changed' });
    }, 50);
  }

  #clockSoon(): void {
    if (this.#clockTimer) return;
    this.#clockTimer = setTimeout(() => {
      this.#clockTimer = undefined;
      if (this.#ctx) this.send({ type: 'clock', clock: this.#ctx.handle.driver.state() });
    }, CLOCK_INTERVAL_MS);
  }

  #history(ctx: LabContext): TaggedEntry[] {
    return ctx.lab.journal.entries().slice(-HISTORY).map(ctx.tag);
  }

  #presence(ctx: LabContext) {
    const { imp } = ctx.lab;
    return Object.fromEntries(imp.config.users.list().map((u) => [u.userId, imp.presence.get(u.userId)]));
  }

  close(): void {
    for (const d of this.#detach.splice(0)) d();
    clearTimeout(this.#clockTimer);
    clearTimeout(this.#changedTimer);
    for (const c of this.#wss.clients) c.terminate();
    this.#wss.close();
  }
}
