import type { XmlElement } from '../../ews/xml-element.ts';

/** A small JSON view of an XML element: `@Attr` keys, children by local name (arrays when repeated), `#text`. */
export type BodyView = string | { [key: string]: BodyView | BodyView[] };

/** Bounds of one view: a journal entry never holds more than this of a request body. */
export const BODY_VIEW_LIMITS = { nodes: 500, depth: 16, text: 1_000 } as const;

export interface BodyViewResult {
  view: BodyView;
  /** True when the view left out elements or shortened a text (the limits above). */
  truncated: boolean;
}

/**
 * The element as plain JSON: a leaf with no attributes is its text; otherwise an object whose `@Name` keys are
 * attributes, whose other keys are child names (an array when a name repeats) and whose `#text` is its own text.
 */
export function bodyView(element: XmlElement): BodyViewResult {
  let nodes = 0;
  let truncated = false;
  const text = (t: string): string => {
    const s = t.trim();
    if (s.length <= BODY_VIEW_LIMITS.text) return s;
    truncated = true;
    return `${s.slice(0, BODY_VIEW_LIMITS.text)}…`;
  };
  const visit = (el: XmlElement, depth: number): BodyView => {
    nodes++;
    const attrs = Object.entries(el.attrs);
    if (el.children.length === 0 && attrs.length === 0) return text(el.text);
    const out: { [key: string]: BodyView | BodyView[] } = {};
    for (const [k, v] of attrs) out[`@${k}`] = v;
    for (const child of el.children) {
      if (depth >= BODY_VIEW_LIMITS.depth || nodes >= BODY_VIEW_LIMITS.nodes) {
        truncated = true;
        break;
      }
      const value = visit(child, depth + 1);
      const prev = out[child.name];
      if (prev === undefined) out[child.name] = value;
      else if (Array.isArray(prev)) prev.push(value);
      else out[child.name] = [prev, value];
    }
    const own = text(el.text);
    if (own !== '') out['#text'] = own;
    return out;
  };
  const view = visit(element, 0);
  return { view, truncated };
}

/** Elements whose text is an SMTP address a request addresses (folder owners, availability, items, ids). */
const ADDRESS_PARENTS: Readonly<Record<string, readonly string[]>> = {
  Mailbox: ['EmailAddress'],
  Email: ['Address'],
  ConnectingSID: ['SmtpAddress', 'PrimarySmtpAddress'],
  AlternateId: [],
};

/** Every mailbox a request body names (lower-cased, in document order, once each), bounded like the view. */
export function addressedMailboxes(element: XmlElement, into: string[] = []): string[] {
  let visited = 0;
  const walk = (el: XmlElement, depth: number) => {
    if (++visited > BODY_VIEW_LIMITS.nodes || depth > BODY_VIEW_LIMITS.depth) return;
    const fields = ADDRESS_PARENTS[el.name];
    if (fields) {
      for (const f of fields) add(el.child(f)?.text, into);
      if (el.name === 'AlternateId') add(el.attrs.Mailbox, into);
    }
    for (const child of el.children) walk(child, depth + 1);
  };
  walk(element, 0);
  return into;
}

function add(address: string | undefined, into: string[]): void {
  const a = address?.trim().toLowerCase();
  if (a?.includes('@') && !into.includes(a)) into.push(a);
}
