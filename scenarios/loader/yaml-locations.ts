import { type Document, isMap, isScalar, type LineCounter, type Node } from 'yaml';
import type { Path } from '../schema/spec.ts';

export interface Location {
  line: number;
  column: number;
}

/**
 * Where a path points in the YAML source: the value node, the key of a field (unknown fields) or the
 * mapping that lacks it (missing fields). A path that leads nowhere falls back to its deepest existing node.
 */
export function locate(doc: Document, lines: LineCounter, path: Path, at: 'value' | 'key' | 'parent'): Location {
  const target = at === 'value' ? path : path.slice(0, -1);
  if (at === 'key') {
    const parent = doc.getIn(target, true);
    if (isMap(parent)) {
      const last = path[path.length - 1];
      const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
      const key = pair?.key as Node | undefined;
      if (key?.range) return position(lines, key.range[0]);
    }
  }
  for (let n = target.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(target.slice(0, n), true)) as Node | null | undefined;
    if (node?.range) return position(lines, node.range[0]);
  }
  return { line: 1, column: 1 };
}

function position(lines: LineCounter, offset: number): Location {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
