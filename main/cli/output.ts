// Printing for the CLI: JSON for machines, aligned plain-text tables for people, and the guard that keeps
// control characters from data (file names, CSV headers, reject excerpts, identity names) off the terminal.

/**
 * What must never reach a terminal raw: C0 controls but newline and tab (ESC starts ANSI sequences that can
 * recolour, retitle or rewrite the screen; CR and backspace overwrite what was printed), DEL, C1 (0x9B is an
 * 8-bit CSI), line and paragraph separators, and bidi overrides/isolates (they reorder what the analyst reads).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text with every unsafe character written as a visible `\uXXXX` escape. The same escape is how JSON writes
 * the character, so JSON output stays the same value. A leading CR is the progress line's own and is kept.
 */
export function terminalSafe(text: string): string {
  const lead = text.startsWith('\r') ? '\r' : '';
  return lead + text.slice(lead.length).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Routes everything the CLI writes to stdout and stderr (our messages, errors carrying file names and excerpts,
 * commander's own usage errors) through terminalSafe: one guard for every message, including ones added later.
 */
export function guardTerminalOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest)) as typeof stream.write;
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain-text table; cells are flattened to one line so hostile names cannot forge rows. */
export function printTable(headers: string[], rows: unknown[][]): void {
  const text = rows.map((r) => r.map(cellText));
  const widths = headers.map((h, i) => Math.min(60, Math.max(h.length, ...text.map((r) => r[i]?.length ?? 0))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
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
