/** Render rows as a fixed-width text table, like IM&P's `run sql` output. */
export function formatTable(columns: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? 'NULL' : String(v).replace(/\n/g, ' '));
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => cell(r[i]).length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '='.repeat(w))), ...rows.map((r) => line(r.map(cell)))].join('\n');
}
