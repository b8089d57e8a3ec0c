// The engine side of the pushdown bench, in its own process: DuckDB runs the generated DuckDB pack (roll-up and
// rare-event extract) over the enterprise's CloudTrail and Entra NDJSON and writes the results as Athena writes
// its results (CSV with a header). Prints {seconds, files: [{name, rows, bytes}]} as JSON on the last stdout line.
//   node bench/pushdown-engine.ts <generated files folder> <results folder>
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FILE_NAMES } from '../main/demo/generate.ts';
import { duckdbView } from '../main/pushdown/duckdb-views.ts';
import { generatePack } from '../main/pushdown/generate.ts';
import type { SourceName } from '../main/pushdown/sources.ts';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  process.stderr.write('usage: node bench/pushdown-engine.ts <files folder> <results folder>\n');
  process.exit(2);
}

const LOGS: { source: SourceName; file: string }[] = [
  { source: 'cloudtrail', file: FILE_NAMES.cloudtrail },
  { source: 'entra-signin', file: FILE_NAMES.entra },
];

const started = performance.now();
const duck = await DuckDBInstance.create(':memory:');
const conn = await duck.connect();
const files: { name: string; rows: number; bytes: number }[] = [];
for (const { source, file } of LOGS) {
  await conn.run(duckdbView(source, path.join(dir, file))!);
  for (const q of generatePack({ engine: 'duckdb', source }).filter((f) => f.kind !== 'usage')) {
    const name = `${source}.${q.kind}.csv`;
    const target = path.join(out, name);
    await conn.run(`COPY (${q.text.trim().replace(/;$/, '')}) TO '${target.replace(/'/g, "''")}' (HEADER, DELIMITER ',')`);
    const rows = Math.max(lines(target) - 1, 0);
    files.push({ name, rows, bytes: fs.statSync(target).size });
  }
}
conn.closeSync();
duck.closeSync();
process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - started) / 1000, files })}\n`);

/** Lines of a file, counted in chunks: a roll-up at M is larger than a string may be. */
function lines(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let n = 0;
  try {
    for (let got; (got = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) {
      for (let i = buf.indexOf(10); i >= 0 && i < got; i = buf.indexOf(10, i + 1)) n++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return n;
}
