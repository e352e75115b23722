import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../ews/soap-request.ts';
import { dateTimeTxt, el, escapeXml, ewsDateTime, txt } from '../../../ews/xml-writer.ts';

describe('xml-writer', () => {
  it('escapes the five XML specials in text and attribute values', async () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    const xml = el('t:Item', { Subject: `"R&D" <weekly>` }, txt('t:Body', `if (a < b && c > 'd') </t:Body>`));
    const parsed = await parseXml(xml);
    expect(parsed.attr('Subject')).toBe(`"R&D" <weekly>`);
    expect(parsed.textAt('Body')).toBe(`if (a < b && c > 'd') </t:Body>`);
  });

  it('does not double-escape: what goes in comes back out after a parse', async () => {
    const tricky = '&amp; &lt; &#233; ]]> <![CDATA[ x ]]>';
    expect((await parseXml(txt('x', tricky))).text).toBe(tricky);
  });

  it('replaces characters XML 1.0 cannot carry, so echoed input never breaks the response', async () => {
    const echoed = 'alice\u0001@example.test\u0000 \uD800 \uDFFF \uFFFE';
    const out = escapeXml(echoed);
    expect(out).toBe('alice\uFFFD@example.test\uFFFD \uFFFD \uFFFD \uFFFD');
    expect((await parseXml(txt('m:MessageText', echoed))).text).toBe(out);
  });

  it('keeps tab, newline, carriage return and valid surrogate pairs as they are', () => {
    expect(escapeXml('a\tb\nc\rd 📅 é')).toBe('a\tb\nc\rd 📅 é');
  });

  it('writes empty elements self-closed and omits undefined/null attributes', () => {
    expect(el('t:FolderId', { Id: 'AAMk', ChangeKey: undefined, Extra: null })).toBe('<t:FolderId Id="AAMk"/>');
    expect(el('m:Items', null)).toBe('<m:Items/>');
    expect(el('a', { n: 0, b: false, t: true })).toBe('<a n="0" b="false" t="true"/>');
  });

  it('keeps children in the order given, flattening arrays and skipping false/null/undefined', () => {
    const xml = el('r', null, 'A', [false, ['B', null], undefined], txt('c', 'C'), [], 'D');
    expect(xml).toBe('<r>AB<c>C</c>D</r>');
  });

  it('txt omits the element for undefined/null but keeps 0, false and the empty string', () => {
    expect(txt('x', undefined)).toBe('');
    expect(txt('x', null)).toBe('');
    expect(txt('x', 0)).toBe('<x>0</x>');
    expect(txt('x', false)).toBe('<x>false</x>');
    expect(txt('x', '')).toBe('<x></x>');
    expect(txt('x', 'v', { Name: 'a"b' })).toBe('<x Name="a&quot;b">v</x>');
  });

  it('writes EWS dateTimes in UTC to the second with Z, from ms or a Date', () => {
    expect(ewsDateTime(Date.UTC(2030, 4, 6, 9, 30, 15, 999))).toBe('2030-05-06T09:30:15Z');
    expect(ewsDateTime(new Date('2030-05-06T11:00:00+02:00'))).toBe('2030-05-06T09:00:00Z');
  });

  it('writes an element given only empty strings open and closed, as before', () => {
    expect(el('r', null, '')).toBe('<r></r>');
    expect(el('r', null, [[''], undefined])).toBe('<r></r>');
    expect(el('r', null, [[], undefined])).toBe('<r/>');
  });

  it('writes dateTimes across leap days, century rules, the epoch and the ends of four-digit years', () => {
    expect(ewsDateTime(Date.UTC(2000, 1, 29, 23, 59, 59))).toBe('2000-02-29T23:59:59Z');
    expect(ewsDateTime(Date.UTC(1900, 2, 1))).toBe('1900-03-01T00:00:00Z');
    expect(ewsDateTime(Date.UTC(2024, 11, 31, 12))).toBe('2024-12-31T12:00:00Z');
    expect(ewsDateTime(-1)).toBe('1969-12-31T23:59:59Z');
    expect(ewsDateTime(-62_135_596_800_000)).toBe('0001-01-01T00:00:00Z');
    expect(ewsDateTime(253_402_300_799_999)).toBe('9999-12-31T23:59:59Z');
    expect(() => ewsDateTime(Number.NaN)).toThrow(RangeError);
  });

  it('writes a dateTime element as txt would, and numbers and booleans as their text', () => {
    const t = Date.UTC(2030, 4, 6, 9, 30, 15);
    expect(dateTimeTxt('t:Start', t)).toBe(txt('t:Start', ewsDateTime(t)));
    expect(dateTimeTxt('t:Start', t)).toBe('<t:Start>2030-05-06T09:30:15Z</t:Start>');
    expect(txt('t:N', 42)).toBe('<t:N>42</t:N>');
    expect(txt('t:B', false)).toBe('<t:B>false</t:B>');
    expect(el('t:E', { Count: 3, On: true, Off: undefined })).toBe('<t:E Count="3" On="true"/>');
  });

  it('writes each name its own tags, the same with and without attributes, for more names than it keeps', () => {
    // More distinct names than the writer keeps tags for (4,096): the ones past the bound are still written right.
    for (let i = 0; i < 5000; i++) {
      const name = `t:N${i}`;
      expect(txt(name, `v${i}`)).toBe(`<${name}>v${i}</${name}>`);
      expect(txt(name, 'w', {})).toBe(txt(name, 'w'));
      expect(dateTimeTxt(name, 0)).toBe(`<${name}>1970-01-01T00:00:00Z</${name}>`);
    }
    expect(txt('t:N7', 'again')).toBe('<t:N7>again</t:N7>');
    expect(txt('t:N4999', 'again')).toBe('<t:N4999>again</t:N4999>');
  });

  it('remembers recent seconds without mixing up seconds that share a slot, before or after 1970', () => {
    const base = Date.UTC(2030, 4, 6, 9, 0, 0);
    // 256 s apart: the same slot of the remembered seconds, each written as itself, in either order and again.
    const instants = [base, base + 256_000, base - 256_000, base + 1_000, -1, -1 - 256_000, base];
    for (let pass = 0; pass < 2; pass++) {
      for (const t of instants) expect(ewsDateTime(t)).toBe(`${new Date(t).toISOString().slice(0, 19)}Z`);
    }
    // Milliseconds within one second are the same second.
    expect(ewsDateTime(base + 999)).toBe('2030-05-06T09:00:00Z');
    // A seeded walk over 4,000 instants across the four-digit years, each checked against toISOString.
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 4_000; i++) {
      const t = Math.floor(-62_135_596_800_000 + next() * (253_402_300_799_999 + 62_135_596_800_000));
      const again = i % 2 === 0 ? t : t - (t % 1000) + 256_000 * Math.floor(next() * 4);
      for (const x of [t, again]) expect(ewsDateTime(x)).toBe(`${new Date(x).toISOString().slice(0, 19)}Z`);
    }
  });
});
