import { describe, expect, it } from 'vitest';
import { IdGenerator } from '../../../sim/ids.ts';

const take = (gen: IdGenerator, kind: string, n: number) => Array.from({ length: n }, () => gen.next(kind));

describe('IdGenerator', () => {
  it('yields the same sequence for the same seed, across instances', () => {
    const a = new IdGenerator('scenario-42');
    const b = new IdGenerator('scenario-42');
    expect(take(a, 'item', 20)).toEqual(take(b, 'item', 20));
    expect(a.hex('serial', 16)).toBe(b.hex('serial', 16));
  });

  it('never repeats within a kind', () => {
    const ids = take(new IdGenerator('x'), 'item', 1000);
    expect(new Set(ids).size).toBe(1000);
  });

  it('keeps kinds independent: interleaving other kinds does not shift a kind’s sequence', () => {
    const plain = new IdGenerator(7);
    const mixed = new IdGenerator(7);
    const expected = take(plain, 'item', 5);
    const got: string[] = [];
    for (let i = 0; i < 5; i++) {
      mixed.next('folder');
      mixed.hex('changekey');
      mixed.bytes('subscription', 3);
      got.push(mixed.next('item'));
    }
    expect(got).toEqual(expected);
  });

  it('gives different kinds different ids at the same position', () => {
    const gen = new IdGenerator('s');
    expect(gen.next('item')).not.toBe(gen.next('folder'));
  });

  it('differs between seeds; a number seed and its decimal string are the same seed', () => {
    expect(take(new IdGenerator('a'), 'item', 3)).not.toEqual(take(new IdGenerator('b'), 'item', 3));
    expect(take(new IdGenerator(1), 'item', 3)).not.toEqual(take(new IdGenerator(2), 'item', 3));
    // The seed is hashed as text, so 5 and "5" are the same seed on purpose (YAML may give either).
    expect(take(new IdGenerator(5), 'item', 3)).toEqual(take(new IdGenerator('5'), 'item', 3));
  });

  it('shapes ids: prefix + base64 of the requested length; hex of length bytes', () => {
    const gen = new IdGenerator('shape');
    const id = gen.next('item', 'AAMkAD', 24);
    expect(id.startsWith('AAMkAD')).toBe(true);
    expect(Buffer.from(id.slice(6), 'base64')).toHaveLength(24);
    expect(gen.hex('serial', 8)).toMatch(/^[0-9a-f]{16}$/);
    // Lengths beyond one SHA-256 block are filled from further blocks, not zero-padded.
    const long = gen.bytes('long', 100);
    expect(long).toHaveLength(100);
    expect(long.subarray(64).equals(Buffer.alloc(36))).toBe(false);
  });

  it('defaults the seed so two default generators agree', () => {
    expect(new IdGenerator().seed).toBe('pgsim');
    expect(new IdGenerator().next('item')).toBe(new IdGenerator().next('item'));
  });
});

describe('IdGenerator: unpredictable kinds', () => {
  it('gives a kind named unpredictable a different sequence on every generator, the same seed notwithstanding', () => {
    const a = new IdGenerator('default', { unpredictable: ['subscription'] });
    const b = new IdGenerator('default', { unpredictable: ['subscription'] });
    const seeded = new IdGenerator('default');
    const first = a.next('subscription');
    expect(first).not.toBe(b.next('subscription'));
    expect(first).not.toBe(seeded.next('subscription'));
    // Other kinds stay reproducible from the seed.
    expect(a.next('item')).toBe(new IdGenerator('default').next('item'));
  });
});
