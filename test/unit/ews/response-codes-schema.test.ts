import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESPONSE_CODES } from '../../../ews/response-codes.ts';
import { EWS_SCHEMA_DIR, schemaTestsEnabled } from '../../support/ews-schema.ts';

/** The enumeration values of m:ResponseCodeType in messages.xsd. */
function responseCodeType(messagesXsd: string): Set<string> {
  const start = messagesXsd.indexOf('<xs:simpleType name="ResponseCodeType">');
  const end = messagesXsd.indexOf('</xs:simpleType>', start);
  if (start === -1 || end === -1) throw new Error('messages.xsd has no ResponseCodeType simple type');
  return new Set(
    [...messagesXsd.slice(start, end).matchAll(/<xs:enumeration value="([^"]+)"/g)].map((m) => m[1] ?? ''),
  );
}

describe.skipIf(!schemaTestsEnabled('response codes vs messages.xsd'))('response-codes.ts against messages.xsd', () => {
  it('every code pgsim sends is a ResponseCodeType value', async () => {
    const xsd = await readFile(join(EWS_SCHEMA_DIR ?? '', 'messages.xsd'), 'utf8');
    const known = responseCodeType(xsd);
    expect(known.size).toBeGreaterThan(300);
    expect(Object.keys(RESPONSE_CODES).filter((code) => !known.has(code))).toEqual([]);
  });
});
