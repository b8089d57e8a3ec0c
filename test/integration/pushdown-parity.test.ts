// Parity of the pushdown route, executed for real: the generated DuckDB SQL runs (through @duckdb/node-api) on
// the demo enterprise's own vendor files (CloudTrail NDJSON, Entra sign-in NDJSON); its results (the auth
// roll-up CSV and the rare-event extract as vendor JSON) are imported into a second case with the same
// inventories; both cases must give the same incident findings (rule, subject, day) and the same exercised
// edges (what day granularity loses elsewhere is in docs/scale-out.md).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/api/findings.ts';
import { AUTH_ROLLUP_COLUMNS } from '../../shared/auth-rollup.ts';
import { RULE_IDS, RULES } from '../../shared/catalogs/rules.ts';
import { DEMO_SEED } from '../../main/demo/build-demo-case.ts';
import { FILE_NAMES, generateEnterprise } from '../../main/demo/generate.ts';
import { runFindings } from '../../main/findings/runner.ts';
import { edgeKindName } from '../../main/graph/csr.ts';
import { loadGraph } from '../../main/graph/index.ts';
import { importFiles } from '../../main/ingest/run-import.ts';
import { NetworkIntel } from '../../main/intel/network-intel.ts';
import { duckdbView } from '../../main/pushdown/duckdb-views.ts';
import { generatePack } from '../../main/pushdown/generate.ts';
import type { SourceName } from '../../main/pushdown/sources.ts';
import { openCase, type CaseFile } from '../../main/store/case-file.ts';
import { SHARED_FIXTURES, tmpDir } from '../helpers.ts';

