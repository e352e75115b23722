import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import { OPERATION_DESCRIPTIONS } from '../../../../mock-exchange/description/operation-descriptions.ts';
import { schemaFiles, serviceSchema } from '../../../../mock-exchange/description/service-schema.ts';
import type { EwsOperation } from '../../../../mock-exchange/operation.ts';
import { OPERATIONS } from '../../../../mock-exchange/operations/index.ts';
import { EWS_SCHEMA_DIR, schemaTestsEnabled } from '../../../support/ews-schema.ts';
import { outlineSchema, type SchemaOutline, type TypeOutline } from '../../../support/xsd-outline.ts';

const read = async (text: string) => outlineSchema(await parseXml(text));

/** Where each of the mock's elements sits in Microsoft's type: same name and type, in the same order. */
function compareType(name: string, mine: TypeOutline, theirs: TypeOutline | undefined): string[] {
  if (!theirs) return [`${name}: Microsoft's schema has no such type`];
  const problems: string[] = [];
  if (mine.base !== theirs.base) problems.push(`${name}: base ${mine.base} is ${theirs.base} in Microsoft's`);
  let last = -1;
  let lastChoice: number | undefined;
  for (const e of mine.elements) {
    const at = theirs.elements.findIndex((t) => t.name === e.name);
    const t = theirs.elements[at];
    if (!t) {
      problems.push(`${name}/${e.name}: not in Microsoft's type`);
      continue;
    }
    if (t.type !== e.type && !(t.type === '' && e.type === '')) {
      problems.push(`${name}/${e.name}: type ${e.type} is ${t.type} in Microsoft's`);
    }
    // Members of one xs:choice may come in any order; everything else keeps Microsoft's sequence.
    const sameChoice = e.choice !== undefined && lastChoice !== undefined && t.choice !== undefined;
    if (at <= last && !sameChoice) problems.push(`${name}/${e.name}: out of Microsoft's order`);
    last = Math.max(last, at);
    lastChoice = e.choice === undefined ? undefined : t.choice;
  }
  for (const [attr, type] of mine.attributes) {
    const theirsType = theirs.attributes.get(attr);
    if (theirsType === undefined) problems.push(`${name}@${attr}: not in Microsoft's type`);
    else if (theirsType !== type) problems.push(`${name}@${attr}: type ${type} is ${theirsType} in Microsoft's`);
  }
  return problems;
}

function compareSchema(mine: SchemaOutline, theirs: SchemaOutline, openTypes: Set<string>): string[] {
  const problems: string[] = [];
  for (const [name, outline] of mine.complexTypes) {
    if (openTypes.has(name)) {
      if (!theirs.complexTypes.has(name)) problems.push(`${name}: Microsoft's schema has no such type`);
    } else problems.push(...compareType(name, outline, theirs.complexTypes.get(name)));
  }
  for (const [name, values] of mine.simpleTypes) {
    const theirValues = theirs.simpleTypes.get(name);
    if (!theirValues) problems.push(`${name}: Microsoft's schema has no such simple type`);
    else if (theirValues.length > 0) {
      for (const v of values)
        if (!theirValues.includes(v)) problems.push(`${name}: "${v}" is not one of Microsoft's values`);
    }
  }
  for (const [name, type] of mine.elements) {
    const theirType = theirs.elements.get(name);
    if (theirType === undefined) problems.push(`element ${name}: not a global element in Microsoft's schema`);
    else if (theirType !== type) problems.push(`element ${name}: type ${type} is ${theirType} in Microsoft's`);
  }
  return problems;
}

describe.skipIf(!schemaTestsEnabled('service description vs Microsoft'))(
  "the mock's service description declares types and elements as Microsoft's schema does",
  () => {
    const files = schemaFiles(serviceSchema(OPERATIONS.values()));
    const openTypes = new Set(
      [...files.types.matchAll(/<xs:complexType name="(\w+)" mixed="true">/g)].map((m) => m[1] ?? ''),
    );
    let ms: { messages: SchemaOutline; types: SchemaOutline };
    let own: { messages: SchemaOutline; types: SchemaOutline };

    beforeAll(async () => {
      const dir = EWS_SCHEMA_DIR ?? '';
      ms = {
        messages: await read(readFileSync(join(dir, 'messages.xsd'), 'utf8')),
        types: await read(readFileSync(join(dir, 'types.xsd'), 'utf8')),
      };
      own = { messages: await read(files.messages), types: await read(files.types) };
    });

    it('messages.xsd: every type and element has the name, base, element order and types of messages.xsd', () => {
      expect(compareSchema(own.messages, ms.messages, openTypes)).toEqual([]);
      expect(own.messages.elements.size).toBe(2 * OPERATIONS.size);
    });

    it('types.xsd: every type and element has the name, base, element order and types of types.xsd', () => {
      expect(compareSchema(own.types, ms.types, openTypes)).toEqual([]);
      // The calendar item is described in full from the writer, not left open.
      expect(own.types.complexTypes.get('CalendarItemType')?.elements.map((e) => e.name)).toContain(
        'LegacyFreeBusyStatus',
      );
    });

    it('so do the entries of operations not registered yet (described ahead for the start-up operations)', async () => {
      const ahead = Object.keys(OPERATION_DESCRIPTIONS).map(
        (name): EwsOperation => OPERATIONS.get(name) ?? { name, handle: () => '' },
      );
      expect(ahead.length).toBeGreaterThan(OPERATIONS.size - 1);
      const all = schemaFiles(serviceSchema(ahead));
      const open = new Set(
        [...all.types.matchAll(/<xs:complexType name="(\w+)" mixed="true">/g)].map((m) => m[1] ?? ''),
      );
      expect(compareSchema(await read(all.messages), ms.messages, open)).toEqual([]);
      expect(compareSchema(await read(all.types), ms.types, open)).toEqual([]);
    });

    it('the comparison is not vacuous: a swapped pair, a wrong type and an unknown element are reported', () => {
      const calendar = own.types.complexTypes.get('CalendarItemType')!;
      const [a, b, ...rest] = calendar.elements;
      const swapped = { ...calendar, elements: [b!, a!, ...rest] };
      expect(compareType('CalendarItemType', swapped, ms.types.complexTypes.get('CalendarItemType'))).toEqual([
        `CalendarItemType/${a!.name}: out of Microsoft's order`,
      ]);
      const retyped = { ...calendar, elements: [{ ...a!, type: 'xs:int' }] };
      expect(compareType('CalendarItemType', retyped, ms.types.complexTypes.get('CalendarItemType'))[0]).toMatch(
        /type xs:int is/,
      );
      const unknown = { ...calendar, elements: [{ name: 'Colour', type: 'xs:string' }] };
      expect(compareType('CalendarItemType', unknown, ms.types.complexTypes.get('CalendarItemType'))).toEqual([
        "CalendarItemType/Colour: not in Microsoft's type",
      ]);
    });
  },
);
