import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Journal } from '../../sim/journal.ts';
import { wireText } from '../../sim/wire-text.ts';
import type { UserStore } from '../config/user-store.ts';
import { LoginThrottle } from './login-throttle.ts';
import type { ClientState, ComposedPresence } from './presence-composer.ts';
import type { PresenceChange, PresenceStore } from './presence-store.ts';

/** Messages a client sends (JSON text frames). */
export type FeedRequest =
  | { type: 'login'; user: string; password: string }
  | { type: 'set'; state: Exclude<ClientState, 'offline'> }
  | { type: 'watch'; users: string[] }
  | { type: 'unwatch'; users: string[] }
  /** The user's own "show meetings in my status" option in the client (include meeting information). */
  | { type: 'calendaring'; on: boolean };

/** Messages the node sends. */
export type FeedMessage =
  | { type: 'welcome'; user: string; presence: ComposedPresence }
  | { type: 'presence'; user: string; presence: ComposedPresence; at: number }
  | {
      type: 'error';
      code: 'bad-message' | 'not-logged-in' | 'login-failed' | 'login-throttled' | 'unknown-user';
      message: string;
      /** login-throttled: milliseconds (on the node's clock) before this user ID or address may try again. */
      retryAfterMs?: number;
    }
  | { type: 'logout'; reason: string };

interface Session {
  socket: WebSocket;
  /** The connection under the WebSocket, corked while one turn's changes are written. */
  stream: Duplex;
  /** Corked until the end of this turn. */
  corked: boolean;
  /** The client's address: failed logins count against it as well as against the user ID. */
  address: string;
  user?: string;
  watching: Set<string>;
}

const SETTABLE = new Set(['available', 'away', 'dnd']);

/** The presence feed over WebSocket: log in, set your own state, watch contacts, receive every change. */
export class PresenceFeed {
  readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  readonly #sessions = new Set<Session>();
  readonly #onChange = (c: PresenceChange) => this.#broadcast(c);
  /** Failed logins per user ID and address, on the node's clock (virtual in a lab). */
  readonly throttle: LoginThrottle;

