import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FAULT_DEFINITIONS } from '../../../../mock-exchange/faults/index.ts';
import { parseFault, parseFaults } from '../../../../mock-exchange/faults/parse-fault.ts';
import { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { MockExchangeError } from '../../../../mock-exchange/mock-exchange-error.ts';
import type { OrgConfig } from '../../../../mock-exchange/org-config.ts';

const ORG_YAML = (servers: string) => `
domain: example.test
seed: yaml
servers:
${servers}
accounts:
  - { user: svc-imp, password: pw, impersonation: true }
mailboxes:
  - { address: alice@example.test, server: ex1 }
`;

describe('fault input', () => {
  it('fills in defaults: name = type, toxicity 1, and each type’s attribute defaults', () => {
    expect(parseFault({ type: 'latency', latency: 100 }, 'f')).toEqual({
      type: 'latency',
      name: 'latency',
      toxicity: 1,
      latency: 100,
      jitter: 0,
      stream: 'downstream',
    });
    expect(parseFault({ type: 'server-busy' }, 'f')).toEqual({
      type: 'server-busy',
      name: 'server-busy',
      toxicity: 1,
      backOffMilliseconds: 30_000,
      as: 'fault',
    });
    expect(parseFault({ type: 'reset', on: 'connect', name: 'rst' }, 'f')).toMatchObject({ timeout: 0, name: 'rst' });
    expect(parseFault({ type: 'mailbox-move-in-progress', mailbox: ' Alice@Example.TEST ' }, 'f').mailbox).toBe(
      'alice@example.test',
    );
    expect(parseFault({ type: 'unauthorized', from: '2030-05-06T09:00:00+02:00' }, 'f').from).toBe(
      '2030-05-06T07:00:00.000Z',
    );
  });

  it('every definition explains a fault made of its defaults, in a sentence', () => {
    for (const def of FAULT_DEFINITIONS.values()) {
      const required = Object.fromEntries(
        Object.entries(def.attributes)
          .filter(([, spec]) => 'required' in spec && spec.required)
          .map(([name]) => [name, 1]),
      );
      const sentence = def.explain(parseFault({ type: def.type, ...required }, 'f'));
      expect(sentence, def.type).toMatch(/^[A-Z].{20,}\.$/);
    }
  });

  it.each([
    [null, 'f', /must be an object \{ type, \.\.\.attributes \}; fault types: down, hang/],
    [{}, 'f.type', /is required; allowed: down, hang, reset, close, latency, slow-close, limit-data,/],
    [{ type: 'timeout' }, 'f.type', /unknown fault type "timeout"/],
    [{ type: 'down', toxicity: 0.5 }, 'f.toxicity', /unknown attribute for down; allowed: name$/],
    [{ type: 'close', timeout: -1 }, 'f.timeout', /whole number of milliseconds from 0 to 86400000, got -1/],
    [{ type: 'close', timeout: 1.5 }, 'f.timeout', /got 1.5/],
    [{ type: 'limit-data', bytes: '10' }, 'f.bytes', /whole number of bytes/],
    [{ type: 'latency', latency: 5, stream: 'both' }, 'f.stream', /must be one of downstream, upstream, got "both"/],
    [{ type: 'soap-fault-500', code: 'ErrorNope' }, 'f.code', /an EWS ResponseCode/],
    [{ type: 'hang', name: '  ' }, 'f.name', /non-empty string/],
    [{ type: 'unauthorized', until: 'tomorrow' }, 'f.until', /ISO 8601 date-time/],
    [
      { type: 'callback-unreachable', operation: 'GetFolder' },
      'f.operation',
      /unknown attribute for callback-unreachable/,
    ],
  ])('%j is refused at %s', (input, field, message) => {
    let error: unknown;
    try {
      parseFault(input, 'f');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MockExchangeError);
    expect((error as MockExchangeError).code).toBe('INVALID_VALUE');
    expect((error as MockExchangeError).field).toBe(field);
    expect((error as MockExchangeError).problem).toMatch(message);
  });

  it('checks operations and mailboxes against what the organization has, when it knows', () => {
    const ctx = { operations: ['GetFolder', 'FindItem'], mailboxes: ['alice@example.test'] };
    expect(() => parseFault({ type: 'server-busy', operation: 'GetItem' }, 'f', ctx)).toThrow(
      'f.operation: must be one of GetFolder, FindItem, got "GetItem"',
    );
    expect(parseFault({ type: 'server-busy', operation: 'FindItem' }, 'f', ctx).operation).toBe('FindItem');
    expect(() =>
      parseFaults([{ type: 'hang' }, { type: 'server-busy', mailbox: 'bob@example.test' }], 'faults', ctx),
    ).toThrow('faults[1].mailbox: must be one of alice@example.test, got "bob@example.test"');
  });
});

describe('certificate profiles and faults in the organization file (YAML)', () => {
  const build = (servers: string) =>
    new MockExchange({ config: parseYaml(ORG_YAML(servers)) as OrgConfig, adminPort: null });

  it('are read per server', () => {
    const mock = build(`
  - name: ex1
    fqdn: ex1.example.test
    ip: 127.0.40.1
    port: 0
    certificate: san-mismatch
    faults:
      - { type: latency, latency: 2000, jitter: 100 }
      - { type: server-busy, operation: GetFolder, from: "2030-05-06T09:00:00Z", toxicity: 0.25 }`);
    expect(mock.certificates.profile('ex1').name).toBe('san-mismatch');
    expect(mock.faults.list('ex1').map((f) => f.type)).toEqual(['latency', 'server-busy']);
  });

  it.each([
    ['certificate: selfsigned', 'servers[0].certificate: unknown certificate profile "selfsigned"; allowed: valid,'],
    ['faults: [{ type: lag }]', 'servers[0].faults[0].type: unknown fault type "lag"; allowed: down,'],
    ['faults: [{ type: latency, latency: 5, jitter: fast }]', 'servers[0].faults[0].jitter: must be a whole number'],
    [
      'faults: [{ type: hang, bytes: 5 }]',
      'servers[0].faults[0].bytes: unknown attribute for hang; allowed: name, toxicity',
    ],
    ['faults: { type: hang }', 'servers[0].faults: must be a list of faults'],
  ])('%s is refused naming the path', (line, message) => {
    const servers = `
  - name: ex1
    fqdn: ex1.example.test
    ip: 127.0.40.1
    port: 0
    ${line}`;
    expect(() => build(servers)).toThrow(MockExchangeError);
    expect(() => build(servers)).toThrow(message);
  });
});
