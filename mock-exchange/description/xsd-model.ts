/** A small model of the XML Schema constructs the service description uses; xsd-writer.ts serializes it. */
export type SchemaNs = 'm' | 't';

export interface XsdElement {
  kind: 'element';
  name: string;
  /** Qualified type name (t:FolderIdType, xs:string); for a reference, the referenced global element's type. */
  type: string;
  /** A reference to a global element of the other namespace (t:TimeZone inside a messages type). */
  ref?: string;
  /** The element's own unnamed type (type is then ''), as Microsoft declares m:MessageXml. */
  anonymous?: Omit<XsdComplexType, 'name' | 'ns'>;
  min?: 0;
  max?: 'unbounded';
}

export interface XsdChoice {
  kind: 'choice';
  of: XsdElement[];
  min?: 0;
  max?: 'unbounded';
}

export type XsdParticle = XsdElement | XsdChoice;

export interface XsdAttribute {
  name: string;
  type: string;
  required?: boolean;
}

export interface XsdComplexType {
  name: string;
  ns: SchemaNs;
  /** Qualified base type when the type extends another (complexContent, or simpleContent for text). */
  base?: string;
  /** The base is a simple type: the element holds text plus the attributes below. */
  simpleContent?: boolean;
  abstract?: boolean;
  /** Child elements in sequence, in Microsoft's order. */
  sequence?: XsdParticle[];
  attributes?: XsdAttribute[];
  /**
   * Content the mock passes through without describing it element by element: any element or attribute,
   * checked against a declaration only where one exists (processContents="lax").
   */
  open?: boolean;
}

export interface XsdSimpleType {
  kind: 'simple';
  name: string;
  ns: SchemaNs;
  base: string;
  enumeration?: readonly string[];
}

export interface XsdGlobalElement {
  name: string;
  ns: SchemaNs;
  /** Qualified type name, or '' with `anonymous` (t:ServerVersionInfo). */
  type: string;
  anonymous?: Omit<XsdComplexType, 'name' | 'ns'>;
}

export const element = (name: string, type: string): XsdElement => ({ kind: 'element', name, type });
export const optional = (name: string, type: string): XsdElement => ({ kind: 'element', name, type, min: 0 });
export const repeated = (name: string, type: string): XsdElement => ({
  kind: 'element',
  name,
  type,
  min: 0,
  max: 'unbounded',
});
/** An optional reference to the global element `qname` (t:TimeZone), whose type is `type`. */
export const reference = (qname: string, type: string): XsdElement => ({
  kind: 'element',
  name: qname.slice(qname.indexOf(':') + 1),
  type,
  ref: qname,
  min: 0,
});
export const choice = (of: XsdElement[], occurs: Pick<XsdChoice, 'min' | 'max'> = {}): XsdChoice => ({
  kind: 'choice',
  of,
  ...occurs,
});

/** A type whose content the description leaves open (see XsdComplexType.open). */
export const openType = (ns: SchemaNs, name: string): XsdComplexType => ({ name, ns, open: true });

/** Every element a particle list declares, choices flattened, in order. */
export function elementsOf(particles: readonly XsdParticle[] = []): XsdElement[] {
  return particles.flatMap((p) => (p.kind === 'choice' ? p.of : [p]));
}
