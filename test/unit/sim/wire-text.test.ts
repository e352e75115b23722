import { describe, expect, it } from 'vitest';
import { wireData, wireText } from '../../../sim/wire-text.ts';
import { controlCharacters } from '../../support/control-chars.ts';

describe('wireText: a value from the wire made safe for a log line', () => {
  it('cuts a 1 MB SubscriptionId to 256 characters and counts the rest', () => {
    const id = `AAMk${'A'.repeat(1024 * 1024 - 4)}`;
    expect(wireText(id)).toBe(`AAMk${'A'.repeat(252)}…[${1024 * 1024 - 256} more characters]`);
  });

  it('escapes newlines, ESC and the other C0/C1 controls, DEL and U+2028', () => {
    expect(wireText('bob\r\n2030-01-01 INFO forged\u001b[2J\u0000\u007f\u0085\u2028end')).toBe(
      'bob\\x0d\\x0a2030-01-01 INFO forged\\x1b[2J\\x00\\x7f\\x85\\u2028end',
    );
  });

  it('leaves ordinary text, tabs aside, as it was', () => {
    expect(wireText('DOMAIN\\svc-imp <alice@example.test> Kalender ü')).toBe(
      'DOMAIN\\svc-imp <alice@example.test> Kalender ü',
    );
  });

  it('never leaves half a surrogate pair at the cut', () => {
    expect(wireText('ab😀cd', 3)).toBe('ab…[4 more characters]');
  });

  it('bounds strings, keys and nesting inside journal data', () => {
    const data = wireData(
      { user: 'x'.repeat(1000), list: Array.from({ length: 100 }, (_, i) => i), deep: { a: { b: { c: { d: 1 } } } } },
      10,
    ) as Record<string, unknown>;
    expect(data.user).toBe(`${'x'.repeat(10)}…[990 more characters]`);
    expect((data.list as unknown[]).length).toBe(65);
    expect((data.list as unknown[])[64]).toBe('[36 more items]');
    expect(data.deep).toEqual({ a: { b: { c: '[nested]' } } });
    expect(controlCharacters(JSON.stringify(wireData({ k: 'a\nb' })))).toEqual([]);
  });
});
