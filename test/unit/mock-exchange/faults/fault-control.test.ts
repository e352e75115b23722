import { describe, expect, it } from 'vitest';
import { FaultControl } from '../../../../mock-exchange/faults/fault-control.ts';
import { faultDefinition, parseFault, parseFaults } from '../../../../mock-exchange/faults/parse-fault.ts';
import { ServerFaults } from '../../../../mock-exchange/faults/server-faults.ts';
import { MockExchangeError } from '../../../../mock-exchange/mock-exchange-error.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { IdGenerator } from '../../../../sim/ids.ts';

const START = Date.UTC(2030, 4, 6, 8);

/** The error a call throws, as { field, problem }. */
const refusal = async (call: () => unknown): Promise<{ code: string; field: string; problem: string }> => {
  try {
    await call();
  } catch (err) {
    expect(err).toBeInstanceOf(MockExchangeError);
    const e = err as MockExchangeError;
    return { code: e.code, field: e.field ?? '', problem: e.problem };
  }
  throw new Error('expected a refusal');
};

describe("an organization's fault control", () => {
  const control = () => new FaultControl(['ex1', 'ex2'], new VirtualClock(START), new IdGenerator('faults'));

  it('draws toxicity from one random stream per server: draws on ex1 never shift those of ex2', async () => {
    const sequence = async (interleave: boolean) => {
      const c = control();
      await c.set('ex1', [{ type: 'hang', toxicity: 0.5 }]);
      await c.set('ex2', [{ type: 'hang', toxicity: 0.5 }]);
      const hits: boolean[] = [];
      for (let i = 0; i < 32; i++) {
        if (interleave) c.for('ex1').forConnection();
        hits.push(c.for('ex2').forConnection().takeOver !== undefined);
      }
      return hits;
    };
    const alone = await sequence(false);
    expect(alone).toContain(true);
    expect(alone).toContain(false);
    expect(await sequence(true)).toEqual(alone);
  });

  it('names the field of a fault added on its own "fault"', async () => {
    expect(await refusal(() => control().add('ex1', { type: 'nope' }))).toMatchObject({ field: 'fault.type' });
  });

  it('names the known servers when asked for another', async () => {
    expect(await refusal(() => control().list('ex3'))).toEqual({
      code: 'UNKNOWN_SERVER',
      field: 'server',
      problem: 'unknown server "ex3"; known: ex1, ex2',
    });
  });

  it('adds, refuses a second fault of the same name, removes by name and says which names there are', async () => {
    const c = control();
    await c.add('ex1', { type: 'hang' });
    await c.add('ex1', { type: 'latency', latency: 100, name: 'slow' });
    expect(c.list('ex1').map((f) => f.name)).toEqual(['hang', 'slow']);
    expect(c.list('ex2')).toEqual([]);
    expect(await refusal(() => c.add('ex1', { type: 'reset', name: 'slow' }))).toEqual({
      code: 'INVALID_VALUE',
      field: 'name',
      problem: 'server ex1 already has a fault named "slow"; remove it first or choose another name',
    });
    expect(await refusal(() => c.remove('ex1', 'fast'))).toEqual({
      code: 'INVALID_VALUE',
      field: 'name',
      problem: 'server ex1 has no fault named "fast"; it has: hang, slow',
    });
    await c.remove('ex1', 'hang');
    expect(c.list('ex1').map((f) => f.name)).toEqual(['slow']);
    await c.clear('ex1');
    expect(await refusal(() => c.remove('ex1', 'slow'))).toMatchObject({
      problem: 'server ex1 has no fault named "slow"; it has: none',
    });
  });

  it('checks a whole list before replacing anything, and tells listeners of each change', async () => {
    const c = control();
    const heard: string[][] = [];
    c.for('ex1').onChange((faults) => {
      heard.push(faults.map((f) => f.name));
    });
    await c.set('ex1', [{ type: 'down' }]);
    expect(c.for('ex1').down).toBe(true);
    expect(await refusal(() => c.set('ex1', [{ type: 'hang' }, { type: 'nope' }]))).toMatchObject({
      field: 'faults[1].type',
    });
    expect(c.list('ex1').map((f) => f.type)).toEqual(['down']);
    await c.add('ex1', { type: 'hang' });
    await c.clear('ex1');
    expect(c.for('ex1').down).toBe(false);
    expect(heard).toEqual([['down'], ['down', 'hang'], []]);
  });

  it('a server removing a name it does not have changes nothing and tells nobody', async () => {
    const faults = new ServerFaults('ex1', new VirtualClock(START), () => 0.5, [parseFault({ type: 'hang' }, 'f')]);
    let heard = 0;
    faults.onChange(() => {
      heard++;
    });
    expect(await faults.remove('reset')).toBe(false);
    expect(heard).toBe(0);
    expect(await faults.remove('hang')).toBe(true);
    expect(heard).toBe(1);
    expect(faults.list()).toEqual([]);
  });
});

