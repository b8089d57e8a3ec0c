// Buffered, synchronous line writers for the generated files. Generation streams: rows go to disk in
// 1 MiB chunks, so an M or L enterprise never sits in memory. Line numbers let ground truth point at rows.
import fs from 'node:fs';

const CHUNK = 1 << 20;

export class LineSink {
  readonly path: string;
  /** Lines written so far (the header counts: the first CSV data row is line 2). */
  lines = 0;
  bytes = 0;
  private fd: number;
  private parts: string[] = [];
  private pending = 0;

  constructor(path: string) {
    this.path = path;
    this.fd = fs.openSync(path, 'w');
  }

  /** Writes one line and returns its 1-based line number. */
  line(text: string): number {
    this.parts.push(text, '\n');
    this.pending += text.length + 1;
    if (this.pending >= CHUNK) this.drain();
    return ++this.lines;
  }

  close(): void {
    this.drain();
    fs.closeSync(this.fd);
  }

  private drain(): void {
    if (!this.parts.length) return;
    const buffer = Buffer.from(this.parts.join(''), 'utf8');
    fs.writeSync(this.fd, buffer);
    this.bytes += buffer.length;
    this.parts = [];
    this.pending = 0;
  }
}

/** A CSV file with a fixed column order; cells are quoted only when they must be (RFC 4180). */
export class CsvSink<Row extends object> {
  readonly sink: LineSink;
  private readonly columns: (keyof Row & string)[];

  constructor(path: string, columns: (keyof Row & string)[]) {
    this.sink = new LineSink(path);
    this.columns = columns;
    this.sink.line(columns.join(','));
  }

  row(row: Row): number {
    let text = '';
    for (let i = 0; i < this.columns.length; i++) {
      if (i) text += ',';
      text += csvCell((row as Record<string, unknown>)[this.columns[i]]);
    }
    return this.sink.line(text);
  }

  close(): void {
    this.sink.close();
  }
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
