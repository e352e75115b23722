import { describe, expect, it } from 'vitest';
import { DelayQueue } from '../../../../mock-exchange/faults/delay-queue.ts';
import type { NetworkFaultDefinition, StreamStage } from '../../../../mock-exchange/faults/fault.ts';
import { latency } from '../../../../mock-exchange/faults/latency.ts';
import { limitData } from '../../../../mock-exchange/faults/limit-data.ts';
import { parseFault } from '../../../../mock-exchange/faults/parse-fault.ts';
import { ServerFaults } from '../../../../mock-exchange/faults/server-faults.ts';
import { slowClose } from '../../../../mock-exchange/faults/slow-close.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { IdGenerator } from '../../../../sim/ids.ts';

const START = Date.UTC(2030, 4, 6, 8, 0, 0);

/** A stage that records what reaches it and when (ms after START). */
function sink(clock: VirtualClock) {
  const got: { at: number; data: string }[] = [];
  const stage: StreamStage = {
    write: (chunk) => got.push({ at: clock.now() - START, data: chunk.toString() }),
    end: () => got.push({ at: clock.now() - START, data: 'EOF' }),
  };
  return { got, stage };
}

function stageOf(
  def: NetworkFaultDefinition,
  input: object,
  clock: VirtualClock,
  next: StreamStage,
  random = () => 0.5,
) {
  let closed = 0;
  const stage = def.stage!(parseFault(input, 'f'), next, { clock, random, closeLink: () => closed++ });
  return { stage, closed: () => closed };
}

describe('stream fault stages on the virtual clock', () => {
  it('latency holds each chunk latency ± jitter ms and never reorders them', () => {
    const clock = new VirtualClock(START);
    const out = sink(clock);
    const draws = [0, 1, 0.5];
    const { stage } = stageOf(
      latency,
      { type: 'latency', latency: 100, jitter: 50 },
      clock,
      out.stage,
      () => draws.shift()!,
    );
    stage.write(Buffer.from('a')); // 100 - 50
    stage.write(Buffer.from('b')); // 100 + 50
    stage.write(Buffer.from('c')); // 100, but not before b
    stage.end();
    clock.advance(49);
    expect(out.got).toEqual([]);
    clock.advance(1);
    expect(out.got).toEqual([{ at: 50, data: 'a' }]);
    clock.advance(100);
    expect(out.got).toEqual([
      { at: 50, data: 'a' },
      { at: 150, data: 'b' },
      { at: 150, data: 'c' },
      { at: 150, data: 'EOF' },
    ]);
  });

  it('latency jitter from the seeded source stays within ± jitter and repeats with the seed', () => {
    const run = () => {
      const clock = new VirtualClock(START);
      const out = sink(clock);
      const ids = new IdGenerator('jitter-seed');
      const random = () => ids.bytes('jitter', 4).readUInt32BE(0) / 2 ** 32;
      for (let i = 0; i < 20; i++) {
        const { stage } = stageOf(latency, { type: 'latency', latency: 1000, jitter: 200 }, clock, out.stage, random);
        stage.write(Buffer.from(String(i)));
      }
      clock.advance(2000);
      return out.got.map((g) => g.at);
    };
    const delays = run();
    expect(delays).toHaveLength(20);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(800);
    for (const d of delays) expect(d).toBeLessThanOrEqual(1200);
    expect(new Set(delays).size).toBeGreaterThan(5);
    expect(run()).toEqual(delays);
  });

  it('limit-data forwards exactly N bytes, then closes the link once', () => {
    const clock = new VirtualClock(START);
    const out = sink(clock);
    const { stage, closed } = stageOf(limitData, { type: 'limit-data', bytes: 100 }, clock, out.stage);
    for (let i = 0; i < 4; i++) stage.write(Buffer.alloc(40, 'x'));
    expect(out.got.map((g) => g.data.length)).toEqual([40, 40, 20]);
    expect(closed()).toBe(1);
  });

  it('limit-data passes on an end that comes before its limit', () => {
    const clock = new VirtualClock(START);
    const out = sink(clock);
    const { stage, closed } = stageOf(limitData, { type: 'limit-data', bytes: 100 }, clock, out.stage);
    stage.write(Buffer.alloc(40, 'x'));
    stage.end();
    expect(out.got.map((g) => g.data)).toEqual(['x'.repeat(40), 'EOF']);
    expect(closed()).toBe(0);
  });

  it('slow-close passes data at once and holds the end for delay ms', () => {
    const clock = new VirtualClock(START);
    const out = sink(clock);
    const { stage } = stageOf(slowClose, { type: 'slow-close', delay: 300 }, clock, out.stage);
    stage.write(Buffer.from('data'));
    stage.end();
    expect(out.got).toEqual([{ at: 0, data: 'data' }]);
    clock.advance(300);
    expect(out.got.at(-1)).toEqual({ at: 300, data: 'EOF' });
  });

  it('a DelayQueue with nothing to wait for runs at once (a virtual clock would otherwise hold it)', () => {
    const clock = new VirtualClock(START);
    const q = new DelayQueue(clock);
    const ran: string[] = [];
    q.push(0, () => ran.push('now'));
    expect(ran).toEqual(['now']);
    q.push(10, () => ran.push('later'));
    q.push(0, () => ran.push('after later'));
    expect(ran).toEqual(['now']);
    clock.advance(10);
    expect(ran).toEqual(['now', 'later', 'after later']);
  });
});

