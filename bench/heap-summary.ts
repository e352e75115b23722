/**
 * Where a process's heap goes: self size and count of every (node type, constructor or name) in a V8 heap
 * snapshot. Given two snapshots of the same process at two sizes (--units A,B), prints the growth per unit
 * (per user, per mailbox) of each group, largest first. The file is scanned, not JSON.parsed whole, so
 * snapshots of a few hundred MB fit.
 *
 *   npx tsx bench/heap-summary.ts SMALL.heapsnapshot [LARGE.heapsnapshot --units 5000,20000] [--top 40]
 *   npx tsx bench/heap-summary.ts FILE.heapsnapshot --held 'object:XmlElement'   (who holds that group)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Group {
  count: number;
  bytes: number;
}

interface Snapshot {
  fields: string[];
  types: string[];
  edgeFields: string[];
  edgeTypes: string[];
  nodes: Float64Array;
  edges: Float64Array;
  strings: string[];
}

/** The numbers in a JSON array starting at `from` (just after its "["), read straight from the bytes. */
function numbers(buf: Buffer, from: number, count: number): { values: Float64Array; end: number } {
  const values = new Float64Array(count);
  let n = 0;
  let value = 0;
  let inNumber = false;
  let i = from;
  for (; i < buf.length; i++) {
    const c = buf[i] as number;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      inNumber = true;
    } else {
      if (inNumber) values[n++] = value;
      value = 0;
      inNumber = false;
      if (c === 93) break; // ]
    }
  }
  return { values, end: i };
}

function read(file: string): Snapshot {
  const buf = readFileSync(file);
  const nodesAt = buf.indexOf('"nodes":[');
  if (nodesAt < 0) throw new Error(`${file}: no "nodes" array; is it a V8 heap snapshot?`);
  const header = JSON.parse(`${buf.subarray(0, nodesAt).toString('utf8').trim().replace(/,$/, '')}}`) as {
    snapshot: {
      meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
      node_count: number;
      edge_count: number;
    };
  };
  const meta = header.snapshot.meta;
  const nodes = numbers(buf, nodesAt + '"nodes":['.length, header.snapshot.node_count * meta.node_fields.length);
  const edgesAt = buf.indexOf('"edges":[', nodes.end);
  const edges = numbers(buf, edgesAt + '"edges":['.length, header.snapshot.edge_count * meta.edge_fields.length);
  const stringsAt = buf.indexOf('"strings":[', edges.end);
  const strings = JSON.parse(
    buf
      .subarray(stringsAt + '"strings":'.length)
      .toString('utf8')
      .trim()
      .replace(/}\s*$/, ''),
  ) as string[];
  return {
    fields: meta.node_fields,
    types: meta.node_types[0],
    edgeFields: meta.edge_fields,
    edgeTypes: meta.edge_types[0],
    nodes: nodes.values,
    edges: edges.values,
    strings,
  };
}

const BY_TYPE_ONLY = new Set(['string', 'concatenated string', 'sliced string', 'code', 'number', 'hidden']);

function groupOf(s: Snapshot, k: number): string {
  const type = s.types[s.nodes[k + s.fields.indexOf('type')] as number] ?? '?';
  const name = BY_TYPE_ONLY.has(type) ? '' : (s.strings[s.nodes[k + s.fields.indexOf('name')] as number] ?? '?');
  return `${type}:${name.slice(0, 60)}`;
}

/** (type:name) -> count and self size; strings, code and arrays are grouped by type alone. */
function summarize(file: string): Map<string, Group> {
  const snap = read(file);
  const { nodes, fields } = snap;
  const width = fields.length;
  const sizeAt = fields.indexOf('self_size');
  const n = nodes.length;
  const groups = new Map<string, Group>();
  for (let k = 0; k < n; k += width) {
    const key = groupOf(snap, k);
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += nodes[k + sizeAt] as number;
    groups.set(key, g);
  }
  return groups;
}

/** Who holds the objects of a group: (holder's group, edge name) with the bytes of the held objects. */
function retainers(file: string, group: string): Map<string, Group> {
  const snap = read(file);
  const { nodes, edges, fields, edgeFields } = snap;
  const width = fields.length;
  const ew = edgeFields.length;
  const edgeCountAt = fields.indexOf('edge_count');
  const sizeAt = fields.indexOf('self_size');
  const toAt = edgeFields.indexOf('to_node');
  const nameAt = edgeFields.indexOf('name_or_index');
  const typeAt = edgeFields.indexOf('type');
  const out = new Map<string, Group>();
  let e = 0;
  for (let k = 0; k < nodes.length; k += width) {
    const count = nodes[k + edgeCountAt] as number;
    for (let j = 0; j < count; j++, e += ew) {
      const to = edges[e + toAt] as number;
      const edgeType = snap.edgeTypes[edges[e + typeAt] as number];
      if (edgeType === 'weak' || groupOf(snap, to) !== group) continue;
      const nameOrIndex = edges[e + nameAt] as number;
      const edgeName = edgeType === 'element' || edgeType === 'hidden' ? '[]' : (snap.strings[nameOrIndex] ?? '?');
      const key = `${groupOf(snap, k)} .${edgeName}`;
      const g = out.get(key) ?? { count: 0, bytes: 0 };
      g.count++;
      g.bytes += nodes[to + sizeAt] as number;
      out.set(key, g);
    }
  }
  return out;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { units: { type: 'string' }, top: { type: 'string', default: '40' }, held: { type: 'string' } },
});
const top = Number(values.top);
const [small, large] = positionals;
if (!small) throw new Error('usage: heap-summary.ts SMALL.heapsnapshot [LARGE.heapsnapshot --units A,B]');
if (values.held) {
  const held = retainers(small, values.held);
  process.stdout.write(`holders of ${values.held} in ${small}:\n`);
  for (const [k, g] of [...held].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, top))
    process.stdout.write(`${String(Math.round(g.bytes / 1024)).padStart(9)} KB ${String(g.count).padStart(9)}  ${k}\n`);
  process.exit(0);
}
const a = summarize(small);
const total = (m: Map<string, Group>) => [...m.values()].reduce((s, g) => s + g.bytes, 0);
if (!large) {
  process.stdout.write(`${small}: ${Math.round(total(a) / 1024)} KB of objects\n`);
  for (const [k, g] of [...a].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, top))
    process.stdout.write(`${String(Math.round(g.bytes / 1024)).padStart(9)} KB ${String(g.count).padStart(9)}  ${k}\n`);
} else {
  const [ua, ub] = (values.units ?? '').split(',').map(Number);
  if (!ua || !ub || ub <= ua) throw new Error('--units A,B: the sizes of the two snapshots, A < B');
  const b = summarize(large);
  const per = ub - ua;
  process.stdout.write(
    `growth per unit from ${ua} to ${ub}: ${Math.round((total(b) - total(a)) / per)} bytes of objects per unit\n`,
  );
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((k) => {
    const x = a.get(k) ?? { count: 0, bytes: 0 };
    const y = b.get(k) ?? { count: 0, bytes: 0 };
    return { k, bytes: (y.bytes - x.bytes) / per, count: (y.count - x.count) / per };
  });
  for (const r of rows.sort((x, y) => y.bytes - x.bytes).slice(0, top))
    process.stdout.write(`${r.bytes.toFixed(0).padStart(7)} B ${r.count.toFixed(2).padStart(7)} /unit  ${r.k}\n`);
}
