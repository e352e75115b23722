import { describe, expect, it } from 'vitest';
import { decodeWatermark, encodeWatermark, watermarkTag } from '../../../../mock-exchange/notifications/watermark.ts';

/** A watermark's 20 bytes laid out by hand: version 1 (LE), an 8-byte tag, the position as a big-endian uint64. */
function handMade(tag: number[], seq: bigint, version = [1, 0, 0, 0]): Buffer {
  const b = Buffer.alloc(20);
  b.set(version, 0);
  b.set(tag, 4);
  b.writeBigUInt64BE(seq, 12);
  return b;
}
const TAG = [1, 2, 3, 4, 5, 6, 7, 8];

describe('watermark encoding', () => {
  it('lays out version, tag and position as documented, readable back', () => {
    const w = handMade(TAG, 300n).toString('base64');
    expect(w).toBe('AQAAAAECAwQFBgcIAAAAAAAAASw=');
    expect(encodeWatermark(Buffer.from(TAG), 300)).toBe(w);
    expect(decodeWatermark(w)).toEqual({ tag: Buffer.from(TAG), seq: 300 });
  });

  it('names a mailbox whatever the case of its address', () => {
    expect(watermarkTag('seed', 'Alice@Example.TEST')).toEqual(watermarkTag('seed', 'alice@example.test'));
    expect(watermarkTag('seed', 'alice@example.test')).not.toEqual(watermarkTag('seed', 'bob@example.test'));
  });

  it('reads a watermark with surrounding white space or without its padding', () => {
    const w = 'AQAAAAECAwQFBgcIAAAAAAAAASw=';
    expect(decodeWatermark(`  ${w}\n`)?.seq).toBe(300);
    expect(decodeWatermark(w.slice(0, -1))?.seq).toBe(300);
  });

  it('refuses characters outside base64 before, inside or after a good watermark', () => {
    const w = 'AQAAAAECAwQFBgcIAAAAAAAAASw=';
    expect(decodeWatermark(`*${w}`)).toBeUndefined();
    expect(decodeWatermark(`${w}*`)).toBeUndefined();
    expect(decodeWatermark(`${w.slice(0, 10)}.${w.slice(10)}`)).toBeUndefined();
    expect(decodeWatermark('')).toBeUndefined();
  });

  it('refuses the right version with the wrong length, and a position past 2^53 - 1', () => {
    const short = Buffer.concat([Buffer.from([1, 0, 0, 0]), Buffer.from(TAG), Buffer.from([0, 0, 0, 1])]);
    expect(decodeWatermark(short.toString('base64'))).toBeUndefined();
    const long = Buffer.concat([handMade(TAG, 1n), Buffer.from([0])]);
    expect(decodeWatermark(long.toString('base64'))).toBeUndefined();
    expect(decodeWatermark(handMade(TAG, 9_007_199_254_740_991n).toString('base64'))?.seq).toBe(9_007_199_254_740_991);
    expect(decodeWatermark(handMade(TAG, 9_007_199_254_740_992n).toString('base64'))).toBeUndefined();
    expect(decodeWatermark(handMade(TAG, 1n, [2, 0, 0, 0]).toString('base64'))).toBeUndefined();
  });
});
