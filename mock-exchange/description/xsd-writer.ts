import { NS } from '../../ews/namespaces.ts';
import { el } from '../../ews/xml-writer.ts';
import type {
  SchemaNs,
  XsdAttribute,
  XsdComplexType,
  XsdGlobalElement,
  XsdParticle,
  XsdSimpleType,
} from './xsd-model.ts';

export interface SchemaDocument {
  ns: SchemaNs;
  /** schemaLocation of the other namespace's document (types.xsd from messages.xsd). */
  imports?: { ns: SchemaNs; location: string }[];
  simpleTypes: readonly XsdSimpleType[];
  complexTypes: readonly XsdComplexType[];
  elements: readonly XsdGlobalElement[];
}

const occurs = (p: { min?: 0; max?: 'unbounded' }) => ({ minOccurs: p.min, maxOccurs: p.max });

function particleXml(p: XsdParticle): string {
  if (p.kind === 'choice') return el('xs:choice', occurs(p), p.of.map(particleXml));
  if (p.ref) return el('xs:element', { ref: p.ref, ...occurs(p) });
  if (p.anonymous) return el('xs:element', { name: p.name, ...occurs(p) }, complexTypeXml(p.anonymous));
  return el('xs:element', { name: p.name, type: p.type, ...occurs(p) });
}

const attributeXml = (a: XsdAttribute) =>
  el('xs:attribute', { name: a.name, type: a.type, use: a.required ? 'required' : 'optional' });

const OPEN_CONTENT = [
  el('xs:sequence', null, el('xs:any', { processContents: 'lax', minOccurs: 0, maxOccurs: 'unbounded' })),
  el('xs:anyAttribute', { processContents: 'lax' }),
];

/** A named type, or the unnamed type of one element. */
function complexTypeXml(t: Omit<XsdComplexType, 'name' | 'ns'> & { name?: string }): string {
  if (t.open) return el('xs:complexType', { name: t.name, mixed: true }, OPEN_CONTENT);
  const sequence = t.sequence?.length ? el('xs:sequence', null, t.sequence.map(particleXml)) : '';
  const attributes = (t.attributes ?? []).map(attributeXml);
  if (!t.base) return el('xs:complexType', { name: t.name, abstract: t.abstract }, sequence, attributes);
  const content = t.simpleContent ? 'xs:simpleContent' : 'xs:complexContent';
  return el(
    'xs:complexType',
    { name: t.name, abstract: t.abstract },
    el(content, null, el('xs:extension', { base: t.base }, sequence, attributes)),
  );
}

function simpleTypeXml(t: XsdSimpleType): string {
  const facets = (t.enumeration ?? []).map((value) => el('xs:enumeration', { value }));
  return el('xs:simpleType', { name: t.name }, el('xs:restriction', { base: t.base }, facets));
}

/** One schema document (messages.xsd or types.xsd) as text. */
export function schemaXml(doc: SchemaDocument): string {
  const body = el(
    'xs:schema',
    {
      'xmlns:xs': NS.xsd,
      'xmlns:m': NS.m,
      'xmlns:t': NS.t,
      targetNamespace: NS[doc.ns],
      elementFormDefault: 'qualified',
      version: 'Exchange2016',
    },
    (doc.imports ?? []).map((i) => el('xs:import', { namespace: NS[i.ns], schemaLocation: i.location })),
    doc.simpleTypes.map(simpleTypeXml),
    doc.complexTypes.map(complexTypeXml),
    doc.elements.map((e) =>
      e.anonymous
        ? el('xs:element', { name: e.name }, complexTypeXml(e.anonymous))
        : el('xs:element', { name: e.name, type: e.type }),
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}`;
}
