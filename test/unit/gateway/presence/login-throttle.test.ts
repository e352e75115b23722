import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../../gateway/presence/login-throttle.ts';

/** A throttle on a clock the test moves by hand. */
function throttle() {
  let now = 1_000_000;
  const t = new LoginThrottle(() => now);
  return { t, tick: (ms: number) => (now += ms) };
}

describe('login throttle: a directory-like lockout per user ID and per address', () => {
  it('the fifth failure of a user ID locks it out for 1 s, each further one twice as long, up to 15 min', () => {
    const { t, tick } = throttle();
    for (let i = 1; i <= 4; i++) {
      expect(t.failed('alice', '10.0.0.1')).toBe(0);
      expect(t.waitFor('alice', '10.0.0.1')).toBe(0);
    }
    expect(t.failed('alice', '10.0.0.1')).toBe(1_000);
    expect(t.waitFor('alice', '10.0.0.1')).toBe(1_000);
    // Locked by user ID: from any other address too, and whatever the case of the ID.
    expect(t.waitFor('ALICE', '10.0.0.2')).toBe(1_000);
    expect(t.waitFor('bob', '10.0.0.2')).toBe(0);
    tick(400);
    expect(t.waitFor('alice', '10.0.0.1')).toBe(600);
    tick(600);
    expect(t.waitFor('alice', '10.0.0.1')).toBe(0);
    const lockouts = [];
    for (let i = 0; i < 12; i++) {
      lockouts.push(t.failed('alice', `10.0.1.${i}`));
      tick(lockouts[i] as number);
    }
    expect(lockouts).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900].map((s) => s * 1000));
  });

  it('a success clears the user ID, not the address; a quiet half hour forgets both', () => {
    const { t, tick } = throttle();
    for (let i = 0; i < 4; i++) t.failed('bob', '10.0.0.9');
    t.succeeded('Bob');
    for (let i = 0; i < 4; i++) expect(t.failed('bob', '10.0.0.9')).toBe(0);
    tick(30 * 60_000);
    for (let i = 0; i < 4; i++) expect(t.failed('bob', '10.0.0.9')).toBe(0);
    expect(t.size).toBe(2);
  });

  it('twenty failures from one address over different user IDs lock the address, not those IDs elsewhere', () => {
    const { t } = throttle();
    for (let i = 1; i < 20; i++) expect(t.failed(`user${i}`, '192.0.2.7')).toBe(0);
    expect(t.failed('user20', '192.0.2.7')).toBe(1_000);
    expect(t.waitFor('someone-else', '192.0.2.7')).toBe(1_000);
    expect(t.waitFor('user20', '192.0.2.8')).toBe(0);
  });

  it('a flood of made-up user IDs keeps at most 10,000 records', () => {
    const { t } = throttle();
    for (let i = 0; i < 12_000; i++) t.failed(`nobody-${i}`, '192.0.2.1');
    expect(t.size).toBe(10_000);
    // The address is the most recently failed record: it is kept, and locked.
    expect(t.waitFor('x', '192.0.2.1')).toBe(15 * 60_000);
  });

  it('user IDs are told apart by their first 256 characters in lower case', () => {
    const { t } = throttle();
    const long = 'a'.repeat(256);
    for (let i = 0; i < 5; i++) t.failed(`${long}${i}`, `10.0.2.${i}`);
    // One record for all five: the fifth failure locked the shared first 256 characters out.
    expect(t.waitFor(`${long}-anything`, '10.0.3.1')).toBe(1_000);
    // "straße" is not "STRASSE": upper-casing would make them one ID.
    for (let i = 0; i < 5; i++) t.failed('STRASSE', `10.0.4.${i}`);
    expect(t.waitFor('strasse', '10.0.5.1')).toBe(1_000);
    expect(t.waitFor('straße', '10.0.5.1')).toBe(0);
  });
});
