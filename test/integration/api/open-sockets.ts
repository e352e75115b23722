import { createServer } from 'node:net';

/** TCP servers and sockets the process holds: a stop() that leaks one shows here. */
export function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap').length;
}

/** Whether ip:port can be listened on again (nothing holds it). */
export function portIsFree(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, ip, () => server.close(() => resolve(true)));
  });
}
