/** Typed IPC to a bench's child processes (forked with tsx, as the benches run). */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A child process answering typed IPC requests in order. */
export class Child<To, From extends { type: string }> {
  readonly #waiting: { type: string; resolve: (m: From) => void }[] = [];

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    proc.on('message', (m: From) => {
      const i = this.#waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.#waiting.splice(i, 1)[0]?.resolve(m);
    });
    proc.on('exit', (code) => {
      if (this.#waiting.length > 0) {
        process.stderr.write(`${name} exited (${code}) while the bench waited for it\n`);
        process.exit(1);
      }
    });
  }

  static fork<To, From extends { type: string }>(name: string, file: string, profDir?: string): Child<To, From> {
    const proc = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
      execArgv: [
        '--import',
        'tsx',
        '--max-old-space-size=4096',
        ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
      ],
    });
    return new Child<To, From>(name, proc);
  }

  ask<T extends From['type']>(msg: To, reply: T): Promise<Extract<From, { type: T }>> {
    return new Promise((resolve) => {
      this.#waiting.push({ type: reply, resolve: resolve as (m: From) => void });
      this.proc.send(msg as object);
    });
  }

  tell(msg: To): void {
    this.proc.send(msg as object);
  }
}
