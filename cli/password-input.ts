import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from './cli-error.ts';

/** Where a command may find a password besides its argument (which `ps` shows to every local user). */
export interface PasswordSources {
  /** The argument's value; '-' asks for it (a hidden prompt on a terminal, else a line of stdin). */
  value?: string;
  /** --password-file: the file's first line. */
  file?: string;
  /** The environment variable consulted when neither is given. */
  env: string;
  /** What the prompt asks for. */
  label: string;
  /** Prompt on a terminal when nothing else gave one (a password the command cannot do without). */
  promptIfMissing?: boolean;
}

/** Add --<name>-file <path> next to a password option, and say which variable stands in for both. */
export function addPasswordFileOption(cmd: Command, option: string, env: string): Command {
  return cmd.option(
    `--${option}-file <path>`,
    `read the ${option.replace(/-/g, ' ')} from the first line of a file (or set ${env}; "--${option} -" prompts)`,
  );
}

/** The password from the argument, the file, the environment or a prompt, in that order; undefined if none. */
export async function readPassword(src: PasswordSources): Promise<string | undefined> {
  if (src.value !== undefined && src.file !== undefined)
    throw new CliError(`give the ${src.label} once: as an argument or in a file, not both`);
  if (src.value === '-') return ask(src.label);
  if (src.value !== undefined) return src.value;
  if (src.file !== undefined) return fromFile(src.file, src.label);
  const env = process.env[src.env];
  if (env !== undefined && env !== '') return env;
  if (src.promptIfMissing && process.stdin.isTTY) return ask(src.label);
  return undefined;
}

function fromFile(file: string, label: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read the ${label} from ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new CliError(`${file}: the first line is empty; expected the ${label}`);
  return line;
}

async function ask(label: string): Promise<string> {
  const value = process.stdin.isTTY ? await promptHidden(`${label}: `) : await firstStdinLine();
  if (value === '') throw new CliError(`no ${label} given`);
  return value;
}

function firstStdinLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const nl = buf.search(/\r?\n/);
      if (nl !== -1) finish(buf.slice(0, nl));
      else if (buf.length > 4096) reject(new CliError('the password line on stdin is longer than 4096 characters'));
    };
    const finish = (line: string) => {
      process.stdin.off('data', onData);
      process.stdin.off('end', onEnd);
      process.stdin.pause();
      resolve(line);
    };
    const onEnd = () => finish(buf);
    process.stdin.on('data', onData);
    process.stdin.once('end', onEnd);
  });
}

/** Read a line on the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let buf = '';
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolve(buf);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          done();
          reject(new CliError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') buf = buf.slice(0, -1);
        else buf += ch;
      }
    };
    stdin.on('data', onData);
  });
}
