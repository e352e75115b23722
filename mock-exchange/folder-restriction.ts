import { EwsError } from '../ews/errors.ts';
import type { XmlElement } from '../ews/xml-element.ts';

/** Folder properties a restriction can test, keyed by FieldURI; undefined = the folder has no such value. */
export type FolderProperties = Readonly<Record<FolderFieldUri, string | number | undefined>>;

const FOLDER_FIELDS = ['folder:DisplayName', 'folder:FolderClass', 'folder:TotalCount', 'folder:ChildFolderCount'];
type FolderFieldUri = 'folder:DisplayName' | 'folder:FolderClass' | 'folder:TotalCount' | 'folder:ChildFolderCount';

export type FolderPredicate = (folder: FolderProperties) => boolean;

/** Values a restriction tests, by FieldURI: text, numbers, and instants as epoch milliseconds (dates). */
export type RestrictionValues = Readonly<Record<string, string | number | undefined>>;
export type RestrictionPredicate = (values: RestrictionValues) => boolean;

/** Which FieldURIs a restriction may name, for which operation (the error names both). */
interface Fields {
  uris: readonly string[];
  operation: string;
  /** The value key an ExtendedFieldURI tests; absent: extended properties cannot be restricted on. */
  extended?: (path: XmlElement, where: string) => string;
}

const COMPARISONS = {
  IsEqualTo: (c: number) => c === 0,
  IsNotEqualTo: (c: number) => c !== 0,
  IsGreaterThan: (c: number) => c > 0,
  IsGreaterThanOrEqualTo: (c: number) => c >= 0,
  IsLessThan: (c: number) => c < 0,
  IsLessThanOrEqualTo: (c: number) => c <= 0,
} as const;

type Operand = (values: RestrictionValues) => string | number | undefined;

/**
 * Compile a FindFolder m:Restriction into a predicate. String comparisons ignore case, as the Exchange
 * store's default collation does. Unsupported paths or expressions are message-level errors.
 */
export function compileFolderRestriction(restriction: XmlElement, extended?: Fields['extended']): FolderPredicate {
  return compileRestriction(restriction, { uris: FOLDER_FIELDS, operation: 'FindFolder', extended });
}

/** Compile a restriction over any set of FieldURIs (FindItem's item and calendar properties, for one). */
export function compileRestriction(restriction: XmlElement, fields: Fields): RestrictionPredicate {
  const [expr, extra] = restriction.children;
  if (!expr || extra) throw invalid('Restriction must contain exactly one search expression.');
  return compile(expr, 'Restriction', fields);
}

function compile(expr: XmlElement, where: string, fields: Fields): RestrictionPredicate {
  const at = `${where}/${expr.name}`;
  switch (expr.name) {
    case 'And':
    case 'Or': {
      if (expr.children.length === 0) throw invalid(`${at} has no search expressions.`);
      const parts = expr.children.map((c) => compile(c, at, fields));
      return expr.name === 'And' ? (f) => parts.every((p) => p(f)) : (f) => parts.some((p) => p(f));
    }
    case 'Not': {
      const [inner, extra] = expr.children;
      if (!inner || extra) throw invalid(`${at} must contain exactly one search expression.`);
      const p = compile(inner, at, fields);
      return (f) => !p(f);
    }
    case 'Exists': {
      const field = fieldOf(expr.children[0], at, fields);
      return (f) => f[field] !== undefined;
    }
    case 'Contains':
      return contains(expr, at, fields);
    case 'IsEqualTo':
    case 'IsNotEqualTo':
    case 'IsGreaterThan':
    case 'IsGreaterThanOrEqualTo':
    case 'IsLessThan':
    case 'IsLessThanOrEqualTo': {
      const test = COMPARISONS[expr.name];
      const field = fieldOf(expr.children[0], at, fields);
      const right = operand(expr.child('FieldURIOrConstant'), at, fields);
      return (f) => {
        const a = f[field];
        const b = right(f);
        if (a === undefined || b === undefined) return expr.name === 'IsNotEqualTo' && a !== b;
        return test(compare(a, b));
      };
    }
    default:
      throw invalid(`${at} is not a supported search expression for ${fields.operation}.`);
  }
}

function fieldOf(path: XmlElement | undefined, where: string, fields: Fields): string {
  if (!path) throw invalid(`${where} has no property path.`);
  if (path.name === 'ExtendedFieldURI' && fields.extended) return fields.extended(path, where);
  const uri = path.attr('FieldURI');
  if (path.name !== 'FieldURI' || !uri || !fields.uris.includes(uri)) {
    const shown = path.name === 'FieldURI' ? `FieldURI "${uri ?? ''}"` : `<${path.name}>`;
    throw new EwsError('ErrorUnsupportedPathForQuery', {
      message: `${where}: ${shown} cannot be used in a ${fields.operation} restriction; supported: ${fields.uris.join(', ')}.`,
    });
  }
  return uri;
}

function operand(holder: XmlElement | undefined, where: string, fields: Fields): Operand {
  const inner = holder?.children[0];
  if (!inner) throw invalid(`${where}/FieldURIOrConstant is missing or empty.`);
  if (inner.name === 'Constant') {
    const value = inner.attr('Value');
    if (value === undefined) throw invalid(`${where}/FieldURIOrConstant/Constant has no Value attribute.`);
    return () => value;
  }
  const field = fieldOf(inner, `${where}/FieldURIOrConstant`, fields);
  return (f) => f[field];
}

/**
 * Numbers compare numerically when both sides are numeric, instants (numbers) with xs:dateTime constants as
 * instants; everything else as case-insensitive text.
 */
function compare(a: string | number, b: string | number): number {
  const na = typeof a === 'string' && typeof b === 'number' && !/^[\d.+-]+$/.test(a) ? Date.parse(a) : Number(a);
  const nb = typeof b === 'string' && typeof a === 'number' && !/^[\d.+-]+$/.test(b) ? Date.parse(b) : Number(b);
  if (typeof a === 'number' || typeof b === 'number') {
    if (Number.isFinite(na) && Number.isFinite(nb)) return Math.sign(na - nb);
  }
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

function contains(expr: XmlElement, at: string, fields: Fields): RestrictionPredicate {
  const field = fieldOf(expr.children[0], at, fields);
  const value = expr.child('Constant')?.attr('Value');
  if (value === undefined) throw invalid(`${at}/Constant is missing or has no Value attribute.`);
  const mode = expr.attr('ContainmentMode') ?? 'FullString';
  const comparison = expr.attr('ContainmentComparison') ?? 'Exact';
  const fold = (s: string) => {
    let out = s;
    if (/IgnoreCase|^Loose/.test(comparison)) out = out.toLowerCase();
    if (/NonSpac/.test(comparison)) out = out.normalize('NFD').replace(/\p{Mn}/gu, '');
    return out;
  };
  const needle = fold(value);
  const match: Record<string, (hay: string) => boolean> = {
    FullString: (h) => h === needle,
    Prefixed: (h) => h.startsWith(needle),
    Substring: (h) => h.includes(needle),
    PrefixOnWords: (h) => h.split(/\s+/).some((w) => w.startsWith(needle)),
    ExactPhrase: (h) => ` ${h} `.includes(` ${needle} `),
  };
  const test = match[mode];
  if (!test) throw invalid(`${at}/@ContainmentMode "${mode}" is not valid.`);
  return (f) => {
    const v = f[field];
    return typeof v === 'string' && test(fold(v));
  };
}

function invalid(message: string): EwsError {
  return new EwsError('ErrorInvalidRestriction', { message: `The restriction is invalid: ${message}` });
}
