import type { RequestListener } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createSecureContext, type TlsOptions } from 'node:tls';
import { SystemClock } from '../sim/clock.ts';
import type { Journal } from '../sim/journal.ts';
import type { ServedCertificate } from './certs/organization-pki.ts';
import type { NetworkEnv } from './faults/fault.ts';
import { NetworkFaultLayer } from './faults/network-fault-layer.ts';
import { ServerFaults } from './faults/server-faults.ts';

export interface ServerListenerOptions {
  /** The server's faults; none when omitted. */
  faults?: ServerFaults;
  /** Clock and random source network faults act with. */
  network?: NetworkEnv;
  journal?: Journal;
  /** Largest request head (request line and headers) in bytes; larger gets 431, as IIS refuses it (default 16 KB). */
  maxHeaderSize?: number;
}

/** Node's own limit, and close to IIS's default MaxRequestBytes (16 KB). */
export const DEFAULT_MAX_HEADER_SIZE = 16 * 1024;

const HEADER_TOO_LARGE =
  'HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain\r\nContent-Length: 35\r\nConnection: close\r\n\r\nRequest header fields are too large';

/**
 * One Exchange server's HTTPS listener on its own loopback address. The public port belongs to a TCP
 * fault layer (mock-exchange/faults) that hands healthy connections to the TLS server; the TLS server
 * also listens on an internal loopback port that the fault layer proxies through when a stream fault
 * (latency, limit-data, slow-close) applies.
 */
export class ServerListener {
  #server: Server | undefined;
  #layer: NetworkFaultLayer | undefined;
  readonly #sockets = new Set<Socket>();
  readonly faults: ServerFaults;
  readonly #network: NetworkEnv;

  constructor(
    readonly name: string,
    readonly app: RequestListener,
    readonly host: string,
    readonly requestedPort: number,
    readonly options: ServerListenerOptions = {},
  ) {
    this.#network = options.network ?? { clock: new SystemClock(), random: Math.random };
    this.faults = options.faults ?? new ServerFaults(name, this.#network.clock, this.#network.random);
  }

  get port(): number {
    return this.#layer?.port ?? 0;
  }

  /** True between start and stop, even while the fault layer keeps the port closed. */
  get running(): boolean {
    return this.#server !== undefined;
  }

  /** False while the server is down (fault `down`) or stopped. */
  get listening(): boolean {
    return this.#layer?.listening === true;
  }

  /** Listen on `port` (default: the configured one; a restart passes the port it had). */
  async start(cert: ServedCertificate, port = this.requestedPort): Promise<number> {
    if (this.#server) throw new Error(`Server ${this.name} is already listening`);
    const server = createServer(
      { ...secureOptions(cert), maxHeaderSize: this.options.maxHeaderSize ?? DEFAULT_MAX_HEADER_SIZE },
      this.app,
    );
    server.keepAliveTimeout = 120_000;
    server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.once('close', () => this.#sockets.delete(s));
    });
    // A client that speaks garbage must never take the listener down.
    server.on('tlsClientError', () => {});
    server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      // An oversized head is answered (RFC 6585 §5), not reset; other garbage just loses its connection.
      if (err.code === 'HPE_HEADER_OVERFLOW' && socket.writable) socket.end(HEADER_TOO_LARGE);
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    const internalPort = (server.address() as AddressInfo).port;
    const layer = new NetworkFaultLayer(
      this.name,
      this.faults,
      this.#network,
      { handoff: (socket) => server.emit('connection', socket), internalPort },
      this.host,
      this.options.journal,
    );
    try {
      await layer.start(port);
    } catch (err) {
      this.#server = undefined;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw err;
    }
    this.#layer = layer;
    return layer.port;
  }

  /**
   * Serve another certificate (profile) to new connections; open connections keep the one they
   * negotiated. Throws, changing nothing, when Node cannot load the chain with its TLS options.
   */
  setCertificate(cert: ServedCertificate): void {
    const server = this.#server;
    if (!server) throw new Error(`Server ${this.name} is not running`);
    const options = secureOptions(cert);
    createSecureContext(options);
    server.setSecureContext(options);
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    await this.#layer?.stop();
    this.#layer = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.#sockets) s.destroy();
    await closed;
  }
}

function secureOptions(cert: ServedCertificate): TlsOptions {
  return { key: cert.keyPem, cert: cert.chainPem.join('\n'), ...cert.tls };
}
