import type { XmlElement } from '../../ews/xml-element.ts';

/** One element a schema type declares, in document order; `choice` numbers the xs:choice holding it. */
export interface OutlineElement {
  name: string;
  /** The type attribute, `ref:<qname>` for a reference, '' for an unnamed type. */
  type: string;
  choice?: number;
}

export interface TypeOutline {
  base?: string;
  elements: OutlineElement[];
  attributes: Map<string, string>;
}

/** Any schema document (Microsoft's or the mock's), read into outlines of its types and its global elements. */
export interface SchemaOutline {
  complexTypes: Map<string, TypeOutline>;
  simpleTypes: Map<string, string[]>;
  elements: Map<string, string>;
}

export function outlineSchema(schema: XmlElement): SchemaOutline {
  const groups = new Map(schema.all('attributeGroup').map((g) => [g.attr('name') ?? '', g]));
  const complexTypes = new Map<string, TypeOutline>();
  for (const t of schema.all('complexType')) complexTypes.set(t.attr('name') ?? '', outlineType(t, groups));
  const simpleTypes = new Map<string, string[]>();
  for (const t of schema.all('simpleType')) {
    const values =
      t
        .child('restriction')
        ?.all('enumeration')
        .map((e) => e.attr('value') ?? '') ?? [];
    simpleTypes.set(t.attr('name') ?? '', values);
  }
  const elements = new Map(schema.all('element').map((e) => [e.attr('name') ?? '', e.attr('type') ?? '']));
  return { complexTypes, simpleTypes, elements };
}

function outlineType(t: XmlElement, groups: Map<string, XmlElement>): TypeOutline {
  const extension = t.child('complexContent')?.child('extension') ?? t.child('simpleContent')?.child('extension');
  const holder = extension ?? t;
  const out: TypeOutline = { base: extension?.attr('base'), elements: [], attributes: new Map() };
  let choices = 0;
  const walk = (node: XmlElement, choice: number | undefined) => {
    for (const c of node.children) {
      if (c.name === 'element') {
        const ref = c.attr('ref');
        out.elements.push({
          name: ref ? ref.slice(ref.indexOf(':') + 1) : (c.attr('name') ?? ''),
          type: ref ? `ref:${ref}` : (c.attr('type') ?? ''),
          ...(choice === undefined ? {} : { choice }),
        });
      } else if (c.name === 'choice') walk(c, ++choices);
      else if (c.name === 'sequence') walk(c, choice);
    }
  };
  const attributes = (node: XmlElement) => {
    for (const a of node.all('attribute')) out.attributes.set(a.attr('name') ?? '', a.attr('type') ?? '');
    for (const g of node.all('attributeGroup')) {
      const ref = g.attr('ref') ?? '';
      const group = groups.get(ref.slice(ref.indexOf(':') + 1));
      if (group) attributes(group);
    }
  };
  walk(holder, undefined);
  attributes(holder);
  return out;
}
