import { fault } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';

export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

/** What an ItemShape asks for: a base shape plus FieldURIs named in AdditionalProperties. */
export interface ItemShape {
  base: BaseShape;
  additional: ReadonlySet<string>;
}

export const ALL_PROPERTIES: ItemShape = { base: 'AllProperties', additional: new Set() };

/**
 * Parse m:ItemShape. ExtendedFieldURI and IndexedFieldURI are accepted and yield nothing: calendar items here
 * carry no extended properties, which is exactly what Exchange returns for a property that is not set.
 */
export function parseItemShape(shapeEl: XmlElement | undefined, operation: string): ItemShape {
  const base = shapeEl?.textAt('BaseShape');
  if (base === undefined) {
    throw fault(
      'ErrorSchemaValidation',
      `The request failed schema validation: ${operation}/ItemShape/BaseShape is required.`,
    );
  }
  const additional = new Set<string>();
  for (const path of shapeEl?.child('AdditionalProperties')?.children ?? []) {
    if (path.name !== 'FieldURI') continue;
    const uri = path.attr('FieldURI');
    if (!uri) {
      throw fault(
        'ErrorSchemaValidation',
        `The request failed schema validation: ${operation}/ItemShape/AdditionalProperties/FieldURI has no FieldURI attribute.`,
      );
    }
    additional.add(uri);
  }
  switch (base) {
    case 'IdOnly':
    case 'Default':
    case 'AllProperties':
      return { base, additional };
    case 'PcxPeopleSearch':
      return { base: 'Default', additional };
    default:
      throw fault(
        'ErrorSchemaValidation',
        `The request failed schema validation: ${operation}/ItemShape/BaseShape "${base}" is not IdOnly, Default or AllProperties.`,
      );
  }
}
