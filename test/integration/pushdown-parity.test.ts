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

/** Runs one generated query in DuckDB and writes its result: CSV with a header, or newline-delimited JSON. */
async function copyQuery(conn: import('@duckdb/node-api').DuckDBConnection, sql: string, out: string, format: 'csv' | 'json'): Promise<number> {
  const body = sql.trim().replace(/;$/, '');
  await conn.run(`COPY (${body}) TO '${out.replace(/'/g, "''")}' (${format === 'csv' ? 'HEADER, DELIMITER \',\'' : 'FORMAT json'})`);
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
      const rare = path.join(dir, `${source}.rare-events.ndjson`);
      const rollupRows = await copyQuery(conn, pack['auth-rollup'], rollup, 'csv');
      const rareRows = await copyQuery(conn, pack['rare-events'], rare, 'json');
      const events = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${source === 'cloudtrail' ? 'cloudtrail_logs' : 'entra_signin_logs'}`)).getRows()[0][0]);
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
      for (const file of [byName(FILE_NAMES.networks), byName(FILE_NAMES.authEvents), ...logFiles,
        ...[FILE_NAMES.systems, FILE_NAMES.identities, FILE_NAMES.credentials, FILE_NAMES.entitlements].map(byName)]) {
        await importFiles(kase, { paths: [file] });
      }
      return analyse(kase);
    };
    pushed = await build('pushdown.blastmap', logs);
    raw = await build('raw.blastmap', SOURCES.map((s) => byName(s.file)));
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
    const formats = pushed.kase.db.prepare('SELECT file_name, format, rejected FROM source').all() as { file_name: string; format: string; rejected: number }[];
    expect(formats.filter((s) => s.file_name.endsWith('.auth-rollup.csv')).map((s) => s.format)).toEqual(['auth-rollup', 'auth-rollup']);
    for (const s of formats) expect(s.rejected, s.file_name).toBe(0);
    // Every event is in the roll-up or in the extract, never both: the groups' counts plus the extract's rows
    // are the events DuckDB read.
    for (const r of results) {
      const grouped = pushed.kase.db.prepare(`SELECT coalesce(sum(json_extract(e.props, '$.rollup.events')), 0) FROM auth_event e
        JOIN source s ON s.id = e.source_id WHERE s.file_name = ?`).pluck().get(`${r.source}.auth-rollup.csv`) as number;
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

  it('imports the rare-event extract with the vendor\'s own importer', () => {
    const extracts = pushed.kase.db.prepare(`SELECT file_name, format, loaded, rejected FROM source WHERE file_name LIKE '%.rare-events.ndjson'`).all();
    expect(extracts).toEqual(results.filter((r) => r.rareRows).map((r) => ({
      file_name: `${r.source}.rare-events.ndjson`, format: r.source, loaded: r.rareRows, rejected: 0,
    })));
    expect(extracts.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!duckAvailable)('pushdown: the rare-event extract is vendor JSON its importer loads', () => {
  it('CloudTrail records extracted by DuckDB import as cloudtrail, every row loaded', async () => {
    const dir = tmpDir('blastmap-pushdown-rare-');
    try {
      const ctDir = path.join(SHARED_FIXTURES, 'aws', 'cloudtrail');
      const ndjson = path.join(dir, 'stratus.ndjson');
      const lines: string[] = [];
      for (const f of fs.readdirSync(ctDir).filter((n) => n.startsWith('stratus-') && n.endsWith('.json')).sort()) {
        const v = JSON.parse(fs.readFileSync(path.join(ctDir, f), 'utf8'));
        for (const r of Array.isArray(v) ? v : v.Records) lines.push(JSON.stringify(r));
      }
      fs.writeFileSync(ndjson, `${lines.join('\n')}\n`);
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const duck = await DuckDBInstance.create(':memory:');
      const conn = await duck.connect();
      await conn.run(duckdbView('cloudtrail', ndjson)!);
      const pack = Object.fromEntries(generatePack({ engine: 'duckdb', source: 'cloudtrail' }).map((f) => [f.kind, f.text]));
      const out = path.join(dir, 'rare.ndjson');
      const rows = await copyQuery(conn, pack['rare-events'], out, 'json');
      conn.closeSync();
      duck.closeSync();
      expect(rows).toBe(42); // the same 42 the SQLite execution of the same query shape finds (pushdown.test.ts)
      const kase = openCase(path.join(dir, 'c.blastmap'), { create: true });
      try {
        const [src] = await importFiles(kase, { paths: [out] });
        expect(src.format).toBe('cloudtrail');
        expect(src.loaded).toBe(42);
        expect(src.rejected).toBe(0);
        // Whole records: the CreateAccessKey made the new key a credential, as the raw import does.
        const keys = kase.db.prepare(`SELECT count(*) FROM node WHERE kind = 'credential'`).pluck().get() as number;
        expect(keys).toBeGreaterThan(0);
      } finally {
        kase.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
