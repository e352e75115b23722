import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type express from 'express';
import type { ServedCertificate } from './certs/organization-pki.ts';

/** One Exchange server's HTTPS listener on its own loopback address. */
export class ServerListener {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  #port = 0;

  constructor(
    readonly name: string,
    readonly app: express.Express,
    readonly host: string,
    readonly requestedPort: number,
  ) {}

  get port(): number {
    return this.#port;
  }

  get listening(): boolean {
    return this.#server?.listening === true;
  }

  async start(cert: ServedCertificate): Promise<number> {
    if (this.#server) throw new Error(`Server ${this.name} is already listening`);
    const server = createServer({ key: cert.keyPem, cert: cert.chainPem.join('\n') }, this.app);
    server.keepAliveTimeout = 120_000;
    server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.once('close', () => this.#sockets.delete(s));
    });
    // A client that speaks garbage must never take the listener down.
    server.on('tlsClientError', () => {});
    server.on('clientError', (_err, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.requestedPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(
        `Server ${this.name} cannot listen on ${this.host}:${this.requestedPort}: ${err.code ?? err.message}`,
      );
    });
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this.#port;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.#sockets) s.destroy();
    await closed;
  }
}
