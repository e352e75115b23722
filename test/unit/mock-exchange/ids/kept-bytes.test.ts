import { describe, expect, it } from 'vitest';
import { keptBytes } from '../../../../mock-exchange/ids/kept-bytes.ts';

describe('keptBytes', () => {
  it('copies the bytes: a later change of the source does not reach the kept value', () => {
    const source = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const kept = keptBytes(source);
    source.fill(0);
    expect(kept.toString('hex')).toBe('00112233445566778899aabbccddeeff');
  });

  it("packs kept values into slabs of their own, not Buffer's shared pool", () => {
    const pooled = Buffer.from('pool');
    const values = Array.from({ length: 1000 }, (_, i) => keptBytes(Buffer.from([i & 0xff, i >> 8, 1, 2, 3, 4, 5, 6])));
    // 1,000 values of 8 bytes share one slab: one ArrayBuffer, never the pool's.
    expect(new Set(values.map((v) => v.buffer)).size).toBe(1);
    expect(values[0]?.buffer).not.toBe(pooled.buffer);
    // Each is its own eight bytes, aligned, none overwriting another.
    expect(values.map((v) => v.byteOffset % 8)).toEqual(values.map(() => 0));
    expect(values[999]?.toString('hex')).toBe('e703010203040506');
    expect(values[256]?.toString('hex')).toBe('0001010203040506');
  });

  it('starts a new slab when one is full, keeping the earlier values', () => {
    const first = keptBytes(Buffer.alloc(16, 0xab));
    // 160 KiB / 16 = 10,240 values fill any slab at least once.
    const more = Array.from({ length: 10_240 }, () => keptBytes(Buffer.alloc(16, 0xcd)));
    expect(new Set(more.map((v) => v.buffer)).size).toBe(2);
    expect(first.equals(Buffer.alloc(16, 0xab))).toBe(true);
    expect(more.every((v) => v.length === 16 && v[0] === 0xcd && v[15] === 0xcd)).toBe(true);
  });

  it('gives a large value a buffer of its own', () => {
    const big = Buffer.alloc(20_000, 7);
    const kept = keptBytes(big);
    expect(kept.buffer.byteLength).toBeLessThan(160 * 1024);
    expect(kept.equals(big)).toBe(true);
    expect(kept.buffer).not.toBe(keptBytes(Buffer.alloc(8)).buffer);
  });
});
