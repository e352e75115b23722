import { describe, expect, it } from 'vitest';
import { globalObjectUid } from '../../../../mock-exchange/ids/global-object-id.ts';

describe('calendar item UIDs shaped as Exchange GlobalObjectIds (MS-OXOCAL PidLidGlobalObjectId)', () => {
  it('class id, zero instance date, creation FILETIME, reserved zeros, 16 bytes of data', () => {
    // 2030-05-06T08:00:00Z is 1904284800 s after the Unix epoch, which is 11644473600 s after 1601-01-01.
    const created = Date.UTC(2030, 4, 6, 8);
    const uid = globalObjectUid('item-a', created);
    expect(uid).toMatch(/^040000008200E00074C5B7101A82E008[0-9A-F]{80}$/);
    const bytes = Buffer.from(uid, 'hex');
    expect(bytes.readUInt32LE(16)).toBe(0);
    expect(bytes.readBigUInt64LE(20)).toBe((1904284800n + 11644473600n) * 10_000_000n);
    expect(bytes.readBigUInt64LE(28)).toBe(0n);
    expect(bytes.readUInt32LE(36)).toBe(16);
    expect(bytes.length).toBe(56);
  });

  it('the same item gives the same UID; another item another', () => {
    expect(globalObjectUid('item-a', 0)).toBe(globalObjectUid('item-a', 0));
    expect(globalObjectUid('item-b', 0)).not.toBe(globalObjectUid('item-a', 0));
  });
});
