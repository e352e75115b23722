import { EwsError } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, ewsDateTime, txt } from '../../ews/xml-writer.ts';
import type { ExtendedValue } from '../calendar.ts';
import { schemaError } from './request-values.ts';

/** An ExtendedFieldURI: its canonical key (tag, or property set with name or id), the attributes as sent, the type. */
export interface ExtendedPath {
  key: string;
  attrs: Readonly<Record<string, string>>;
  type: string;
}

const ATTRIBUTES = [
  'DistinguishedPropertySetId',
  'PropertySetId',
  'PropertyTag',
  'PropertyName',
  'PropertyId',
  'PropertyType',
] as const;

/** A value computed from what the store holds: text, a number, or an instant (SystemTime). */
export type ComputedValue = string | number | boolean | { instant: number };

/** Parse a t:ExtendedFieldURI; a tag is written as hex ("0x3613") or decimal, as clients do both. */
export function parseExtendedPath(pathEl: XmlElement, where: string): ExtendedPath {
  const attrs: Record<string, string> = {};
  for (const name of ATTRIBUTES) {
    const v = pathEl.attr(name);
    if (v !== undefined) attrs[name] = v;
  }
  const type = attrs.PropertyType;
  if (!type) throw schemaError(`${where}/ExtendedFieldURI`, 'needs a PropertyType');
  if (attrs.PropertyTag !== undefined) {
    const tag = Number(attrs.PropertyTag);
    if (!Number.isInteger(tag) || tag < 0 || tag > 0xffff)
      throw invalidPath(where, `PropertyTag "${attrs.PropertyTag}" is not a 16-bit property id`);
    return { key: `tag:${tag.toString(16).padStart(4, '0')}`, attrs, type };
  }
  const set = (attrs.PropertySetId ?? attrs.DistinguishedPropertySetId)?.toLowerCase();
  if (!set) throw invalidPath(where, 'names neither a PropertyTag nor a property set');
  if (attrs.PropertyName !== undefined) return { key: `${set}/name:${attrs.PropertyName}`, attrs, type };
  const id = Number(attrs.PropertyId);
  if (attrs.PropertyId === undefined || !Number.isInteger(id))
    throw invalidPath(where, 'names a property set without PropertyName or PropertyId');
  return { key: `${set}/id:${id}`, attrs, type };
}

function invalidPath(where: string, problem: string): EwsError {
  return new EwsError('ErrorInvalidExtendedProperty', { message: `${where}/ExtendedFieldURI ${problem}.` });
}

/** A t:ExtendedProperty element of a request: its path and its value (Value, or Values for array types). */
export function parseExtendedProperty(propEl: XmlElement, where: string): { path: ExtendedPath; value: ExtendedValue } {
  const pathEl = propEl.child('ExtendedFieldURI');
  if (!pathEl) throw schemaError(`${where}/ExtendedProperty`, 'needs an ExtendedFieldURI');
  const path = parseExtendedPath(pathEl, `${where}/ExtendedProperty`);
  const values = propEl.child('Values');
  const value = values ? values.all('Value').map((v) => v.text) : propEl.textAt('Value');
  if (value === undefined) throw schemaError(`${where}/ExtendedProperty`, 'needs a Value or Values');
  return { path, value: { attrs: path.attrs, type: path.type, value } };
}

/** A computed value written as the type the client asked for, or undefined when it cannot be. */
function formatComputed(v: ComputedValue, type: string): string | undefined {
  if (typeof v === 'object') return type === 'SystemTime' ? ewsDateTime(v.instant) : undefined;
  if (type === 'String') return String(v);
  if (type === 'Integer' || type === 'Long' || type === 'Short') return typeof v === 'number' ? String(v) : undefined;
  if (type === 'Boolean') return typeof v === 'boolean' ? String(v) : undefined;
  return undefined;
}

/**
 * The t:ExtendedProperty elements for the paths a shape asks for: what a client set (stored), else what the
 * store computes for that tag; a property neither holds is left out, as Exchange leaves out one not set.
 */
export function extendedPropertiesXml(
  paths: readonly ExtendedPath[] | undefined,
  stored: Readonly<Record<string, ExtendedValue>> | undefined,
  computed: (key: string) => ComputedValue | undefined,
): string[] {
  const out: string[] = [];
  for (const path of paths ?? []) {
    const own = stored?.[path.key];
    let value: string | readonly string[] | undefined = own?.value;
    if (value === undefined) {
      const c = computed(path.key);
      value = c === undefined ? undefined : formatComputed(c, path.type);
    }
    if (value === undefined) continue;
    const valueXml = Array.isArray(value)
      ? el(
          't:Values',
          null,
          value.map((v) => txt('t:Value', v)),
        )
      : txt('t:Value', value as string);
    out.push(el('t:ExtendedProperty', null, el('t:ExtendedFieldURI', path.attrs), valueXml));
  }
  return out;
}

/** A value as a restriction or a sort compares it: instants and numbers as numbers, the rest as text. */
export function comparableValue(
  stored: ExtendedValue | undefined,
  computed: ComputedValue | undefined,
): string | number | undefined {
  if (stored) return typeof stored.value === 'string' ? stored.value : stored.value[0];
  if (computed === undefined) return undefined;
  if (typeof computed === 'object') return computed.instant;
  return typeof computed === 'boolean' ? String(computed) : computed;
}

/** A restriction's resolver for ExtendedFieldURI: records each key it sees and names its value `ext:<key>`. */
export function extendedRestrictionKeys(): {
  keys: string[];
  resolve: (path: XmlElement, where: string) => string;
} {
  const keys: string[] = [];
  return {
    keys,
    resolve: (path, where) => {
      const key = parseExtendedPath(path, where).key;
      if (!keys.includes(key)) keys.push(key);
      return `ext:${key}`;
    },
  };
}
