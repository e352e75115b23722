import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../scenarios/loader/load-scenario.ts';
import { ScenarioFileError, type ScenarioProblem } from '../../../scenarios/loader/scenario-error.ts';

const FILE = 'scenarios/catalog/broken.yaml';

/** A small valid scenario; each test breaks one line of it. */
const VALID = `id: broken
title: A broken scenario
section: Troubleshooting SSL Connection Certificate Status
symptom: s
cause: c
fix: f
lab:
  start: 2030-05-06T08:00:00Z
  exchange:
    servers:
      - { name: ex1 }
    mailboxes:
      - { address: alice@example.test, server: ex1 }
steps:
  - do: gateway.update
    with: { gateway: ex1, host: mail.example.test }
  - advance: 10m
  - expect:
      presence: { alice: In a meeting }
`;

function problems(text: string, file = FILE): ScenarioProblem[] {
  try {
    parseScenario(text, file);
  } catch (err) {
    if (err instanceof ScenarioFileError) return err.problems;
    throw err;
  }
  throw new Error('the scenario was accepted');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('scenario validation: file, line and field, and nothing runs', () => {
  it('accepts the valid base scenario with its step lines', () => {
    const s = parseScenario(VALID, FILE);
    expect(s.stepLines).toEqual([15, 17, 18]);
  });

  it('bad YAML: the parser position', () => {
    const text = VALID.replace(
      '    with: { gateway: ex1, host: mail.example.test }',
      '    with: { gateway: ex1, host: [oops }',
    );
    const [p] = problems(text);
    expect(p).toMatchObject({ file: FILE, field: '(yaml)', line: 16 });
  });

  it('unknown action: names the action and lists the known ones', () => {
    const text = VALID.replace('do: gateway.update', 'do: gateway.rename');
    expect(problems(text)).toEqual([
      expect.objectContaining({
        file: FILE,
        line: 15,
        column: 9,
        field: 'steps[0].do',
        message: expect.stringMatching(/^unknown action "gateway.rename"; known: gateway.add, gateway.update/),
      }),
    ]);
  });

  it('wrong type: a number where a duration string is needed', () => {
    const text = VALID.replace('advance: 10m', 'advance: 10');
    expect(problems(text)).toEqual([
      expect.objectContaining({
        line: 17,
        field: 'steps[1].advance',
        message: 'expected a string like 90s, 10m or 1h30m, got number 10',
      }),
    ]);
  });

  it('unknown server name in the lab and in a step', () => {
    const text = VALID.replace('server: ex1 }', 'server: ex9 }').concat(
      '  - do: exchange.restart-server\n    with: { server: ex3 }\n',
    );
    const found = problems(text);
    expect(found.map((p) => [p.line, p.field])).toEqual([
      [13, 'lab.exchange.mailboxes[0].server'],
      [21, 'steps[3].with.server'],
    ]);
    expect(found[1]?.message).toBe('unknown server "ex3"; known: ex1');
  });

  it('unknown user as a mapping key points at the key', () => {
    const text = VALID.replace('presence: { alice: In a meeting }', 'presence: { alicia: In a meeting }');
    expect(problems(text)).toEqual([
      expect.objectContaining({
        line: 19,
        column: 19,
        field: 'steps[2].expect.presence.alicia',
        message: 'unknown user "alicia"; known: alice',
      }),
    ]);
  });

  it('unknown field and missing required field', () => {
    const text = VALID.replace('symptom: s\n', '').replace('  - advance: 10m', '  - advance: 10m\n    colour: red');
    const found = problems(text);
    expect(found.map((p) => [p.line, p.field, p.message])).toEqual([
      [1, 'symptom', 'required field "symptom" is missing'],
      [17, 'steps[1].colour', expect.stringMatching(/^unknown field "colour"/)],
    ]);
  });

  it('a gateway used after it was deleted', () => {
    const text = VALID.concat(
      '  - do: gateway.delete\n    with: { gateway: ex1 }\n  - do: viewer.accept\n    with: { gateway: ex1 }\n',
    );
    expect(problems(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'do: viewer.accept') + 1,
        field: 'steps[4].with.gateway',
        message: 'unknown gateway "ex1"; known: none',
      }),
    ]);
  });

  it("values the lab's own validators judge: a fault attribute, a service parameter, a certificate profile", () => {
    const text = VALID.replace('      - { name: ex1 }', '      - { name: ex1, certificate: broken-cert }')
      .replace('lab:\n', 'lab:\n  imp:\n    parameters: { exchangeTimeout: 99 }\n')
      .concat('  - do: exchange.fault\n    with: { server: ex1, fault: { type: latency, latency: slow } }\n');
    const found = problems(text);
    expect(found.map((p) => p.field)).toEqual(['lab.exchange.servers[0].certificate']);
    // Schema problems stop the check before the lab's validators run; fix the profile and look again.
    const second = problems(text.replace('broken-cert', 'valid'));
    expect(second.map((p) => [p.line, p.field])).toEqual([
      [lineOf(text, 'exchangeTimeout'), 'lab.imp.parameters.exchangeTimeout'],
      [lineOf(text, 'type: latency'), 'steps[3].with.fault.latency'],
    ]);
    expect(second[0]?.message).toMatch(/Exchange Timeout \(seconds\) must be an integer from 1 to 20/);
  });

  it('the id must be the file name', () => {
    expect(problems(VALID, 'scenarios/catalog/other.yaml')).toEqual([
      expect.objectContaining({ line: 1, field: 'id', message: 'must be the file name without .yaml ("other")' }),
    ]);
  });

  it('a step with two kinds, and an empty expect', () => {
    const text = VALID.replace('  - advance: 10m', '  - advance: 10m\n    at: "09:00"').concat('  - expect: {}\n');
    expect(problems(text).map((p) => [p.line, p.field])).toEqual([
      [17, 'steps[1]'],
      [21, 'steps[3].expect'],
    ]);
  });

  it('the error message carries every problem as file:line:column: field: message', () => {
    const text = VALID.replace('do: gateway.update', 'do: nope').replace('advance: 10m', 'advance: soon');
    try {
      parseScenario(text, FILE);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain(`${FILE}:15:9: steps[0].do: unknown action "nope"`);
      expect((err as Error).message).toContain(
        `${FILE}:17:14: steps[1].advance: expected a string like 90s, 10m or 1h30m, got "soon"`,
      );
    }
  });
});
