/** A parsed XML element with namespace prefixes stripped, children in document order. */
export class XmlElement {
  constructor(
    readonly name: string,
    readonly attrs: Readonly<Record<string, string>>,
    readonly children: readonly XmlElement[],
    readonly text: string,
    /**
     * The namespace its prefix (or the default namespace) is bound to where it stands: '' for none, undefined for a
     * prefix nothing declares.
     */
    readonly namespace?: string,
  ) {}

  /** First child with this local name. */
  child(name: string): XmlElement | undefined {
    return this.children.find((c) => c.name === name);
  }

  /** All children with this local name. */
  all(name: string): XmlElement[] {
    return this.children.filter((c) => c.name === name);
  }

  /** Follow a path of local names through first children. */
  at(...path: string[]): XmlElement | undefined {
    let node: XmlElement | undefined = this;
    for (const p of path) node = node?.child(p);
    return node;
  }

  /** Trimmed text of the child at path, or undefined. */
  textAt(...path: string[]): string | undefined {
    const node = this.at(...path);
    return node ? node.text.trim() : undefined;
  }

  attr(name: string): string | undefined {
    return this.attrs[name];
  }
}
