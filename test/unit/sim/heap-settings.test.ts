import { setFlagsFromString } from 'node:v8';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyHeapSettings, stopPretenuring } from '../../../sim/heap-growth.ts';

// V8 flags cannot be read back: what is checked is the flag text V8 is given.
vi.mock('node:v8', async (original) => ({
  ...(await original<typeof import('node:v8')>()),
  setFlagsFromString: vi.fn(),
}));

describe('the V8 heap settings of a pgsim process', () => {
  beforeEach(() => vi.mocked(setFlagsFromString).mockClear());

  it('stopPretenuring turns allocation-site pretenuring off', () => {
    stopPretenuring();
    expect(vi.mocked(setFlagsFromString).mock.calls).toEqual([['--no-allocation-site-pretenuring']]);
  });

  it('applyHeapSettings caps heap growth at 40 % and turns pretenuring off', () => {
    applyHeapSettings();
    expect(vi.mocked(setFlagsFromString).mock.calls).toEqual([
      ['--heap-growing-percent=40'],
      ['--no-allocation-site-pretenuring'],
    ]);
  });
});
