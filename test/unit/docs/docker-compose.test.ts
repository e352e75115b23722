import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../../../cli/cli.ts';
import { defaultOrgConfig } from '../../../mock-exchange/default-org.ts';
import { REPO_ROOT } from '../../support/pgsim-process.ts';

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  healthcheck?: { test?: string[] };
  working_dir?: string;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  command?: string | string[];
  ports?: (string | number | { target?: number; published?: number | string })[];
}

const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
  services?: Record<string, Service>;
  volumes?: Record<string, unknown>;
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

/** The Dockerfile's instructions, one per (continued) line, as [INSTRUCTION, rest]. */
const instructions = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => [l.split(/\s+/, 1)[0]!.toUpperCase(), l.slice(l.search(/\s/) + 1).trim()] as const);
const stages = instructions.filter(([i]) => i === 'FROM').map(([, rest]) => rest);
const finalStage = instructions.slice(instructions.map(([i]) => i).lastIndexOf('FROM'));
const copies = instructions
  .filter(([i, rest]) => i === 'COPY' && !rest.startsWith('--from'))
  .map(([, rest]) => rest.split(/\s+/));
const dockerfile = {
  copied: copies.filter((w) => w.length === 2).map(([source, target]) => ({ source, target })),
  // In compose's form: ['CMD', ...the exec-form command].
  healthcheck: [
    'CMD',
    ...(JSON.parse(finalStage.find(([i]) => i === 'HEALTHCHECK')?.[1].replace(/^.*?CMD\s+/, '') ?? '[]') as string[]),
  ],
  cmd: JSON.parse(finalStage.find(([i]) => i === 'CMD')?.[1] ?? '[]') as string[],
};

describe('docker-compose.yml', () => {
  it('declares at least one service', () => {
    expect(services.length).toBeGreaterThan(0);
  });

  it('one service builds the image from the repository’s Dockerfile, and every service runs that image', () => {
    const builders = services.filter(([, s]) => s.build !== undefined);
    expect(builders.map(([name]) => name)).toHaveLength(1);
    const [, builder] = builders[0]!;
    const build = typeof builder.build === 'string' ? { context: builder.build } : (builder.build ?? {});
    expect(join(REPO_ROOT, build.context ?? '.')).toBe(join(REPO_ROOT, '.'));
    expect(existsSync(join(REPO_ROOT, build.dockerfile ?? 'Dockerfile'))).toBe(true);
    expect(builder.image).toMatch(/^pgsim:/);
    for (const [, service] of services) expect(service.image).toBe(builder.image);
  });

  it.each(services)('%s mounts only declared named volumes and paths that exist in the repository', (_n, service) => {
    for (const v of service.volumes ?? []) {
      const source = typeof v === 'string' ? v.split(':')[0]! : (v.source ?? '');
      if (/^[./~]/.test(source)) expect(existsSync(join(REPO_ROOT, source)), source).toBe(true);
      else expect(Object.keys(compose.volumes ?? {}), source).toContain(source);
    }
  });

  it.each(services)('%s publishes its ports on the host’s loopback unless PGSIM_PUBLISH_ADDRESS opts in', (_n, s) => {
    for (const p of s.ports ?? []) expect(String(p)).toMatch(/^\$\{PGSIM_PUBLISH_ADDRESS:-127\.0\.0\.1\}:\d+:\d+$/);
  });

  it.each(services)('%s checks its health with the script the image holds', (_name, service) => {
    const test = service.healthcheck?.test ?? dockerfile.healthcheck;
    expect(test.slice(0, 2)).toEqual(['CMD', 'node']);
    expect(dockerfile.copied).toContainEqual({ source: 'docker/healthcheck.mjs', target: test[2] });
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

describe('Dockerfile', () => {
  it('builds in one stage and runs from a slim one, which holds the package, not the sources', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.at(-1)).toMatch(/^node:20-[\w-]*slim$/);
    expect(finalStage.filter(([i]) => i === 'COPY').map(([, rest]) => rest)).toEqual([
      '--from=build /pack/pgsim.tgz /tmp/pgsim.tgz',
      'docker/healthcheck.mjs /usr/local/lib/pgsim/healthcheck.mjs',
    ]);
  });

  it('copies only files that exist in the repository', () => {
    expect(copies.length).toBeGreaterThan(0);
    for (const words of copies)
      for (const source of words.slice(0, -1)) expect(existsSync(join(REPO_ROOT, source)), source).toBe(true);
  });

  it('runs as a non-root user, with its state in a volume and a health check', () => {
    const user = finalStage.filter(([i]) => i === 'USER').at(-1)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(finalStage.find(([i]) => i === 'VOLUME')?.[1]).toContain('/data');
    expect(dockerfile.healthcheck.slice(0, 2)).toEqual(['CMD', 'node']);
  });

  it('runs a real pgsim command with options it has', () => {
    expect(dockerfile.cmd[0]).toBe('pgsim');
    const { command, options } = checkInvocation(program, dockerfile.cmd.slice(1));
    expect(command.name()).toBe('mock-exchange');
    expect(options).toEqual(new Set(['--listen-all', '--ready-file', '--data-dir']));
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
