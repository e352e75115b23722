import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Journal } from '../../sim/journal.ts';
import type { Fault, NetworkEnv, NetworkFaultDefinition, StreamStage } from './fault.ts';
import { faultDefinition } from './parse-fault.ts';
import type { ServerFaults } from './server-faults.ts';

/** Where healthy connections go: the TLS server, by handing over the socket or through its internal port. */
export interface FaultLayerTarget {
  handoff(socket: Socket): void;
  readonly internalPort: number;
}

/**
 * The TCP layer in front of one server's TLS listener, in the manner of toxiproxy: it owns the public
 * port. A connection no fault touches is handed to the TLS server as is; one a stream fault applies to
 * is proxied through the TLS server's internal loopback port with the fault's stages in between; a
 * connection-level fault (hang, reset, close) takes the socket over; `down` closes the port.
 */
export class NetworkFaultLayer {
  #server: Server | undefined;
  #port = 0;
  #started = false;
  #changes: Promise<void> = Promise.resolve();
  readonly #sockets = new Set<Socket>();
  readonly #held = new Map<Socket, string>();
  readonly #unsubscribe: () => void;

  constructor(
    readonly name: string,
    readonly faults: ServerFaults,
    readonly env: NetworkEnv,
    readonly target: FaultLayerTarget,
    readonly host: string,
    readonly journal?: Journal,
  ) {
    this.#unsubscribe = faults.onChange(() => this.#apply());
  }

  get port(): number {
    return this.#port;
  }

  get listening(): boolean {
    return this.#server?.listening === true;
  }

  /** Listen on host:port (0 = any free port); returns the port, which stays the server's while it is down. */
  async start(port: number): Promise<number> {
    this.#port = port;
    await this.#listen();
    this.#started = true;
    if (this.faults.down) await this.#close();
    return this.#port;
  }

  async stop(): Promise<void> {
    this.#started = false;
    this.#unsubscribe();
    await this.#changes;
    await this.#close();
  }

  #apply(): Promise<void> {
    this.#changes = this.#changes.then(async () => {
      const names = new Set(this.faults.list().map((f) => f.name));
      for (const [socket, fault] of this.#held) if (!names.has(fault)) socket.end();
      if (this.faults.down && this.#server) await this.#close();
      else if (!this.faults.down && !this.#server && this.#started) await this.#listen();
    });
    return this.#changes;
  }

  async #listen(): Promise<void> {
    const server = createServer((socket) => this.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`Server ${this.name} cannot listen on ${this.host}:${this.#port}: ${err.code ?? err.message}`);
    });
    server.on('error', (err) => this.journal?.record('error', `server:${this.name}`, `listener error: ${err.message}`));
    this.#server = server;
    this.#port = (server.address() as { port: number }).port;
  }

  /** Close the port and drop every connection it accepted, as toxiproxy does for a disabled proxy. */
  async #close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => {
      this.#sockets.delete(socket);
      this.#held.delete(socket);
    });
    // A fault's victim may error in any way; none of it may take the listener down.
    socket.on('error', () => socket.destroy());
  }

  #accept(socket: Socket): void {
    this.#track(socket);
    const plan = this.faults.forConnection();
    if (plan.takeOver) {
      const def = faultDefinition(plan.takeOver) as NetworkFaultDefinition;
      this.#held.set(socket, plan.takeOver.name);
      this.journal?.record('debug', `fault:${this.name}`, `${plan.takeOver.type} took a connection`, {
        fault: plan.takeOver.name,
      });
      def.takeOver?.(plan.takeOver, socket, this.env);
      return;
    }
    if (plan.stream.length === 0) {
      this.target.handoff(socket);
      return;
    }
    this.#proxy(socket, plan.stream);
  }

  #proxy(client: Socket, faults: Fault[]): void {
    client.allowHalfOpen = true;
    const upstream = connect({ host: '127.0.0.1', port: this.target.internalPort, allowHalfOpen: true });
    this.#track(upstream);
    const closeLink = () => {
      client.end();
      upstream.end();
    };
    const env = { ...this.env, closeLink };
    const chain = (direction: 'upstream' | 'downstream', dest: Socket): StreamStage => {
      let stage: StreamStage = {
        write: (chunk) => {
          if (!dest.destroyed && dest.writable) dest.write(chunk);
        },
        end: () => {
          if (!dest.destroyed) dest.end();
        },
      };
      for (const f of [...faults].reverse()) {
        const def = faultDefinition(f) as NetworkFaultDefinition;
        if (def.stage && def.stream?.(f) === direction) stage = def.stage(f, stage, env);
      }
      return stage;
    };
    const up = chain('upstream', upstream);
    const down = chain('downstream', client);
    client.on('data', (chunk: Buffer) => up.write(chunk));
    client.on('end', () => up.end());
    upstream.on('data', (chunk: Buffer) => down.write(chunk));
    upstream.on('end', () => down.end());
    client.once('close', () => upstream.destroy());
    upstream.once('close', (hadError) => {
      if (hadError) client.destroy();
    });
  }
}
