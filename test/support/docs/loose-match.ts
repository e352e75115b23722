/**
 * The one place that says which parts of documented output may differ from a run, and how loosely they match.
 * Everything else in a `# ->` line must appear in the output as written, in order.
 */
export const VARYING_PARTS: { what: string; written: RegExp; matches: string }[] = [
  { what: 'anything (the writer elides it)', written: /\.\.\./, matches: '[^\\n]*?' },
  {
    what: 'an ISO 8601 instant',
    written: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/,
    matches: '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z',
  },
  {
    what: 'a date and time',
    written: /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/,
    matches: '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d',
  },
  { what: 'a port on 127.0.0.1', written: /127\.0\.0\.1:\d+/, matches: '127\\.0\\.0\\.1:\\d+' },
  {
    what: 'a SHA-256 fingerprint',
    written: /[0-9A-F]{2}(?::[0-9A-F]{2}){31}/,
    matches: '[0-9A-F]{2}(?::[0-9A-F]{2}){31}',
  },
  { what: 'a run of spaces (column widths)', written: / {2,}/, matches: ' +' },
];

const ANY_PART = new RegExp(VARYING_PARTS.map((p) => `(${p.written.source})`).join('|'), 'g');

/** The regular expression a documented output line stands for. */
export function looseRegExp(expected: string): RegExp {
  let source = '';
  let at = 0;
  for (const m of expected.matchAll(ANY_PART)) {
    source += escapeRegExp(expected.slice(at, m.index));
    const part = VARYING_PARTS[m.slice(1).findIndex((g) => g !== undefined)];
    source += part?.matches ?? '';
    at = m.index + m[0].length;
  }
  return new RegExp(source + escapeRegExp(expected.slice(at)));
}

/** Match each expected line in order; the first one not found, or undefined when all are. */
export function firstMissing(expected: string[], output: string): string | undefined {
  let from = 0;
  for (const e of expected) {
    const m = looseRegExp(e).exec(output.slice(from));
    if (!m) return e;
    from += m.index + m[0].length;
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
