// The NDJSON bench's realistic generators: the same bytes for the same seed, the shapes their header promises (a
// new key every few records, object-level ARNs, 40–200 byte agents, times out of order), and every record accepted
// by the importers' own normalisers (a rejected record would make the bench time less work than it claims).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRealisticCloudTrail, writeRealisticEntraSignIns } from '../../bench/realistic-ndjson.ts';
import { normaliseRecord, type TrailEvent } from '../../main/ingest/aws/cloudtrail-normalise.ts';
import { readSignIn } from '../../main/ingest/entra/signin-record.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-realistic-ndjson-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('writeRealisticCloudTrail', () => {
  const a = path.join(dir, 'a.ndjson'),
    b = path.join(dir, 'b.ndjson');
  const stats = writeRealisticCloudTrail(a, 6_000);
  writeRealisticCloudTrail(b, 6_000);
  const events = lines(a).map((r) => normaliseRecord(r));

  it('is deterministic per seed', () => {
    expect(fs.readFileSync(a)).toEqual(fs.readFileSync(b));
  });

  it('gives records the importer accepts, with the promised shapes', () => {
    expect(events.filter((e) => 'reject' in e)).toEqual([]);
    const ok = events as TrailEvent[];
    expect(stats.bytes).toBe(fs.statSync(a).size);
    expect(stats.records / stats.keys).toBeLessThan(8); // a new access key every few records
    expect(ok.filter((e) => e.targetText?.startsWith('arn:aws:s3:::') && e.targetText.includes('/')).length / ok.length).toBeGreaterThan(0.2);
    expect(stats.targets / stats.records).toBeGreaterThan(0.25); // object-level ARNs: most targets rare
    expect(stats.userAgentBytes.min).toBeGreaterThanOrEqual(40);
    expect(stats.userAgentBytes.max).toBeLessThanOrEqual(200);
    expect(stats.outOfOrder).toBeGreaterThan(0);
    expect(ok.some((e) => e.assumed?.tempKeyId)).toBe(true); // AssumeRole issues keys
    expect(ok.filter((e) => e.outcome === 0).length / ok.length).toBeGreaterThan(0.005);
  });
});

describe('writeRealisticEntraSignIns', () => {
  const a = path.join(dir, 'signins.ndjson');
  const stats = writeRealisticEntraSignIns(a, 6_000);
  const signIns = lines(a).map((r) => readSignIn(r));

  it('gives sign-ins the importer reads, of every principal type', () => {
    expect(signIns).toHaveLength(6_000);
    const types = new Set(signIns.map((s) => s.principal));
    expect([...types].sort()).toEqual(['managed_identity', 'service_principal', 'user']);
    expect(signIns.some((s) => s.credentialKeyId)).toBe(true);
    expect(signIns.filter((s) => s.errorCode !== '0').length / signIns.length).toBeGreaterThan(0.01);
    expect(stats.userAgentBytes.min).toBeGreaterThanOrEqual(40);
    expect(stats.userAgentBytes.max).toBeLessThanOrEqual(200);
    expect(stats.addresses / stats.records).toBeGreaterThan(0.2);
    expect(stats.outOfOrder).toBeGreaterThan(0);
  });
});
