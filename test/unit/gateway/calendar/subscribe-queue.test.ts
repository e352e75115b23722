import { describe, expect, it } from 'vitest';
import { SubscribeQueue } from '../../../../gateway/calendar/subscribe-queue.ts';

/** A flow the test finishes by hand, recording when it started. */
function flow(started: string[], name: string) {
  let finish!: () => void;
  let fail!: (err: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const work = () => {
    started.push(name);
    return done;
  };
  return { work, finish, fail };
}

/** Let settled flows hand their slot on (catch, finally, then the next pump). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SubscribeQueue', () => {
  it('runs at most `limit` flows at once and lets the others through in the order they came', async () => {
    const started: string[] = [];
    const q = new SubscribeQueue<string>(2);
    const names = ['ann', 'bob', 'cat', 'dan'];
    const flows = names.map((n) => flow(started, n));
    for (const [i, n] of names.entries()) q.push(n, flows[i]!.work);
    expect(started).toEqual(['ann', 'bob']);
    expect({ running: q.running, waiting: q.waiting }).toEqual({ running: 2, waiting: 2 });

    flows[1]!.finish();
    await turn();
    expect(started).toEqual(['ann', 'bob', 'cat']);
    expect({ running: q.running, waiting: q.waiting }).toEqual({ running: 2, waiting: 1 });

    flows[0]!.finish();
    flows[2]!.finish();
    await turn();
    expect(started).toEqual(['ann', 'bob', 'cat', 'dan']);
    flows[3]!.finish();
    await turn();
    expect({ running: q.running, waiting: q.waiting }).toEqual({ running: 0, waiting: 0 });
  });

  it('a key pushed again while waiting keeps its place in line and runs only the newer work', async () => {
    const started: string[] = [];
    const q = new SubscribeQueue<string>(1);
    const first = flow(started, 'first');
    q.push('first', first.work);
    q.push('ann', flow(started, 'ann v1').work);
    q.push('bob', flow(started, 'bob').work);
    const ann2 = flow(started, 'ann v2');
    q.push('ann', ann2.work);
    expect(q.waiting).toBe(2);

    first.finish();
    await turn();
    expect(started).toEqual(['first', 'ann v2']);
    ann2.finish();
    await turn();
    expect(started).toEqual(['first', 'ann v2', 'bob']);
  });

  it('a key pushed while its flow runs waits for a slot and runs again', async () => {
    const started: string[] = [];
    const q = new SubscribeQueue<string>(1);
    const a1 = flow(started, 'ann 1');
    q.push('ann', a1.work);
    q.push('ann', flow(started, 'ann 2').work);
    expect({ running: q.running, waiting: q.waiting }).toEqual({ running: 1, waiting: 1 });
    a1.finish();
    await turn();
    expect(started).toEqual(['ann 1', 'ann 2']);
  });

  it('a failed flow frees its slot like a finished one', async () => {
    const started: string[] = [];
    const q = new SubscribeQueue<string>(1);
    const bad = flow(started, 'bad');
    q.push('bad', bad.work);
    q.push('next', flow(started, 'next').work);
    bad.fail(new Error('Exchange Queue full'));
    await turn();
    expect(started).toEqual(['bad', 'next']);
    expect(q.running).toBe(1);
  });

  it('delete drops one waiting key, clear drops all; running flows are not touched', async () => {
    const started: string[] = [];
    const q = new SubscribeQueue<string>(1);
    const head = flow(started, 'head');
    q.push('head', head.work);
    q.push('ann', flow(started, 'ann').work);
    q.push('bob', flow(started, 'bob').work);
    q.push('cat', flow(started, 'cat').work);
    q.delete('bob');
    q.delete('head');
    expect({ running: q.running, waiting: q.waiting }).toEqual({ running: 1, waiting: 2 });
    q.clear();
    expect(q.waiting).toBe(0);
    head.finish();
    await turn();
    expect(started).toEqual(['head']);
    expect(q.running).toBe(0);
  });

  it('a limit below one still lets one flow run (Exchange Threads is never zero in effect)', () => {
    for (const limit of [0, -3]) {
      const started: string[] = [];
      const q = new SubscribeQueue<string>(limit);
      q.push('ann', flow(started, 'ann').work);
      q.push('bob', flow(started, 'bob').work);
      expect(started).toEqual(['ann']);
      expect(q.waiting).toBe(1);
    }
  });
});
