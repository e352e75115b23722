import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../ews/errors.ts';
import { NS } from '../../../ews/namespaces.ts';
import { parseSoapRequest, parseXml } from '../../../ews/soap-request.ts';
import { MAX_XML_DEPTH } from '../../../ews/xml-limits.ts';

/** A GetFolder request shaped exactly as ews-javascript-api writes it (Exchange2013, impersonating alice). */
const EWS_JS_GET_FOLDER = `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:xsi="${NS.xsi}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">
 <soap:Header>
  <t:RequestServerVersion Version="Exchange2013"></t:RequestServerVersion>
  <t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>alice@example.test</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>
 </soap:Header>
 <soap:Body><m:GetFolder><m:FolderShape><t:BaseShape>AllProperties</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder></soap:Body></soap:Envelope>`;

const envelope = (body: string, header = '', prefix = 'soap') =>
  `<${prefix}:Envelope xmlns:${prefix}="${NS.soap}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
  (header ? `<${prefix}:Header>${header}</${prefix}:Header>` : '') +
  `<${prefix}:Body>${body}</${prefix}:Body></${prefix}:Envelope>`;

const impersonating = (idElement: string) =>
  `<t:ExchangeImpersonation><t:ConnectingSID>${idElement}</t:ConnectingSID></t:ExchangeImpersonation>`;

async function rejection(xml: string): Promise<EwsError> {
  try {
    await parseSoapRequest(xml);
  } catch (err) {
    if (err instanceof EwsError) return err;
    throw new Error(`expected an EwsError, got ${String(err)}`);
  }
  throw new Error('expected parseSoapRequest to reject');
}

describe('parseSoapRequest: what it reads', () => {
  it('reads an ews-javascript-api request: operation, body, version, impersonation', async () => {
    const req = await parseSoapRequest(EWS_JS_GET_FOLDER);
    expect(req.operation).toBe('GetFolder');
    expect(req.body.name).toBe('GetFolder');
    expect(req.body.at('FolderIds', 'DistinguishedFolderId')?.attr('Id')).toBe('calendar');
    expect(req.body.textAt('FolderShape', 'BaseShape')).toBe('AllProperties');
    expect(req.requestServerVersion).toBe('Exchange2013');
    expect(req.impersonation).toEqual({ kind: 'SmtpAddress', value: 'alice@example.test' });
    expect(req.timeZoneId).toBeUndefined();
  });

  it.each([
    ['soap', 'm'],
    ['s', 'x'],
    ['SOAP-ENV', 'ews'],
  ])('dispatches on the first Body child whatever the prefixes (%s / %s)', async (envPrefix, opPrefix) => {
    const xml = envelope(`<${opPrefix}:FindItem xmlns:${opPrefix}="${NS.m}" Traversal="Shallow"/>`, '', envPrefix);
    const req = await parseSoapRequest(xml);
    expect(req.operation).toBe('FindItem');
    expect(req.body.attr('Traversal')).toBe('Shallow');
  });

  it('dispatches on the first child element only, skipping whitespace and comments before it', async () => {
    const req = await parseSoapRequest(envelope('\n  <!-- first --> <m:GetItem/><m:GetFolder/>\n'));
    expect(req.operation).toBe('GetItem');
  });

  it('reads the default-namespace style (no prefixes at all)', async () => {
    const xml = `<Envelope xmlns="${NS.soap}"><Header><RequestServerVersion xmlns="${NS.t}" Version="Exchange2010_SP1"/></Header><Body><GetFolder xmlns="${NS.m}"><FolderIds><DistinguishedFolderId xmlns="${NS.t}" Id="calendar"/></FolderIds></GetFolder></Body></Envelope>`;
    const req = await parseSoapRequest(xml);
    expect(req.operation).toBe('GetFolder');
    expect(req.requestServerVersion).toBe('Exchange2010_SP1');
    expect(req.body.at('FolderIds', 'DistinguishedFolderId')?.attr('Id')).toBe('calendar');
  });

  it('accepts a UTF-8 byte order mark and an XML declaration', async () => {
    const req = await parseSoapRequest(`\uFEFF<?xml version="1.0" encoding="utf-8"?>\n${EWS_JS_GET_FOLDER}`);
    expect(req.operation).toBe('GetFolder');
  });

  it('strips namespace declarations and attribute prefixes, keeps other attributes', async () => {
    const req = await parseSoapRequest(envelope(`<m:GetFolder xmlns:q="urn:q" q:Flag="1" Plain="2"/>`));
    expect(req.body.attrs).toEqual({ Flag: '1', Plain: '2' });
  });

  it.each([
    ['SmtpAddress', 'alice@example.test'],
    ['PrimarySmtpAddress', 'alice@example.test'],
    ['PrincipalName', 'alice'],
    ['SID', 'S-1-5-21-1-2-3-1104'],
  ])('reads impersonation by %s and trims the value', async (kind, value) => {
    const req = await parseSoapRequest(
      envelope('<m:GetFolder/>', impersonating(`<t:${kind}>\n  ${value}  \n</t:${kind}>`)),
    );
    expect(req.impersonation).toEqual({ kind, value });
  });

  it('reads no impersonation, version or header when there is no Header', async () => {
    const req = await parseSoapRequest(envelope('<m:GetFolder/>'));
    expect(req.header).toBeUndefined();
    expect(req.impersonation).toBeUndefined();
    expect(req.requestServerVersion).toBeUndefined();
  });

  it('reads RequestServerVersion verbatim (validation is the endpoint’s job) and the TimeZoneContext id', async () => {
    const header =
      '<t:RequestServerVersion Version="Exchange2099"/>' +
      '<t:TimeZoneContext><t:TimeZoneDefinition Name="x" Id="W. Europe Standard Time"/></t:TimeZoneContext>';
    const req = await parseSoapRequest(envelope('<m:GetUserAvailabilityRequest/>', header));
    expect(req.requestServerVersion).toBe('Exchange2099');
    expect(req.timeZoneId).toBe('W. Europe Standard Time');
    expect(req.operation).toBe('GetUserAvailabilityRequest');
  });

  it('keeps text exactly, entities decoded, CDATA included', async () => {
    const req = await parseSoapRequest(envelope('<m:X><t:Subject>a &amp; b &lt;c&gt; &#233;</t:Subject></m:X>'));
    expect(req.body.textAt('Subject')).toBe('a & b <c> é');
  });
});

describe('parseSoapRequest: what it refuses (HTTP 500 faults, ErrorSchemaValidation)', () => {
  const expectSchemaFault = (err: EwsError, message: RegExp) => {
    expect(err.code).toBe('ErrorSchemaValidation');
    expect(err.level).toBe('fault');
    expect(err.httpStatus).toBe(500);
    expect(err.message).toMatch(/^The request failed schema validation: /);
    expect(err.message).toMatch(message);
  };

  it('refuses a root that is not a SOAP Envelope, naming it', async () => {
    expectSchemaFault(
      await rejection(`<m:GetFolder xmlns:m="${NS.m}"/>`),
      /expected a SOAP Envelope, found <GetFolder>/,
    );
    expectSchemaFault(await rejection('<html><body>hi</body></html>'), /found <html>/);
  });

  it('refuses an Envelope with no Body, or an empty Body', async () => {
    expectSchemaFault(await rejection(`<s:Envelope xmlns:s="${NS.soap}"/>`), /SOAP Body is missing or empty/);
    expectSchemaFault(await rejection(envelope('')), /SOAP Body is missing or empty/);
    expectSchemaFault(await rejection(envelope('   just text   ')), /SOAP Body is missing or empty/);
    expectSchemaFault(await rejection(envelope('<!-- nothing -->')), /SOAP Body is missing or empty/);
  });

  it.each([
    ['unclosed root', '<s:Envelope><s:Body>'],
    ['mismatched close tag', envelope('<m:GetFolder></m:GetItem>')],
    ['text before the root', `hello ${EWS_JS_GET_FOLDER}`],
    ['two roots', `${EWS_JS_GET_FOLDER}${EWS_JS_GET_FOLDER}`],
    ['text after the root', `${EWS_JS_GET_FOLDER} trailing`],
    ['an empty element after the root', `${EWS_JS_GET_FOLDER}<x/>`],
    ['unknown entity', envelope('<m:GetFolder>&bogus;</m:GetFolder>')],
    ['unquoted attribute', envelope('<m:GetFolder a=1/>')],
    ['truncated', EWS_JS_GET_FOLDER.slice(0, 200)],
    ['not XML at all', '{"json": true}'],
  ])('refuses malformed XML (%s) with the parser’s reason', async (_name, xml) => {
    const err = await rejection(xml);
    expect(err.code).toBe('ErrorSchemaValidation');
    expect(err.level).toBe('fault');
    expect(err.message.length).toBeGreaterThan('The request failed schema validation: '.length);
  });

  it('says where a malformed document fails: line and column of the offending character', async () => {
    const err = await rejection('<a>\n<b>\n</a>');
    expect(err.message).toBe('The request failed schema validation: Unexpected close tag Line: 2 Column: 4 Char: >');
    // The same document a line further down fails a line further down: the place is counted, not made up.
    expect((await rejection('<a>\n\n<b>\n</a>')).message).toContain('Line: 3 Column: 4');
  });

  it.each([
    ['U+0001 in text', '<m:GetFolder>a\u0001</m:GetFolder>', 'U+0001'],
    ['U+0000 in CDATA', '<m:GetFolder><![CDATA[\u0000]]></m:GetFolder>', 'U+0000'],
    ['U+001F in a comment', '<!-- \u001F --><m:GetFolder/>', 'U+001F'],
    ['U+FFFF', '<m:GetFolder>\uFFFF</m:GetFolder>', 'U+FFFF'],
    ['a lone surrogate', '<m:GetFolder>\uD800x</m:GetFolder>', 'U+D800'],
  ])('refuses a character XML forbids everywhere (%s), naming it and its offset', async (_name, body, codePoint) => {
    const xml = envelope(body);
    const err = await rejection(xml);
    expectSchemaFault(err, new RegExp(`character U\\+${codePoint.slice(2)} at offset \\d+ is not allowed in XML`));
    const offset = Number(/offset (\d+)/.exec(err.message)?.[1]);
    expect(xml.codePointAt(offset)?.toString(16).toUpperCase().padStart(4, '0')).toBe(codePoint.slice(2));
  });

  it('accepts tab, LF, CR and characters beyond the BMP', async () => {
    const req = await parseSoapRequest(envelope('<m:GetFolder>\t\r\n📅 é</m:GetFolder>'));
    expect(req.body.text).toMatch(/^\t\r?\n📅 é$/);
  });

  it('refuses an empty or blank document', async () => {
    expectSchemaFault(await rejection(''), /document is empty/);
    expectSchemaFault(await rejection('   \n'), /document is empty/);
  });

  it('refuses any DTD: a doctype, an entity declaration, billion laughs, an external entity', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
    ).join(
      '',
    )}]><s:Envelope xmlns:s="${NS.soap}"><s:Body><m:GetFolder xmlns:m="${NS.m}">&lol9;</m:GetFolder></s:Body></s:Envelope>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${envelope('<m:GetFolder>&x;</m:GetFolder>')}`;
    for (const xml of [laughs, xxe, `<!doctype Envelope>${EWS_JS_GET_FOLDER}`, `<!ENTITY x "y">${EWS_JS_GET_FOLDER}`]) {
      const err = await rejection(xml);
      expectSchemaFault(err, /DTD is prohibited/);
      expect(err.message).not.toMatch(/lol|root:/);
    }
  });

  it('refuses ExchangeImpersonation whose ConnectingSID names nobody', async () => {
    expectSchemaFault(
      await rejection(envelope('<m:GetFolder/>', impersonating('<t:SmtpAddress>  </t:SmtpAddress>'))),
      /ConnectingSID has no SmtpAddress/,
    );
    expectSchemaFault(
      await rejection(envelope('<m:GetFolder/>', impersonating('<t:Nickname>alice</t:Nickname>'))),
      /ConnectingSID/,
    );
  });

  it(`accepts nesting ${MAX_XML_DEPTH} deep and refuses deeper without overflowing the stack`, async () => {
    // Envelope, Body and the operation are 3 levels; the filler brings the total to the limit.
    const nest = (levels: number) => `${'<a>'.repeat(levels)}${'</a>'.repeat(levels)}`;
    const ok = await parseSoapRequest(envelope(`<m:GetFolder>${nest(MAX_XML_DEPTH - 3)}</m:GetFolder>`));
    expect(ok.operation).toBe('GetFolder');
    expectSchemaFault(
      await rejection(envelope(`<m:GetFolder>${nest(MAX_XML_DEPTH - 2)}</m:GetFolder>`)),
      new RegExp(`nested deeper than ${MAX_XML_DEPTH} levels`),
    );
    expectSchemaFault(await rejection(envelope(`<m:GetFolder>${nest(10_000)}</m:GetFolder>`)), /nested deeper than/);
  });
});

describe('parseXml', () => {
  it('parses any document into local names, attributes and children in document order', async () => {
    const root = await parseXml('<p:root xmlns:p="urn:x" a="1"><p:b>one</p:b><c/><p:b>two</p:b></p:root>');
    expect(root.name).toBe('root');
    expect(root.attr('a')).toBe('1');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c', 'b']);
    expect(root.all('b').map((b) => b.text)).toEqual(['one', 'two']);
    expect(root.child('missing')).toBeUndefined();
    expect(root.textAt('missing', 'deeper')).toBeUndefined();
  });
});
