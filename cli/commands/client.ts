import { Command } from 'commander';
import type { FeedMessage } from '../../gateway/presence/presence-feed.ts';
import { PresenceFeedClient } from '../../gateway/presence/presence-feed-client.ts';
import { LAB_USER_PASSWORD } from '../../lab/create-lab.ts';
import { CliError } from '../cli-error.ts';
import { runningNodeUrl } from '../node-client.ts';
import { readPassword } from '../password-input.ts';
import { addDataDirOption } from './imp-common.ts';

const STATES = ['available', 'away', 'dnd'] as const;
type OwnState = (typeof STATES)[number];

export interface FeedClientOptions {
  url: string;
  user: string;
  password: string;
  watch: string[];
  state?: OwnState;
  /** Print each feed message as one JSON line instead of text. */
  json?: boolean;
}

export interface RunningFeedClient {
  /** Settles with the exit status: 0 after close(), 1 when the login fails, the node logs us out or the connection drops. */
  done: Promise<number>;
  close(): void;
}

/** The presence feed URL: --url, else the running node's admin URL recorded in the data directory. */
export function resolveFeedUrl(opts: { url?: string; dataDir?: string }): string {
  if (opts.url) {
    if (!/^wss?:\/\//.test(opts.url)) throw new CliError(`--url must be a ws:// or wss:// URL, got "${opts.url}"`);
    return opts.url;
  }
  const admin = runningNodeUrl(opts.dataDir);
  if (!admin) {
    throw new CliError(
      'no running IM&P node found in the data directory; start one ("pgsim lab" or "pgsim imp serve") or pass --url (pgsim lab prints the presence feed URL)',
    );
  }
  return `${admin.replace(/^http/, 'ws')}/presence`;
}

const stamp = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 19);

/** One line of terminal output for a feed message. */
export function formatFeedMessage(m: FeedMessage): string {
  switch (m.type) {
    case 'welcome':
      return `Logged in as ${m.user}: ${m.presence.label} (calendar ${m.presence.calendar})`;
    case 'presence':
      return `[${stamp(m.at)}] ${m.user}: ${m.presence.label} (calendar ${m.presence.calendar}, client ${m.presence.client})`;
    case 'error':
      return `error (${m.code}): ${m.message}`;
    case 'logout':
      return `Logged out by the node: ${m.reason}`;
  }
}

/** Log in to the presence feed, set our state, watch contacts and write every update until closed. */
export function runFeedClient(opts: FeedClientOptions, write: (line: string) => void): RunningFeedClient {
  const client = new PresenceFeedClient(opts.url);
  let closing = false;
  const done = client.closed.then(({ code, reason }) => {
    if (!closing) write(`Connection closed (${code}${reason ? `: ${reason}` : ''}).`);
    return closing ? 0 : 1;
  });
  client.socket.on('error', (err) => {
    write(`Cannot use the presence feed at ${opts.url}: ${err.message}`);
  });
  client.socket.on('open', () => {
    write(`Connected to ${opts.url}; logging in as ${opts.user}.`);
    void client.login(opts.user, opts.password);
  });
  client.onUnreadable = (text) => write(`unreadable message from the node: ${text.slice(0, 200)}`);
  client.onMessage = (m) => {
    write(opts.json ? JSON.stringify(m) : formatFeedMessage(m));
    if (m.type === 'welcome') {
      if (opts.state) client.set(opts.state);
      if (opts.watch.length > 0) client.watch(opts.watch);
    } else if ((m.type === 'error' && m.code === 'login-failed') || m.type === 'logout') {
      void client.close();
    }
  };
  return {
    done,
    close() {
      closing = true;
      void client.close();
    },
  };
}

interface ClientCliOptions {
  user: string;
  password?: string;
  passwordFile?: string;
  watch?: string;
  state?: string;
  url?: string;
  dataDir?: string;
  json?: boolean;
}

export function clientCommand(): Command {
  return addDataDirOption(
    new Command('client')
      .description('a presence client: log in to the presence feed, watch contacts and print live updates until Ctrl-C')
      .requiredOption('--user <id>', 'user ID to log in as')
      .option('--password <password>', `password (default: the lab's "${LAB_USER_PASSWORD}"); - prompts`)
      .option('--password-file <path>', 'read the password from the first line of a file (or set PGSIM_USER_PASSWORD)')
      .option('--watch <users>', 'contacts to watch, comma-separated (bob,carol)')
      .option('--state <state>', 'set your own state after logging in: available, away or dnd')
      .option('--url <ws-url>', 'presence feed URL (default: the running node of the data directory)')
      .option('--json', 'print each feed message as a JSON line'),
  ).action(async (opts: ClientCliOptions) => {
    if (opts.state !== undefined && !(STATES as readonly string[]).includes(opts.state))
      throw new CliError(`--state must be available, away or dnd, got "${opts.state}"`);
    const watch = (opts.watch ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u !== '');
    const client = runFeedClient(
      {
        url: resolveFeedUrl(opts),
        user: opts.user,
        password:
          (await readPassword({
            value: opts.password,
            file: opts.passwordFile,
            env: 'PGSIM_USER_PASSWORD',
            label: 'password',
          })) ?? LAB_USER_PASSWORD,
        watch,
        state: opts.state as OwnState | undefined,
        json: opts.json,
      },
      (line) => process.stdout.write(`${line}\n`),
    );
    process.once('SIGINT', () => client.close());
    process.once('SIGTERM', () => client.close());
    const code = await client.done;
    if (code !== 0) throw new CliError('the presence client stopped', code);
  });
}