/** The dev dependency; when it is not installed the suites are skipped (vitest lists them as skipped). */
function canResolve(): boolean {
  try {
    createRequire(import.meta.url).resolve('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}
const duckAvailable = canResolve();
if (!duckAvailable) console.warn('pushdown parity skipped: @duckdb/node-api (a dev dependency) is not installed');

/**
 * Runs one generated query in DuckDB and writes its result the way engines' clients do: CSV with a header (Athena's
 * result file, Trino's CSV_HEADER), one JSON object per line (Trino's JSON output, Spark's df.write.json), a JSON
 * array of objects (`bq query --format=json`), or the raw values one per line (spark-sql, Spark's write.text).
 */
async function copyQuery(
  conn: import('@duckdb/node-api').DuckDBConnection,
  sql: string,
  out: string,
  format: 'csv' | 'json' | 'json-array' | 'raw',
): Promise<number> {
  const body = sql.trim().replace(/;$/, '');
  if (format === 'raw') {
    const rows = (await conn.runAndReadAll(body)).getRows();
    fs.writeFileSync(out, rows.map((r) => `${String(r[0])}\n`).join(''));
    return rows.length;
  }
  const options = { csv: "HEADER, DELIMITER ','", json: 'FORMAT json', 'json-array': 'FORMAT json, ARRAY true' }[format];
  await conn.run(`COPY (${body}) TO '${out.replace(/'/g, "''")}' (${options})`);
  if (format === 'json-array') return (JSON.parse(fs.readFileSync(out, 'utf8')) as unknown[]).length;
  const text = fs.readFileSync(out, 'utf8');
  return text.split('\n').filter(Boolean).length - (format === 'csv' ? 1 : 0);
}

interface Route {
  kase: CaseFile;
  findings: Finding[];
  exercised: Set<string>;
}

/** The incident rules only: posture rules read the inventory, which both cases share. */
const INCIDENT_RULES = RULE_IDS.filter((r) => RULES[r].kind === 'incident');

function analyse(kase: CaseFile): Route {
  const graph = loadGraph(kase);
  const run = runFindings(kase, { persist: false, rules: INCIDENT_RULES, graph: () => graph, intel: () => NetworkIntel.forCase(kase) });
  const exercised = new Set<string>();
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.exercised[e]) exercised.add(`${graph.keys[graph.source[e]]} -${edgeKindName(graph.edgeKind[e])}-> ${graph.keys[graph.target[e]]}`);
  }
  return { kase, findings: run.findings ?? [], exercised };
}

/** An incident finding as the comparison sees it: rule, subject and the UTC day of its first cited event. */
function incidentKey(f: Finding): string {
  const times = f.evidence.flatMap((e) => (e.type === 'event' ? [e.at] : [])).sort();
  return `${f.rule} ${f.subject} ${times[0]?.slice(0, 10) ?? f.window?.from?.slice(0, 10) ?? '-'}`;
}

const SOURCES: { source: SourceName; file: string }[] = [
  { source: 'cloudtrail', file: FILE_NAMES.cloudtrail },
  { source: 'entra-signin', file: FILE_NAMES.entra },
];

describe.skipIf(!duckAvailable)('pushdown parity: generated DuckDB SQL on the demo files vs the raw import', () => {
  let dir: string;
  let raw: Route;
  let pushed: Route;
  const results: { source: SourceName; rollupRows: number; rareRows: number; events: number }[] = [];

  beforeAll(async () => {
    dir = tmpDir('blastmap-pushdown-parity-');
    const files = path.join(dir, 'files');
    await generateEnterprise({ size: 'demo', seed: DEMO_SEED, outDir: files });
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const duck = await DuckDBInstance.create(':memory:');
    const conn = await duck.connect();
    const byName = (n: string) => path.join(files, n);
    const logs: string[] = [];
    for (const { source, file } of SOURCES) {
      await conn.run(duckdbView(source, byName(file))!);
      const pack = Object.fromEntries(generatePack({ engine: 'duckdb', source }).map((f) => [f.kind, f.text]));
      const rollup = path.join(dir, `${source}.auth-rollup.csv`);
      // The extracts in two clients' wrappings: Athena's result CSV for Entra, JSON lines for CloudTrail.
      const rareFormat = source === 'entra-signin' ? 'csv' : 'json';
      const rare = path.join(dir, `${source}.rare-events.${rareFormat}`);
      const rollupRows = await copyQuery(conn, pack['auth-rollup'], rollup, 'csv');
      const rareRows = await copyQuery(conn, pack['rare-events'], rare, rareFormat);
      const events = Number(
        (await conn.runAndReadAll(`SELECT count(*) FROM ${source === 'cloudtrail' ? 'cloudtrail_logs' : 'entra_signin_logs'}`)).getRows()[0][0],
      );
      results.push({ source, rollupRows, rareRows, events });
      logs.push(rollup);
      if (rareRows) logs.push(rare); // an empty result is nothing to import
    }
    conn.closeSync();
    duck.closeSync();

    // Both cases in the demo case's order (main/demo/build-demo-case.ts): networks, logs, then the inventories
    // that complete what the logs created. The raw case reads the vendor files, the other the engine's results.
    const build = async (name: string, logFiles: string[]) => {
      const kase = openCase(path.join(dir, name), { create: true });
      for (const file of [
        byName(FILE_NAMES.networks),
        byName(FILE_NAMES.authEvents),
        ...logFiles,
        ...[FILE_NAMES.systems, FILE_NAMES.identities, FILE_NAMES.credentials, FILE_NAMES.entitlements].map(byName),
      ]) {
        await importFiles(kase, { paths: [file] });
      }
      return analyse(kase);
    };
    pushed = await build('pushdown.blastmap', logs);
    raw = await build(
      'raw.blastmap',
      SOURCES.map((s) => byName(s.file)),
    );
  }, 240_000);

  afterAll(() => {
    raw?.kase.close();
    pushed?.kase.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the roll-up result has exactly the columns the auth-rollup importer reads, and the two results split the log', () => {
    for (const { source } of SOURCES) {
      const header = fs.readFileSync(path.join(dir, `${source}.auth-rollup.csv`), 'utf8').split('\n')[0];
      expect(header.split(','), source).toEqual([...AUTH_ROLLUP_COLUMNS]);
    }
    const formats = pushed.kase.db.prepare('SELECT file_name, format, rejected FROM source').all() as {
      file_name: string;
      format: string;
      rejected: number;
    }[];
    expect(formats.filter((s) => s.file_name.endsWith('.auth-rollup.csv')).map((s) => s.format)).toEqual(['auth-rollup', 'auth-rollup']);
    for (const s of formats) expect(s.rejected, s.file_name).toBe(0);
    // Every event is in the roll-up or in the extract, never both: the groups' counts plus the extract's rows
    // are the events DuckDB read.
    for (const r of results) {
      const grouped = pushed.kase.db
        .prepare(
          `SELECT coalesce(sum(json_extract(e.props, '$.rollup.events')), 0) FROM auth_event e
        JOIN source s ON s.id = e.source_id WHERE s.file_name = ?`,
        )
        .pluck()
        .get(`${r.source}.auth-rollup.csv`) as number;
      expect(grouped + r.rareRows, r.source).toBe(r.events);
    }
  });

  it('finds the same incidents (rule, subject, day)', () => {
    const incidents = (r: Route) => [...new Set(r.findings.filter((f) => f.kind === 'incident').map(incidentKey))].sort();
    const a = incidents(raw);
    const b = incidents(pushed);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('marks the same edges exercised', () => {
    const onlyRaw = [...raw.exercised].filter((e) => !pushed.exercised.has(e));
    const onlyPushed = [...pushed.exercised].filter((e) => !raw.exercised.has(e));
    expect(raw.exercised.size).toBeGreaterThan(0);
    expect(onlyRaw).toEqual([]);
    expect(onlyPushed).toEqual([]);
  });

  it("imports the rare-event extract with the vendor's own importer", () => {
    const extracts = pushed.kase.db.prepare(`SELECT file_name, format, loaded, rejected FROM source WHERE file_name LIKE '%.rare-events.%'`).all();
    expect(extracts).toEqual(
      results
        .filter((r) => r.rareRows)
        .map((r) => ({
          file_name: `${r.source}.rare-events.${r.source === 'entra-signin' ? 'csv' : 'json'}`,
          format: r.source,
          loaded: r.rareRows,
          rejected: 0,
        })),
    );
    expect(extracts.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!duckAvailable)('pushdown: the rare-event extract is vendor JSON its importer loads, however the client wrapped it', () => {
  /** What an import put in a case, independent of row ids and file names. */
  function contents(kase: CaseFile) {
    const db = kase.db;
    return {
      nodes: db.prepare('SELECT key, kind FROM node ORDER BY key').all(),
      edges: db
        .prepare(`SELECT s.key AS src, e.kind, d.key AS dst FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst ORDER BY 1, 2, 3`)
        .all(),
      events: db
        .prepare(`SELECT e.ts, i.key AS identity, e.outcome, e.props FROM auth_event e LEFT JOIN node i ON i.id = e.identity ORDER BY 1, 2, 3, 4`)
        .all(),
    };
  }

  it('CloudTrail records re-built by the generated SQL import as cloudtrail, the same as the original records', async () => {
    const dir = tmpDir('blastmap-pushdown-rare-');
    try {
      const ctDir = path.join(SHARED_FIXTURES, 'aws', 'cloudtrail');
      const ndjson = path.join(dir, 'stratus.ndjson');
      const records: Record<string, unknown>[] = [];
      for (const f of fs
        .readdirSync(ctDir)
        .filter((n) => n.startsWith('stratus-') && n.endsWith('.json'))
        .sort()) {
        const v = JSON.parse(fs.readFileSync(path.join(ctDir, f), 'utf8'));
        records.push(...(Array.isArray(v) ? v : v.Records));
      }
      fs.writeFileSync(ndjson, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const duck = await DuckDBInstance.create(':memory:');
      const conn = await duck.connect();
      await conn.run(duckdbView('cloudtrail', ndjson)!);
      const pack = Object.fromEntries(generatePack({ engine: 'duckdb', source: 'cloudtrail' }).map((f) => [f.kind, f.text]));
      const outputs = { csv: 'rare.csv', json: 'rare.json', 'json-array': 'rare-bq.json', raw: 'rare.ndjson' } as const;
      const rows: number[] = [];
      for (const [format, name] of Object.entries(outputs))
        rows.push(await copyQuery(conn, pack['rare-events'], path.join(dir, name), format as keyof typeof outputs));
      conn.closeSync();
      duck.closeSync();
      expect(rows).toEqual([42, 42, 42, 42]); // the same 42 the SQLite execution of the same query shape finds (pushdown.test.ts)
      // The records the extract chose, as the vendor wrote them: what a case built from them holds is the reference.
      const extracted = fs
        .readFileSync(path.join(dir, outputs.raw), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { eventID: string });
      const ids = new Set(extracted.map((r) => r.eventID));
      const originals = path.join(dir, 'originals.ndjson');
      fs.writeFileSync(
        originals,
        `${records
          .filter((r) => ids.has(r.eventID as string))
          .map((r) => JSON.stringify(r))
          .join('\n')}\n`,
      );
      const reference = openCase(path.join(dir, 'reference.blastmap'), { create: true });
      let expected: ReturnType<typeof contents>;
      try {
        const [src] = await importFiles(reference, { paths: [originals] });
        expect(src.loaded).toBe(42);
        expected = contents(reference);
      } finally {
        reference.close();
      }
      // Whole records: the CreateAccessKey made the new key a credential, as the raw import does.
      expect(expected.nodes.filter((n) => (n as { kind: string }).kind === 'credential').length).toBeGreaterThan(0);
      for (const name of Object.values(outputs)) {
        const kase = openCase(path.join(dir, `${name}.blastmap`), { create: true });
        try {
          const [src] = await importFiles(kase, { paths: [path.join(dir, name)] });
          expect({ name, format: src.format, loaded: src.loaded, rejected: src.rejected }).toEqual({
            name,
            format: 'cloudtrail',
            loaded: 42,
            rejected: 0,
          });
          expect(contents(kase), name).toEqual(expected);
        } finally {
          kase.close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
