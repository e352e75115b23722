import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../../sim/heap-growth.ts';

describe('limitHeapGrowth', () => {
  it('refuses a percentage V8 would misread, naming it', () => {
    for (const bad of [0, -5, 401, 12.5, Number.NaN]) {
      expect(() => limitHeapGrowth(bad)).toThrow(`heap growing percent must be an integer from 1 to 400, not ${bad}`);
    }
  });

  it('takes the bounds and the default pgsim runs with', () => {
    expect(HEAP_GROWING_PERCENT).toBe(40);
    expect(() => limitHeapGrowth(1)).not.toThrow();
    expect(() => limitHeapGrowth(400)).not.toThrow();
    expect(() => limitHeapGrowth()).not.toThrow();
  });
});
