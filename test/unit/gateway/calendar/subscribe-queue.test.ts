import { describe, expect, it } from 'vitest';
import { SubscribeQueue } from '../../../../gateway/calendar/subscribe-queue.ts';

/** A queue whose flows the test finishes by hand; `started` lists flows in the order they began. */
function queue(limit: number) {
  const started: string[] = [];
  const q = new SubscribeQueue<string>(limit);
  const push = (key: string, name = key) => {
    let finish!: () => void;
    let fail!: (err: Error) => void;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    q.push(key, () => {
      started.push(name);
      return done;
    });
    return { finish, fail };
  };
  const counts = () => ({ running: q.running, waiting: q.waiting });
  return { q, started, push, counts };
}

/** Let settled flows hand their slot on (catch, finally, then the next pump). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SubscribeQueue', () => {
  it('runs at most `limit` flows at once and lets the others through in the order they came', async () => {
    const { started, push, counts } = queue(2);
    const [ann, bob, cat, dan] = ['ann', 'bob', 'cat', 'dan'].map((n) => push(n));
    expect(started).toEqual(['ann', 'bob']);
    expect(counts()).toEqual({ running: 2, waiting: 2 });

    bob!.finish();
    await turn();
    expect(started).toEqual(['ann', 'bob', 'cat']);
    expect(counts()).toEqual({ running: 2, waiting: 1 });

    ann!.finish();
    cat!.finish();
    await turn();
    expect(started).toEqual(['ann', 'bob', 'cat', 'dan']);
    dan!.finish();
    await turn();
    expect(counts()).toEqual({ running: 0, waiting: 0 });
  });

  it('a key pushed again while waiting keeps its place in line and runs only the newer work', async () => {
    const { q, started, push } = queue(1);
    const first = push('first');
    push('ann', 'ann v1');
    push('bob');
    const ann2 = push('ann', 'ann v2');
    expect(q.waiting).toBe(2);

    first.finish();
    await turn();
    expect(started).toEqual(['first', 'ann v2']);
    ann2.finish();
    await turn();
    expect(started).toEqual(['first', 'ann v2', 'bob']);
  });

  it('a key pushed while its flow runs waits for a slot and runs again', async () => {
    const { started, push, counts } = queue(1);
    const ann1 = push('ann', 'ann 1');
    push('ann', 'ann 2');
    expect(counts()).toEqual({ running: 1, waiting: 1 });
    ann1.finish();
    await turn();
    expect(started).toEqual(['ann 1', 'ann 2']);
  });

  it('a failed flow frees its slot like a finished one', async () => {
    const { q, started, push } = queue(1);
    const bad = push('bad');
    push('next');
    bad.fail(new Error('Exchange Queue full'));
    await turn();
    expect(started).toEqual(['bad', 'next']);
    expect(q.running).toBe(1);
  });

  it('delete drops one waiting key, clear drops all; running flows are not touched', async () => {
    const { q, started, push, counts } = queue(1);
    const head = push('head');
    for (const key of ['ann', 'bob', 'cat']) push(key);
    q.delete('bob');
    q.delete('head');
    expect(counts()).toEqual({ running: 1, waiting: 2 });
    q.clear();
    expect(q.waiting).toBe(0);
    head.finish();
    await turn();
    expect(started).toEqual(['head']);
    expect(q.running).toBe(0);
  });

  it('a limit below one still lets one flow run (Exchange Threads is never zero in effect)', () => {
    for (const limit of [0, -3]) {
      const { q, started, push } = queue(limit);
      push('ann');
      push('bob');
      expect(started).toEqual(['ann']);
      expect(q.waiting).toBe(1);
    }
  });
});