  constructor(
    readonly presence: PresenceStore,
    readonly users: UserStore,
    readonly journal: Journal,
  ) {
    this.throttle = new LoginThrottle(() => presence.now());
    presence.on('change', this.#onChange);
    this.wss.on('connection', (socket, req: IncomingMessage) => this.#accept(socket, req.socket));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Users with at least one logged-in client. */
  loggedIn(): string[] {
    return [...new Set([...this.#sessions].flatMap((s) => (s.user ? [s.user] : [])))];
  }

  /** Log a user's clients out (license removed, user deleted), telling them why. */
  logout(userId: string, reason: string): number {
    let n = 0;
    for (const s of this.#sessions) {
      if (s.user !== userId.toLowerCase()) continue;
      send(s.socket, { type: 'logout', reason });
      s.socket.close(4001, reason.slice(0, 100));
      s.user = undefined;
      n++;
    }
    if (n > 0) {
      this.presence.setClient(userId, 'offline');
      this.journal.record('info', 'presence-feed', `${userId} logged out of ${n} client(s): ${reason}`, {
        user: userId,
      });
    }
    return n;
  }

  close(): void {
    this.presence.off('change', this.#onChange);
    for (const s of this.#sessions) s.socket.terminate();
    this.wss.close();
  }

  #accept(socket: WebSocket, stream: IncomingMessage['socket']): void {
    const session: Session = {
      socket,
      stream,
      corked: false,
      address: stream.remoteAddress ?? '',
      watching: new Set(),
    };
    this.#sessions.add(session);
    socket.on('message', (data, isBinary) => this.#receive(session, isBinary ? '' : data.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.#sessions.delete(session);
      const user = session.user;
      if (user && !this.loggedIn().includes(user)) this.presence.setClient(user, 'offline');
    });
  }

  #receive(s: Session, text: string): void {
    let msg: FeedRequest;
    try {
      msg = JSON.parse(text) as FeedRequest;
      if (typeof msg !== 'object' || msg === null || typeof msg.type !== 'string') throw new Error('no "type"');
    } catch (err) {
      send(s.socket, {
        type: 'error',
        code: 'bad-message',
        message: `Not a JSON message with a "type": ${(err as Error).message}`,
      });
      return;
    }
    if (msg.type === 'login') {
      // Shown and counted cut and escaped: a login name comes from the wire.
      const name = wireText(typeof msg.user === 'string' ? msg.user : String(msg.user));
      const wait = this.throttle.waitFor(name, s.address);
      if (wait > 0) {
        // Locked out: the password is not even checked, so guessing gains nothing until the lockout ends.
        send(s.socket, {
          type: 'error',
          code: 'login-throttled',
          message: `Too many failed logins for "${name}" or from this address: try again in ${Math.ceil(wait / 1000)} s`,
          retryAfterMs: wait,
        });
        return;
      }
      const user =
        typeof msg.user === 'string' && typeof msg.password === 'string'
          ? this.users.authenticate(msg.user, msg.password)
          : undefined;
      if (!user?.impEnabled || !user.licensed) {
        send(s.socket, {
          type: 'error',
          code: 'login-failed',
          message: `Login failed for "${name}": wrong user ID or password, or the user is not enabled for IM and Presence`,
        });
        this.journal.record('info', 'presence-feed', `login failed for ${name}`);
        const lockout = this.throttle.failed(name, s.address);
        if (lockout > 0)
          this.journal.record(
            'warn',
            'presence-feed',
            `logins for ${name} from ${s.address} locked out for ${lockout / 1000} s after repeated failures`,
          );
        return;
      }
      const id = user.userId.toLowerCase();
      this.throttle.succeeded(id);
      // Publish before joining the session, so that its first message is the welcome.
      this.presence.setClient(id, 'available');
      s.user = id;
      send(s.socket, { type: 'welcome', user: s.user, presence: this.presence.get(s.user) });
      this.journal.record('info', 'presence-feed', `${s.user} logged in`, { user: s.user });
      return;
    }
    if (!s.user) {
      send(s.socket, {
        type: 'error',
        code: 'not-logged-in',
        message: 'Send {"type":"login","user":...,"password":...} first',
      });
      return;
    }
    switch (msg.type) {
      case 'set':
        if (!SETTABLE.has(msg.state)) {
          send(s.socket, {
            type: 'error',
            code: 'bad-message',
            message: `"state" must be available, away or dnd, got ${JSON.stringify(msg.state)}`,
          });
          return;
        }
        this.presence.setClient(s.user, msg.state);
        return;
      case 'calendaring':
        if (typeof msg.on !== 'boolean') {
          send(s.socket, { type: 'error', code: 'bad-message', message: '"on" must be true or false' });
          return;
        }
        this.users.update(s.user, { calendaring: msg.on });
        this.journal.record(
          'info',
          'presence-feed',
          `${s.user} turned calendaring ${msg.on ? 'on' : 'off'} in the client`,
          {
            user: s.user,
          },
        );
        return;
      case 'watch':
      case 'unwatch': {
        if (!Array.isArray(msg.users) || msg.users.some((u) => typeof u !== 'string')) {
          send(s.socket, { type: 'error', code: 'bad-message', message: '"users" must be a list of user IDs' });
          return;
        }
        for (const raw of msg.users) {
          const u = raw.toLowerCase();
          if (msg.type === 'unwatch') {
            s.watching.delete(u);
            continue;
          }
          if (!this.users.get(u)) {
            send(s.socket, { type: 'error', code: 'unknown-user', message: `No user "${raw}"` });
            continue;
          }
          s.watching.add(u);
          send(s.socket, { type: 'presence', user: u, presence: this.presence.get(u), at: this.presence.now() });
        }
        return;
      }
      default:
        send(s.socket, {
          type: 'error',
          code: 'bad-message',
          message: `Unknown message type "${String((msg as { type: unknown }).type)}"`,
        });
    }
  }

  #broadcast(c: PresenceChange): void {
    for (const s of this.#sessions) {
      if (s.user && (s.watching.has(c.userId) || s.user === c.userId)) {
        holdForThisTurn(s);
        send(s.socket, { type: 'presence', user: c.userId, presence: c.presence, at: c.at });
      }
    }
  }
}

/**
 * Changes made in one turn of the event loop (a Calendar Spread boundary moves thousands of users in the timers of
 * one turn) go to each client in one write after them, not one system call per message: at 5,000 simultaneous
 * transitions the per-message writes were three quarters of the node's time from the boundary to the last publish.
 * setImmediate, not nextTick: Node runs the nextTick queue between two timer callbacks of the same turn.
 */
function holdForThisTurn(s: Session): void {
  if (s.corked) return;
  s.corked = true;
  s.stream.cork();
  setImmediate(() => {
    s.corked = false;
    s.stream.uncork();
  });
}

function send(socket: WebSocket, msg: FeedMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
}