describe('fault attributes at their limits', () => {
  const field = async (input: object) => (await refusal(() => parseFault(input, 'f'))).field;

  it('a fault given as anything but an object is refused at its own field', async () => {
    for (const input of ['hang', 42, ['hang']]) {
      expect(await refusal(() => parseFault(input, 'f'))).toMatchObject({
        field: 'f',
        problem: expect.stringMatching(/^must be an object \{ type, \.\.\.attributes \}/),
      });
    }
  });

  it('a mailbox outside the organization is refused with the list of those inside', async () => {
    const ctx = { mailboxes: ['alice@example.test', 'bob@example.test'] };
    expect(
      await refusal(() => parseFault({ type: 'server-busy', mailbox: 'carol@example.test' }, 'f', ctx)),
    ).toMatchObject({ problem: 'must be one of alice@example.test, bob@example.test, got "carol@example.test"' });
  });

  it('a fault keeps only the attributes it was given or that have a default', () => {
    expect(parseFault({ type: 'latency', latency: 5, jitter: null }, 'f')).toStrictEqual({
      type: 'latency',
      latency: 5,
      jitter: 0,
      stream: 'downstream',
      name: 'latency',
      toxicity: 1,
    });
    expect(parseFault({ type: 'service-unavailable' }, 'f')).toStrictEqual({
      type: 'service-unavailable',
      name: 'service-unavailable',
      toxicity: 1,
    });
  });

  it('a required attribute says what it is for', async () => {
    expect(await refusal(() => parseFault({ type: 'latency' }, 'f'))).toMatchObject({
      field: 'f.latency',
      problem: 'is required (ms added to every chunk)',
    });
    expect(await refusal(() => parseFault({ type: 'limit-data', bytes: null }, 'f'))).toMatchObject({
      field: 'f.bytes',
      problem: 'is required (bytes forwarded before the connection is closed)',
    });
  });

  it('milliseconds, seconds and bytes from 0 to their maximum, inclusive', async () => {
    expect(parseFault({ type: 'close', timeout: 0 }, 'f').timeout).toBe(0);
    expect(parseFault({ type: 'close', timeout: 86_400_000 }, 'f').timeout).toBe(86_400_000);
    expect(await refusal(() => parseFault({ type: 'close', timeout: 86_400_001 }, 'f'))).toMatchObject({
      problem: 'must be a whole number of milliseconds from 0 to 86400000, got 86400001',
    });
    expect(parseFault({ type: 'service-unavailable', retryAfterSeconds: 86_400 }, 'f').retryAfterSeconds).toBe(86_400);
    expect(await refusal(() => parseFault({ type: 'service-unavailable', retryAfterSeconds: 86_401 }, 'f'))).toEqual({
      code: 'INVALID_VALUE',
      field: 'f.retryAfterSeconds',
      problem: 'must be a whole number of seconds from 0 to 86400, got 86401',
    });
    expect(parseFault({ type: 'limit-data', bytes: 2 ** 31 }, 'f').bytes).toBe(2 ** 31);
    expect(await refusal(() => parseFault({ type: 'limit-data', bytes: 2 ** 31 + 1 }, 'f'))).toMatchObject({
      problem: 'must be a whole number of bytes from 0 to 2147483648, got 2147483649',
    });
  });

  it('toxicity from 0 to 1, inclusive; anything else, or not a number, is refused', async () => {
    expect(parseFault({ type: 'hang', toxicity: 0 }, 'f').toxicity).toBe(0);
    expect(parseFault({ type: 'hang', toxicity: 1 }, 'f').toxicity).toBe(1);
    for (const toxicity of [-0.01, 1.01, Number.NaN, '0.5']) {
      expect(await refusal(() => parseFault({ type: 'hang', toxicity }, 'f'))).toMatchObject({
        field: 'f.toxicity',
        problem: `must be a number from 0 to 1, got ${JSON.stringify(toxicity)}`,
      });
    }
  });

  it('an operation is a whole EWS operation name; a mailbox one whole address, trimmed and lower-cased', async () => {
    expect(parseFault({ type: 'server-busy', operation: 'FindItem' }, 'f').operation).toBe('FindItem');
    for (const operation of ['findItem', 'FindItem2', '2FindItem', 'Find Item'])
      expect(await field({ type: 'server-busy', operation })).toBe('f.operation');
    expect(await refusal(() => parseFault({ type: 'server-busy', operation: 'x' }, 'f'))).toMatchObject({
      problem: 'must be an EWS operation name such as FindItem, got "x"',
    });
    expect(parseFault({ type: 'server-busy', mailbox: ' Alice@Example.TEST ' }, 'f').mailbox).toBe(
      'alice@example.test',
    );
    for (const mailbox of ['alice', 'a@b@c', 'x y@example.test', 'y@example.test z', 42])
      expect(await field({ type: 'server-busy', mailbox })).toBe('f.mailbox');
    expect(await refusal(() => parseFault({ type: 'server-busy', mailbox: 'alice' }, 'f'))).toMatchObject({
      problem: 'must be an SMTP address, got "alice"',
    });
  });

  it('a time window must end after it starts; instants are kept as ISO 8601 UTC', async () => {
    const f = parseFault(
      { type: 'server-busy', from: '2030-05-06T11:00:00+02:00', until: '2030-05-06T10:00:01Z' },
      'f',
    );
    expect([f.from, f.until]).toEqual(['2030-05-06T09:00:00.000Z', '2030-05-06T10:00:01.000Z']);
    expect(
      await refusal(() =>
        parseFault({ type: 'server-busy', from: '2030-05-06T10:00:00Z', until: '2030-05-06T10:00:00Z' }, 'f'),
      ),
    ).toEqual({
      code: 'INVALID_VALUE',
      field: 'f.until',
      problem: 'must be later than from (2030-05-06T10:00:00.000Z), got 2030-05-06T10:00:00.000Z',
    });
  });

  it('a list is a list, with one name per fault', async () => {
    expect(parseFaults(undefined, 'faults')).toEqual([]);
    expect(parseFaults(null, 'faults')).toEqual([]);
    expect(await refusal(() => parseFaults({ type: 'hang' }, 'faults'))).toEqual({
      code: 'INVALID_VALUE',
      field: 'faults',
      problem: 'must be a list of faults',
    });
    expect(await refusal(() => parseFaults([{ type: 'hang' }, { type: 'reset' }, { type: 'hang' }], 'faults'))).toEqual(
      {
        code: 'INVALID_VALUE',
        field: 'faults[2].name',
        problem: 'duplicate fault name "hang"; give each fault its own name',
      },
    );
    expect(() => faultDefinition({ type: 'gone', name: 'gone', toxicity: 1 })).toThrow(
      'no definition for fault type gone',
    );
  });
});
