import { describe, expect, it } from 'vitest';
import { buildProgram, COMMANDS } from '../../../cli/cli.ts';

describe('the command table loads each command only when it runs', () => {
  it('names every command by the name its module gives it, once each', async () => {
    const names = COMMANDS.map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    for (const [name, load] of COMMANDS) expect((await load()).name(), name).toBe(name);
    // Loading every command imports nearly the whole project: on a busy machine that outlasts the default 5 s.
  }, 60_000);

  it('a named command builds a program holding that command alone; no name builds them all', async () => {
    expect((await buildProgram('gateway')).commands.map((c) => c.name())).toEqual(['gateway']);
    expect((await buildProgram()).commands.map((c) => c.name())).toEqual(COMMANDS.map(([name]) => name));
  });
});
