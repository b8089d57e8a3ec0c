// Child process for the DuckDB peer: `node duckdb-import.ts <resolved @duckdb/node-api entry> <csv> <db file>`.
// Runs in its own process so its wall time and peak RSS are measured the same way as the sqlite3 shell's and
// Blastmap's (whole process under /usr/bin/time), and DuckDB's native threads and memory never mix with the bench's.
import { pathToFileURL } from 'node:url';

const [entry, csv, db] = process.argv.slice(2);
const mod = await import(pathToFileURL(entry).href);
// The few calls used, typed here so the bench typechecks where the optional dev dependency is not installed.
interface Connection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  closeSync(): void;
}
interface Instance {
  connect(): Promise<Connection>;
  closeSync(): void;
}
const { DuckDBInstance } = (mod.DuckDBInstance ? mod : mod.default) as { DuckDBInstance: { create(path: string): Promise<Instance> } };
const instance = await DuckDBInstance.create(db);
const con = await instance.connect();
const quoted = csv.replaceAll("'", "''");
// One transaction, as the sqlite3 peer runs: the table from read_csv (types sniffed), then Blastmap's 2 indexes.
await con.run('BEGIN TRANSACTION');
await con.run(`CREATE TABLE auth_event AS SELECT * FROM read_csv('${quoted}', header = true)`);
await con.run('CREATE INDEX auth_event_identity ON auth_event(identity, "timestamp")');
await con.run('CREATE INDEX auth_event_credential ON auth_event(credential, "timestamp")');
await con.run('COMMIT');
const rows = (await con.runAndReadAll('SELECT count(*) FROM auth_event')).getRows()[0][0];
con.closeSync();
instance.closeSync(); // closing checkpoints the WAL into the database file: part of the cost, so inside the timing
process.stdout.write(`${JSON.stringify({ rows: Number(rows) })}\n`);
