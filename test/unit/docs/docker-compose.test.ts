import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../../../cli/cli.ts';
import { defaultOrgConfig } from '../../../mock-exchange/default-org.ts';
import { REPO_ROOT } from '../../support/pgsim-process.ts';

interface Service {
  image?: string;
  working_dir?: string;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  command?: string | string[];
  ports?: (string | number | { target?: number; published?: number | string })[];
}

const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
  services?: Record<string, Service>;
};
const services = Object.entries(compose.services ?? {});

/** Shell words of a command line: whitespace-separated, single and double quotes grouping. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** The shell script a service runs: `sh -c SCRIPT` unwrapped, an exec-form list joined. */
function script(command: Service['command']): string {
  if (command === undefined) return '';
  if (typeof command === 'string') return command;
  const [shell, flag, body] = command;
  if (shell !== undefined && /(^|\/)(ba)?sh$/.test(shell) && flag === '-c' && body !== undefined) return body;
  return command.map((w) => (/\s/.test(w) ? `'${w}'` : w)).join(' ');
}

/** Each pgsim invocation in a script, as the words after `pgsim` (npx pgsim, node cli/bin/pgsim.js, pgsim). */
function pgsimInvocations(text: string): string[][] {
  const out: string[][] = [];
  for (const segment of text.split(/&&|\|\||;|\|/)) {
    const words = shellWords(segment);
    const at = words.findIndex((w) => w === 'pgsim' || w.endsWith('/pgsim') || w.endsWith('bin/pgsim.js'));
    if (at !== -1) out.push(words.slice(at + 1));
  }
  return out;
}

/** Check words against the commander tree: a real (sub)command, known options, values where needed. */
function checkInvocation(program: Command, words: string[]): { command: Command; options: Set<string> } {
  let cmd = program;
  let i = 0;
  for (; i < words.length; i++) {
    const sub = cmd.commands.find((c) => c.name() === words[i] || c.aliases().includes(words[i] ?? ''));
    if (!sub) break;
    cmd = sub;
  }
  if (cmd === program) throw new Error(`"pgsim ${words.join(' ')}": "${words[0]}" is not a pgsim command`);
  const path = `pgsim ${words.slice(0, i).join(' ')}`;
  const used = new Set<string>();
  let positional = 0;
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-')) {
      positional++;
      continue;
    }
    const [flag, inline] = word.split('=', 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') continue;
    const option = cmd.options.find((o) => o.long === flag || o.short === flag);
    if (!option) throw new Error(`${path}: unknown option ${flag}`);
    used.add(option.long ?? flag);
    if (option.required && inline === undefined) {
      const value = words[++i];
      if (value === undefined || value.startsWith('-')) throw new Error(`${path}: ${flag} needs a value`);
    }
  }
  const args = cmd.registeredArguments;
  const required = args.filter((a) => a.required).length;
  const variadic = args.some((a) => a.variadic);
  if (positional < required || (!variadic && positional > args.length)) {
    throw new Error(`${path}: takes ${args.length} argument(s), got ${positional}`);
  }
  return { command: cmd, options: used };
}

/** [host, container] port pairs from the short or long syntax. */
function publishedPorts(service: Service): [number, number][] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return [Number(p.published ?? p.target), Number(p.target)];
    const parts = String(p).split('/')[0]!.split(':');
    const container = Number(parts.at(-1));
    return [parts.length > 1 ? Number(parts.at(-2)) : container, container];
  });
}

/** The whole command tree, every command loaded. */
const program = await buildProgram();

describe('docker-compose.yml', () => {
  it('declares at least one service', () => {
    expect(services.length).toBeGreaterThan(0);
  });

  it.each(services)('%s runs on node:20 with the repository mounted as its working directory', (_name, service) => {
    expect(service.image).toMatch(/^node:20($|[-.])/);
    expect(service.working_dir).toMatch(/^\//);
    const mounts = (service.volumes ?? []).map((v) =>
      typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v,
    );
    expect(mounts).toContainEqual(
      expect.objectContaining({ source: expect.stringMatching(/^\.\/?$/), target: service.working_dir }),
    );
  });

  it.each(services)('%s runs only real pgsim subcommands with options they have', (_name, service) => {
    const invocations = pgsimInvocations(script(service.command));
    expect(invocations.length).toBeGreaterThan(0);
    for (const words of invocations) expect(() => checkInvocation(program, words)).not.toThrow();
  });

  it('the mock Exchange service publishes the default organization’s ports, host = container, and listens on all interfaces', () => {
    const defaultPorts = defaultOrgConfig()
      .servers.map((s) => s.port)
      .sort();
    let checked = 0;
    for (const [, service] of services) {
      for (const words of pgsimInvocations(script(service.command))) {
        const { command, options } = checkInvocation(program, words);
        if (command.name() !== 'mock-exchange' || options.has('--config')) continue;
        checked++;
        const ports = publishedPorts(service);
        expect(ports.map(([, container]) => container).sort()).toEqual(defaultPorts);
        // The ready file and EWS URLs name these ports, so they must be the same on the host.
        for (const [host, container] of ports) expect(host).toBe(container);
        // Bound to its 127.x address inside the container, a server is unreachable through a published port.
        expect(options.has('--listen-all')).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('the compose checks themselves', () => {
  it('find pgsim after npx, after a shell chain, and as node cli/bin/pgsim.js', () => {
    expect(pgsimInvocations('npm ci && npx pgsim mock-exchange --listen-all; node cli/bin/pgsim.js lab')).toEqual([
      ['mock-exchange', '--listen-all'],
      ['lab'],
    ]);
    expect(script(['sh', '-c', 'npx pgsim lab'])).toBe('npx pgsim lab');
    expect(script(['npx', 'pgsim', 'lab'])).toBe('npx pgsim lab');
  });

  it.each([
    [['mock-exchange', '--no-such-flag'], /unknown option --no-such-flag/],
    [['mock-exchange', '--config'], /--config needs a value/],
    [['frobnicate'], /"frobnicate" is not a pgsim command/],
    [['mock-exchange', 'extra'], /takes 0 argument\(s\), got 1/],
  ])('reject pgsim %j', (words, message) => {
    expect(() => checkInvocation(program, words)).toThrow(message);
  });

  it('accept --option=value and a value after the option', () => {
    expect(checkInvocation(program, ['mock-exchange', '--config=org.json']).options).toEqual(new Set(['--config']));
    expect(checkInvocation(program, ['mock-exchange', '--ready-file', 'r.json']).command.name()).toBe('mock-exchange');
  });
});
