import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';

interface Channels {
  serverSocket: (m: unknown) => void;
  clientSocket: (m: unknown) => void;
  requestStart: (m: unknown) => void;
}

/**
 * Watches the process's own sockets and HTTP requests, so the runner can tell when the lab has gone
 * quiet. Every lab connection has an in-process server side (the mock's TCP layer, the node's listeners),
 * so the bytes those sockets moved change whenever any exchange makes progress.
 */
export class LabActivity {
  readonly #sockets = new Set<Socket>();
  readonly #requests = new Set<ClientRequest>();
  #closedBytes = 0;
  #events = 0;
  readonly #channels: Channels;

  constructor() {
    const track = (m: unknown) => this.#track((m as { socket: Socket }).socket);
    this.#channels = {
      serverSocket: track,
      clientSocket: track,
      requestStart: (m) => this.#request((m as { request: ClientRequest }).request),
    };
    diagnostics.subscribe('net.server.socket', this.#channels.serverSocket);
    diagnostics.subscribe('net.client.socket', this.#channels.clientSocket);
    diagnostics.subscribe('http.client.request.start', this.#channels.requestStart);
  }

  /** HTTP requests sent and not yet answered (or failed). */
  get requestsInFlight(): number {
    return this.#requests.size;
  }

  /** Changes whenever a byte moves, a socket opens or closes, or a request starts or ends. */
  signature(): string {
    let bytes = this.#closedBytes;
    for (const s of this.#sockets) bytes += s.bytesRead + s.bytesWritten;
    return `${bytes}/${this.#sockets.size}/${this.#requests.size}/${this.#events}`;
  }

  dispose(): void {
    diagnostics.unsubscribe('net.server.socket', this.#channels.serverSocket);
    diagnostics.unsubscribe('net.client.socket', this.#channels.clientSocket);
    diagnostics.unsubscribe('http.client.request.start', this.#channels.requestStart);
    this.#sockets.clear();
    this.#requests.clear();
  }

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    this.#events++;
    socket.once('close', () => {
      if (!this.#sockets.delete(socket)) return;
      this.#closedBytes += socket.bytesRead + socket.bytesWritten;
      this.#events++;
    });
  }

  #request(req: ClientRequest): void {
    this.#requests.add(req);
    this.#events++;
    const done = () => {
      if (this.#requests.delete(req)) this.#events++;
    };
    req.once('close', done);
    req.once('upgrade', done);
  }
}
