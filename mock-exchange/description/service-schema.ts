import { RESPONSE_CODES } from '../../ews/response-codes.ts';
import type { EwsOperation } from '../operation.ts';
import { OPERATION_DESCRIPTIONS } from './operation-descriptions.ts';
import { describedTypes, OPEN_TYPES, PLAIN_SIMPLE_TYPES, TYPES_ELEMENTS, TYPES_SIMPLE } from './types-description.ts';
import {
  choice,
  element,
  elementsOf,
  openType,
  optional,
  type XsdComplexType,
  type XsdElement,
  type XsdGlobalElement,
  type XsdSimpleType,
} from './xsd-model.ts';
import { type SchemaDocument, schemaXml } from './xsd-writer.ts';

/** The response element of an operation, as the endpoint writes it. */
export const responseElementName = (op: EwsOperation) => op.responseName ?? `${op.name}Response`;

/** The messages.xsd and types.xsd models of the operations given, before serialization. */
export interface ServiceSchema {
  messages: SchemaDocument;
  types: SchemaDocument;
}

/**
 * The schema of the operations in the table: their request and response elements and every type they use.
 * Throws when a registered operation has no description, or a type is referenced but declared nowhere.
 */
export function serviceSchema(operations: Iterable<EwsOperation>): ServiceSchema {
  const ops = [...operations];
  const missing = ops.filter((op) => !OPERATION_DESCRIPTIONS[op.name]).map((op) => op.name);
  if (missing.length > 0) {
    throw new Error(
      `service description: no entry for operation(s) ${missing.join(', ')} in mock-exchange/description/operation-descriptions.ts`,
    );
  }
  const described = ops.map((op) => ({ op, d: OPERATION_DESCRIPTIONS[op.name]! }));

  const responseMessages = new Map<string, XsdElement>();
  for (const { d } of described) for (const e of d.responseMessages ?? []) responseMessages.set(e.name, e);
  const messageTypes = uniqueByName([
    { name: 'BaseRequestType', ns: 'm', abstract: true },
    {
      name: 'ResponseMessageType',
      ns: 'm',
      sequence: [
        optional('MessageText', 'xs:string'),
        optional('ResponseCode', 'm:ResponseCodeType'),
        optional('DescriptiveLinkKey', 'xs:int'),
        { ...optional('MessageXml', ''), anonymous: { open: true } },
      ],
      attributes: [{ name: 'ResponseClass', type: 't:ResponseClassType', required: true }],
    },
    {
      name: 'BaseResponseMessageType',
      ns: 'm',
      sequence: [element('ResponseMessages', 'm:ArrayOfResponseMessagesType')],
    },
    {
      name: 'ArrayOfResponseMessagesType',
      ns: 'm',
      sequence: [choice([...responseMessages.values()], { max: 'unbounded' })],
    },
    ...described.flatMap(({ d }) => [d.request, d.response, ...(d.types ?? [])]),
  ]);
  const messageElements: XsdGlobalElement[] = described.flatMap(({ op, d }) => [
    { name: op.name, ns: 'm', type: `m:${d.request.name}` },
    { name: responseElementName(op), ns: 'm', type: `m:${d.response.name}` },
  ]);
  const messageSimple: XsdSimpleType[] = [
    { kind: 'simple', name: 'ResponseCodeType', ns: 'm', base: 'xs:string', enumeration: Object.keys(RESPONSE_CODES) },
  ];

  const typesComplex = uniqueByName([...describedTypes(), ...OPEN_TYPES.map((n) => openType('t', n))]);
  const typesSimple: XsdSimpleType[] = [
    ...TYPES_SIMPLE,
    ...PLAIN_SIMPLE_TYPES,
    {
      kind: 'simple',
      name: 'ResponseClassType',
      ns: 't',
      base: 'xs:string',
      enumeration: ['Success', 'Warning', 'Error'],
    },
  ];

  const schema: ServiceSchema = {
    messages: {
      ns: 'm',
      imports: [{ ns: 't', location: 'types.xsd' }],
      simpleTypes: messageSimple,
      complexTypes: messageTypes,
      elements: messageElements,
    },
    types: { ns: 't', simpleTypes: typesSimple, complexTypes: typesComplex, elements: TYPES_ELEMENTS },
  };
  checkReferences(schema);
  return schema;
}

function uniqueByName(types: XsdComplexType[]): XsdComplexType[] {
  const seen = new Map<string, XsdComplexType>();
  for (const t of types) if (!seen.has(t.name)) seen.set(t.name, t);
  return [...seen.values()];
}

/** Every m: and t: type or element a declaration names must be declared in this description. */
function checkReferences(schema: ServiceSchema): void {
  const declared = new Set<string>();
  for (const doc of [schema.messages, schema.types]) {
    for (const t of [...doc.complexTypes, ...doc.simpleTypes]) declared.add(`${doc.ns}:${t.name}`);
  }
  const elements = new Set([...schema.messages.elements, ...schema.types.elements].map((e) => `${e.ns}:${e.name}`));
  const used: string[] = [];
  for (const doc of [schema.messages, schema.types]) {
    for (const t of doc.complexTypes) {
      if (t.base) used.push(t.base);
      for (const e of elementsOf(t.sequence)) {
        if (e.ref && !elements.has(e.ref)) used.push(`element ${e.ref}`);
        if (e.type) used.push(e.type);
      }
      for (const a of t.attributes ?? []) used.push(a.type);
    }
    for (const e of doc.elements) if (e.type) used.push(e.type);
  }
  const unknown = [...new Set(used.filter((q) => !q.startsWith('xs:') && !declared.has(q)))];
  if (unknown.length > 0) throw new Error(`service description: undeclared ${unknown.join(', ')}`);
}

/** messages.xsd and types.xsd as text. */
export function schemaFiles(schema: ServiceSchema): { messages: string; types: string } {
  return { messages: schemaXml(schema.messages), types: schemaXml(schema.types) };
}