describe('which faults apply to a connection or a request', () => {
  const faults = (list: object[], random = () => 0.5) =>
    new ServerFaults(
      'ex1',
      new VirtualClock(START),
      random,
      list.map((f, i) => parseFault(f, `f${i}`)),
    );

  it('the first connection-level fault takes the socket over; stream faults stack; Exchange faults are not network ones', () => {
    const f = faults([
      { type: 'latency', latency: 5 },
      { type: 'server-busy' },
      { type: 'close', name: 'first' },
      { type: 'reset' },
      { type: 'limit-data', bytes: 9 },
    ]);
    const plan = f.forConnection();
    expect(plan.takeOver?.name).toBe('first');
    expect(plan.stream.map((s) => s.type)).toEqual(['latency', 'limit-data']);
  });

  it('toxicity draws: below the toxicity applies, at or above does not; 0 and 1 never draw', () => {
    const draws = [0.2, 0.8];
    let drawn = 0;
    const f = faults([{ type: 'hang', toxicity: 0.5 }], () => {
      drawn++;
      return draws.shift()!;
    });
    expect(f.forConnection().takeOver?.type).toBe('hang');
    expect(f.forConnection().takeOver).toBeUndefined();
    expect(drawn).toBe(2);
    const never = faults([{ type: 'hang', toxicity: 0 }, { type: 'reset' }], () => {
      throw new Error('no draw expected');
    });
    expect(never.forConnection().takeOver?.type).toBe('reset');
  });

  it('Exchange faults match operation, mailbox and the sim-clock window', () => {
    const clock = new VirtualClock(START);
    const f = new ServerFaults('ex1', clock, () => 0.5, [
      parseFault(
        {
          type: 'server-busy',
          operation: 'FindItem',
          mailbox: 'alice@example.test',
          from: '2030-05-06T09:00:00Z',
          until: '2030-05-06T10:00:00Z',
        },
        'f',
      ),
    ]);
    const alice = { operation: 'FindItem', mailbox: 'Alice@example.test' };
    expect(f.forRequest(alice)).toBeUndefined();
    clock.runUntil(Date.UTC(2030, 4, 6, 9));
    expect(f.forRequest(alice)?.type).toBe('server-busy');
    expect(f.forRequest({ ...alice, operation: 'GetItem' })).toBeUndefined();
    expect(f.forRequest({ ...alice, mailbox: 'bob@example.test' })).toBeUndefined();
    expect(f.forRequest({ operation: 'FindItem' })).toBeUndefined();
    clock.runUntil(Date.UTC(2030, 4, 6, 10));
    expect(f.forRequest(alice)).toBeUndefined();
  });

  it('down acts on the listener: it neither takes a connection over nor joins its stream faults', () => {
    const plan = faults([{ type: 'down' }, { type: 'latency', latency: 5 }]).forConnection();
    expect(plan).toEqual({ stream: [expect.objectContaining({ type: 'latency' })] });
  });

  it('a draw equal to the toxicity does not apply', () => {
    expect(faults([{ type: 'hang', toxicity: 0.5 }], () => 0.5).forConnection().takeOver).toBeUndefined();
    expect(faults([{ type: 'server-busy', toxicity: 0.5 }], () => 0.5).forRequest({})).toBeUndefined();
  });

  it('active() finds a fault of the type asked for only', () => {
    const f = faults([{ type: 'server-busy' }, { type: 'callback-unreachable', mailbox: 'bob@example.test' }]);
    expect(f.active('hang')).toBeUndefined();
    expect(f.active('callback-unreachable', { mailbox: 'alice@example.test' })).toBeUndefined();
    expect(f.active('callback-unreachable', { mailbox: 'Bob@example.test' })?.type).toBe('callback-unreachable');
    // callback-unreachable is applied by push delivery: it never answers a request.
    expect(f.forRequest({ mailbox: 'bob@example.test' })?.type).toBe('server-busy');
  });
});
