import { EwsError } from '../ews/errors.ts';
import type { XmlElement } from '../ews/xml-element.ts';

/** Folder properties a restriction can test, keyed by FieldURI; undefined = the folder has no such value. */
export type FolderProperties = Readonly<Record<FolderFieldUri, string | number | undefined>>;

const FOLDER_FIELDS = ['folder:DisplayName', 'folder:FolderClass', 'folder:TotalCount', 'folder:ChildFolderCount'];
type FolderFieldUri = 'folder:DisplayName' | 'folder:FolderClass' | 'folder:TotalCount' | 'folder:ChildFolderCount';

export type FolderPredicate = (folder: FolderProperties) => boolean;

const COMPARISONS = {
  IsEqualTo: (c: number) => c === 0,
  IsNotEqualTo: (c: number) => c !== 0,
  IsGreaterThan: (c: number) => c > 0,
  IsGreaterThanOrEqualTo: (c: number) => c >= 0,
  IsLessThan: (c: number) => c < 0,
  IsLessThanOrEqualTo: (c: number) => c <= 0,
} as const;

type Operand = (folder: FolderProperties) => string | number | undefined;

/**
 * Compile a FindFolder m:Restriction into a predicate. String comparisons ignore case, as the Exchange
 * store's default collation does. Unsupported paths or expressions are message-level errors.
 */
export function compileFolderRestriction(restriction: XmlElement): FolderPredicate {
  const [expr, extra] = restriction.children;
  if (!expr || extra) throw invalid('Restriction must contain exactly one search expression.');
  return compile(expr, 'Restriction');
}

function compile(expr: XmlElement, where: string): FolderPredicate {
  const at = `${where}/${expr.name}`;
  switch (expr.name) {
    case 'And':
    case 'Or': {
      if (expr.children.length === 0) throw invalid(`${at} has no search expressions.`);
      const parts = expr.children.map((c) => compile(c, at));
      return expr.name === 'And' ? (f) => parts.every((p) => p(f)) : (f) => parts.some((p) => p(f));
    }
    case 'Not': {
      const [inner, extra] = expr.children;
      if (!inner || extra) throw invalid(`${at} must contain exactly one search expression.`);
      const p = compile(inner, at);
      return (f) => !p(f);
    }
    case 'Exists': {
      const field = fieldOf(expr.children[0], at);
      return (f) => f[field] !== undefined;
    }
    case 'Contains':
      return contains(expr, at);
    case 'IsEqualTo':
    case 'IsNotEqualTo':
    case 'IsGreaterThan':
    case 'IsGreaterThanOrEqualTo':
    case 'IsLessThan':
    case 'IsLessThanOrEqualTo': {
      const test = COMPARISONS[expr.name];
      const field = fieldOf(expr.children[0], at);
      const right = operand(expr.child('FieldURIOrConstant'), at);
      return (f) => {
        const a = f[field];
        const b = right(f);
        if (a === undefined || b === undefined) return expr.name === 'IsNotEqualTo' && a !== b;
        return test(compare(a, b));
      };
    }
    default:
      throw invalid(`${at} is not a supported search expression for FindFolder.`);
  }
}

function fieldOf(path: XmlElement | undefined, where: string): FolderFieldUri {
  if (!path) throw invalid(`${where} has no property path.`);
  const uri = path.attr('FieldURI');
  if (path.name !== 'FieldURI' || !uri || !FOLDER_FIELDS.includes(uri)) {
    const shown = path.name === 'FieldURI' ? `FieldURI "${uri ?? ''}"` : `<${path.name}>`;
    throw new EwsError('ErrorUnsupportedPathForQuery', {
      message: `${where}: ${shown} cannot be used in a FindFolder restriction; supported: ${FOLDER_FIELDS.join(', ')}.`,
    });
  }
  return uri as FolderFieldUri;
}

function operand(holder: XmlElement | undefined, where: string): Operand {
  const inner = holder?.children[0];
  if (!inner) throw invalid(`${where}/FieldURIOrConstant is missing or empty.`);
  if (inner.name === 'Constant') {
    const value = inner.attr('Value');
    if (value === undefined) throw invalid(`${where}/FieldURIOrConstant/Constant has no Value attribute.`);
    return () => value;
  }
  const field = fieldOf(inner, `${where}/FieldURIOrConstant`);
  return (f) => f[field];
}

/** Numbers compare numerically when both sides are numeric; everything else as case-insensitive text. */
function compare(a: string | number, b: string | number): number {
  const na = Number(a);
  const nb = Number(b);
  if (typeof a === 'number' || typeof b === 'number') {
    if (Number.isFinite(na) && Number.isFinite(nb)) return Math.sign(na - nb);
  }
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

function contains(expr: XmlElement, at: string): FolderPredicate {
  const field = fieldOf(expr.children[0], at);
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
