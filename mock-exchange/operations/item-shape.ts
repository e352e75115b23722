import { fault } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { type ExtendedPath, parseExtendedPath } from './extended-property.ts';
import { parseBoolean } from './request-values.ts';

export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

/** What an ItemShape asks for: a base shape plus FieldURIs named in AdditionalProperties. */
export interface ItemShape {
  base: BaseShape;
  additional: ReadonlySet<string>;
  /** ExtendedFieldURIs asked for, in request order. */
  extended?: readonly ExtendedPath[];
  /** IncludeMimeContent: the item's iCalendar goes first, as t:MimeContent. */
  includeMimeContent?: boolean;
}

export const ALL_PROPERTIES: ItemShape = { base: 'AllProperties', additional: new Set() };

/** Parse m:ItemShape. IndexedFieldURI is accepted and yields nothing (calendar items here carry none). */
export function parseItemShape(shapeEl: XmlElement | undefined, operation: string): ItemShape {
  const base = shapeEl?.textAt('BaseShape');
  if (base === undefined) {
    throw fault(
      'ErrorSchemaValidation',
      `The request failed schema validation: ${operation}/ItemShape/BaseShape is required.`,
    );
  }
  const additional = new Set<string>();
  const extended: ExtendedPath[] = [];
  for (const path of shapeEl?.child('AdditionalProperties')?.children ?? []) {
    if (path.name === 'ExtendedFieldURI')
      extended.push(parseExtendedPath(path, `${operation}/ItemShape/AdditionalProperties`));
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
  const mime = shapeEl?.textAt('IncludeMimeContent');
  const includeMimeContent =
    mime === undefined ? undefined : parseBoolean(mime, `${operation}/ItemShape/IncludeMimeContent`);
  switch (base) {
    case 'IdOnly':
    case 'Default':
    case 'AllProperties':
      return { base, additional, extended, includeMimeContent };
    case 'PcxPeopleSearch':
      return { base: 'Default', additional, extended, includeMimeContent };
    default:
      throw fault(
        'ErrorSchemaValidation',
        `The request failed schema validation: ${operation}/ItemShape/BaseShape "${base}" is not IdOnly, Default or AllProperties.`,
      );
  }
}
