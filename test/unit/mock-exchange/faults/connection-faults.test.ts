import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Fault, NetworkFaultDefinition } from '../../../../mock-exchange/faults/fault.ts';
import { FAULT_DEFINITIONS } from '../../../../mock-exchange/faults/index.ts';
import { parseFault } from '../../../../mock-exchange/faults/parse-fault.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { inFlight } from '../../../../sim/in-flight.ts';

const START = Date.UTC(2030, 4, 6, 8);

/** An accepted socket as a connection fault sees it: events, and what the fault did to it, when. */
class FakeSocket extends EventEmitter {
  destroyed = false;
  readonly did: { what: string; at: number }[] = [];
  constructor(readonly clock: VirtualClock) {
    super();
  }
  resetAndDestroy(): this {
    this.did.push({ what: 'RST', at: this.clock.now() - START });
    this.destroyed = true;
    return this;
  }
  end(): this {
    this.did.push({ what: 'FIN', at: this.clock.now() - START });
    return this;
  }
}

function takeOver(input: Record<string, unknown>, clock: VirtualClock): FakeSocket {
  const fault = parseFault(input, 'f') as Fault;
  const def = FAULT_DEFINITIONS.get(fault.type) as NetworkFaultDefinition;
  const socket = new FakeSocket(clock);
  def.takeOver?.(fault, socket as unknown as Socket, { clock, random: () => 0.5 });
  return socket;
}

describe('connection faults on their accepted socket, on the virtual clock', () => {
  it('reset on data: the timeout starts when the first bytes arrive, and the RST goes once', () => {
    const clock = new VirtualClock(START);
    const s = takeOver({ type: 'reset', timeout: 500 }, clock);
    clock.advance(1000);
    expect(s.did).toEqual([]);
    s.emit('data', Buffer.from('hello'));
    clock.advance(499);
    expect(s.did).toEqual([]);
    s.emit('data', Buffer.from('again'));
    clock.advance(1);
    expect(s.did).toEqual([{ what: 'RST', at: 1500 }]);
    clock.advance(1000);
    expect(s.did).toHaveLength(1);
  });

  it('reset on connect: the timeout starts at once; bytes do not start another', () => {
    const clock = new VirtualClock(START);
    const s = takeOver({ type: 'reset', on: 'connect', timeout: 500 }, clock);
    clock.advance(200);
    s.emit('data', Buffer.from('hello'));
    clock.advance(300);
    expect(s.did).toEqual([{ what: 'RST', at: 500 }]);
    clock.advance(1000);
    expect(s.did).toHaveLength(1);
  });

  it('close: a FIN timeout ms after accepting, whatever the client sends', () => {
    const clock = new VirtualClock(START);
    const s = takeOver({ type: 'close', timeout: 250 }, clock);
    s.emit('data', Buffer.from('hello'));
    clock.advance(249);
    expect(s.did).toEqual([]);
    expect(inFlight(clock).held).toBe(1);
    clock.advance(1);
    expect(s.did).toEqual([{ what: 'FIN', at: 250 }]);
    expect(inFlight(clock).held).toBe(0);
  });

  it('hang: the wire is held (so the time driver lets time pass) until the connection closes', () => {
    const clock = new VirtualClock(START);
    const s = takeOver({ type: 'hang' }, clock);
    s.emit('data', Buffer.from('hello'));
    clock.advance(3_600_000);
    expect(s.did).toEqual([]);
    expect(inFlight(clock).held).toBe(1);
    s.emit('close');
    expect(inFlight(clock).held).toBe(0);
  });
});
