// Pushdown extracts as engines' clients save them (main/ingest/engine-result.ts): the vendor's records in a
// `blastmap_record` column, wrapped as CSV (Athena), a JSON array (bq --format=json) or JSON lines (Trino, Spark),
// are read by the vendor's importer; every row is counted, a row that is not a record is a reject with a reason.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineResultShape } from '../../main/ingest/engine-result.ts';
import { SHARED_FIXTURES, TestCase } from '../helpers.ts';

const STRATUS = path.join(SHARED_FIXTURES, 'aws', 'cloudtrail', 'stratus-aws.credential-access.ec2-get-password-data.json');

function stratusRecords(): Record<string, unknown>[] {
  const v = JSON.parse(fs.readFileSync(STRATUS, 'utf8'));
  return (Array.isArray(v) ? v : v.Records).slice(0, 3);
}

/** A CSV cell as Athena writes it: always quoted, quotes doubled. */
const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;

describe('engine results of a pushdown extract', () => {
  it('recognises the record column in each wrapping, and nothing else', () => {
    expect(engineResultShape('"blastmap_record"\n"{""eventVersion"":""1.08""}"\n')).toBe('csv');
    expect(engineResultShape('blastmap_record\tother\n')).toBe('csv');
    expect(engineResultShape('[\n  {\n    "blastmap_record": "{\\"a\\":1}"\n  }\n]')).toBe('json');
    expect(engineResultShape('{"blastmap_record":{"a":1}}\n')).toBe('json');
    expect(engineResultShape('{"eventVersion":"1.08","blastmap_record":1}\n')).toBe(null);
    expect(engineResultShape('identity,credential,network\n')).toBe(null);
    expect(engineResultShape('blastmap_record\n{"eventVersion":"1.08"}\n')).toBe('lines');
    // az monitor log-analytics query --output json: "TableName" comes before the row's columns.
    expect(engineResultShape('[\n  {\n    "TableName": "PrimaryResult",\n    "blastmap_record": "{\\"a\\":1}"\n  }\n]')).toBe('json');
    expect(engineResultShape('[{"TableName": "PrimaryResult", "TimeGenerated": "2024-05-01T00:00:00Z"}]')).toBe(null);
  });

  it('an Athena result CSV of CloudTrail records imports as cloudtrail; rows that are not records are rejects with reasons', async () => {
    const records = stratusRecords();
    const csv = ['"blastmap_record"', ...records.map((r) => cell(JSON.stringify(r))), cell('not json at all'), cell('[1,2]'), ''].join('\n');
    const t = await TestCase.create();
    const r = await t.importText('athena-result.csv', csv);
    expect(r).toMatchObject({ format: 'cloudtrail', rows: 5, loaded: 3, rejected: 2 });
    const rejects = t.db.prepare('SELECT locator, reason, excerpt FROM reject ORDER BY id').all() as {
      locator: string;
      reason: string;
      excerpt: string;
    }[];
    expect(rejects).toHaveLength(2);
    expect(rejects.map((x) => x.excerpt).join(' ')).toMatch(/not JSON: not json at all.*not a JSON object: \[1,2\]/s);
    const source = t.db.prepare('SELECT file_name, detect_reason FROM source').get() as { file_name: string; detect_reason: string };
    expect(source.file_name).toBe('athena-result.csv');
    expect(source.detect_reason).toMatch(/engine's query result \(CSV with a blastmap_record column\): 5 records unwrapped; .*CloudTrail/);
  });

  it('bq --format=prettyjson (an array, the record as text), JSON lines with the record as an object, and spark-sql output import the same events', async () => {
    const records = stratusRecords();
    const bq = JSON.stringify(
      records.map((r) => ({ blastmap_record: JSON.stringify(r) })),
      null,
      2,
    );
    const lines = records.map((r) => JSON.stringify({ blastmap_record: r })).join('\n');
    // spark-sql -f with hive.cli.print.header=true: the column name, then the raw values.
    const sparkSql = ['blastmap_record', ...records.map((r) => JSON.stringify(r))].join('\n');
    const counts: unknown[] = [];
    for (const [name, text] of [
      ['bq.json', bq],
      ['trino.json', lines],
      ['spark-sql.tsv', sparkSql],
    ]) {
      const t = await TestCase.create();
      const r = await t.importText(name, text);
      expect(r).toMatchObject({ format: 'cloudtrail', rows: 3, loaded: 3, rejected: 0 });
      counts.push(t.db.prepare('SELECT ts, outcome FROM auth_event ORDER BY ts').all());
    }
    expect(counts[0]).toEqual(counts[1]);
    expect(counts[2]).toEqual(counts[1]);
    expect((counts[0] as unknown[]).length).toBe(3);
  });
});
