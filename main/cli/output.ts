// Printing for the CLI: JSON for machines, aligned plain-text tables for people.

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain-text table; cells are flattened to one line so hostile names cannot forge rows. */
export function printTable(headers: string[], rows: unknown[][]): void {
  const text = rows.map((r) => r.map(cellText));
  const widths = headers.map((h, i) => Math.min(60, Math.max(h.length, ...text.map((r) => r[i]?.length ?? 0))));
  const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ').trimEnd();
  process.stdout.write(`${line(headers)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of text) process.stdout.write(`${line(r)}\n`);
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Control characters (including ANSI escapes) from imported data never reach the terminal raw.
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

export function printKeyValues(pairs: [string, unknown][]): void {
  const width = Math.max(...pairs.map(([k]) => k.length));
  for (const [k, v] of pairs) process.stdout.write(`${k.padEnd(width)}  ${cellText(v)}\n`);
}
