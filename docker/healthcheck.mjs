// Container health check: each argument is a pgsim ready file (every server it lists must accept a TCP
// connection now: a ready file left in the volume by an earlier run proves nothing alone) or HOST:PORT.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** The addresses one argument stands for; an unreadable ready file is a failure that names the file. */
function targets(arg) {
  const hostPort = /^([^/:]+):(\d+)$/.exec(arg);
  if (hostPort) return [{ host: hostPort[1], port: Number(hostPort[2]) }];
  let ready;
  try {
    ready = JSON.parse(readFileSync(arg, 'utf8'));
  } catch (err) {
    throw new Error(`${arg}: ${err.code ?? err.message}`);
  }
  const servers = Array.isArray(ready.servers) ? ready.servers : (ready.exchange?.servers ?? []);
  if (servers.length === 0) throw new Error(`${arg}: lists no servers`);
  return servers.map((s) => ({ host: s.ip, port: s.port }));
}

function reachable({ host, port }) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`${host}:${port}: no answer`));
    });
    socket.once('error', (err) => reject(new Error(`${host}:${port}: ${err.code ?? err.message}`)));
  });
}

try {
  const args = process.argv.slice(2);
  if (args.length === 0) throw new Error('usage: healthcheck.mjs READY_FILE|HOST:PORT...');
  await Promise.all(args.flatMap(targets).map(reachable));
  process.stdout.write('healthy\n');
} catch (err) {
  process.stderr.write(`unhealthy: ${err.message}\n`);
  process.exitCode = 1;
}
