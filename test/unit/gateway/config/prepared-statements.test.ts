import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImpConfig } from '../../../../gateway/config/imp-config.ts';
import { VirtualClock } from '../../../../sim/clock.ts';

// A libsql statement's native memory goes only when V8 collects its small wrapper, which a heap of a few MB
// rarely does: preparing per call grew a node by about 22 KB per configured user, outside the V8 heap.
describe('prepared statements', () => {
  let config: ImpConfig;
  beforeEach(() => {
    config = ImpConfig.open(':memory:', new VirtualClock(Date.UTC(2026, 0, 5, 8)));
  });
  afterEach(() => config.close());

  it('are prepared once per SQL text, however many users are added and read', () => {
    const prepare = vi.spyOn(config.db.db, 'prepare');
    config.db.transaction(() => {
      for (let i = 0; i < 500; i++) config.users.add({ userId: `u${i}`, mailbox: `u${i}@example.test` });
    });
    for (let i = 0; i < 500; i++) expect(config.users.get(`u${i}`)?.mailbox).toBe(`u${i}@example.test`);
    // A handful of distinct statements (insert, existence checks, read), not one per call.
    expect(prepare.mock.calls.length).toBeGreaterThan(0);
    expect(prepare.mock.calls.length).toBeLessThan(20);
    expect(config.users.list()).toHaveLength(500);
  });

  it('keep at most 256, the longest unused going first, and still answer for an evicted text', () => {
    const prepare = vi.spyOn(config.db.db, 'prepare');
    for (let i = 0; i < 256; i++) expect(config.db.get<{ n: number }>(`SELECT ${i} AS n`)?.n).toBe(i);
    expect(prepare).toHaveBeenCalledTimes(256);
    config.db.get('SELECT 0 AS n'); // used again: now the most recent
    expect(prepare).toHaveBeenCalledTimes(256);
    config.db.get('SELECT 256 AS n'); // the 257th text evicts SELECT 1, unused for longest
    expect(prepare).toHaveBeenCalledTimes(257);
    config.db.get('SELECT 0 AS n');
    config.db.get('SELECT 255 AS n');
    expect(prepare).toHaveBeenCalledTimes(257);
    expect(config.db.get<{ n: number }>('SELECT 1 AS n')?.n).toBe(1);
    expect(prepare).toHaveBeenCalledTimes(258);
  });
});
