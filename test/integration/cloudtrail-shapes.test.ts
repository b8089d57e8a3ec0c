// CloudTrail in every shape its users have it: the S3 delivery tree (one gzipped one-line {"Records":[…]} per
// object, digests beside it), pretty JSON, NDJSON, lookup-events output, and S3 objects concatenated. Built here
// from the real Stratus Red Team and OTRF records in ../shared/fixtures, never copied into the repo. The same
// records must give the same events whatever the shape (parity), and a tree is one transaction.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SHARED_FIXTURES, TestCase, tmpDir, writeFile } from '../helpers.ts';

const DIR = path.join(SHARED_FIXTURES, 'aws', 'cloudtrail');
const present = fs.existsSync(DIR);
if (!present) console.warn(`[cloudtrail-shapes] ${DIR} is absent: skipping the CloudTrail shape tests`);

/** Every Stratus detonation log (arrays of records), one group per file, in file name order. */
function stratusGroups(): Record<string, unknown>[][] {
  return fs
    .readdirSync(DIR)
    .filter((f) => f.startsWith('stratus-') && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Record<string, unknown>[]);
}

/** Writes the groups as AWS delivers them to S3: one object per group, plus a digest per group. */
function writeS3Tree(root: string, groups: Record<string, unknown>[][]): { objects: number; digests: number } {
  groups.forEach((records, n) => {
    const first = records[0];
    const account = String(first.recipientAccountId ?? '123456789012');
    const region = String(first.awsRegion ?? 'us-east-1');
    const [y, m, d] = String(first.eventTime).slice(0, 10).split('-');
    const stamp = String(first.eventTime).replace(/[-:]/g, '').slice(0, 13);
    writeFile(
      root,
      `AWSLogs/${account}/CloudTrail/${region}/${y}/${m}/${d}/${account}_CloudTrail_${region}_${stamp}Z_${n}.json.gz`,
      zlib.gzipSync(JSON.stringify({ Records: records })),
    );
    writeFile(
      root,
      `AWSLogs/${account}/CloudTrail-Digest/${region}/${y}/${m}/${d}/${account}_CloudTrail-Digest_${region}_trail_${region}_${stamp}Z.json.gz`,
      zlib.gzipSync(
        JSON.stringify({
          awsAccountId: account,
          digestStartTime: first.eventTime,
          digestEndTime: first.eventTime,
          digestS3Bucket: 'b',
          digestS3Object: 'x',
          digestPublicKeyFingerprint: 'ab12',
          digestSignatureAlgorithm: 'SHA256withRSA',
          logFiles: [],
        }),
      ),
    );
  });
  return { objects: groups.length, digests: groups.length };
}

interface Event {
  ts: number;
  identity: string | null;
  credential: string | null;
  ip: string | null;
  action: string | null;
  target: string | null;
  outcome: number;
}

function eventsOf(t: TestCase): string[] {
  const rows = t.db
    .prepare(
      `SELECT e.ts, i.key AS identity, c.key AS credential, COALESCE(address_text(e.ip), ip.value) AS ip, a.value AS action,
      coalesce(n.key, tt.value) AS target, e.outcome
    FROM auth_event e LEFT JOIN node i ON i.id = e.identity LEFT JOIN node c ON c.id = e.credential LEFT JOIN term ip ON ip.id = e.ip
    LEFT JOIN term a ON a.id = e.action LEFT JOIN node n ON n.id = e.target LEFT JOIN term tt ON tt.id = e.target_term`,
    )
    .all() as Event[];
  return rows.map((r) => JSON.stringify(r)).sort();
}

function counts(t: TestCase): { nodes: number; edges: number; rejects: number } {
  return t.db
    .prepare('SELECT (SELECT count(*) FROM node) AS nodes, (SELECT count(*) FROM edge) AS edges, (SELECT count(*) FROM reject) AS rejects')
    .get() as { nodes: number; edges: number; rejects: number };
}

describe.skipIf(!present)('CloudTrail shapes: the same records, the same events', () => {
  let groups: Record<string, unknown>[][];
  let all: Record<string, unknown>[];
  let dir: string;
  let reference: { events: string[]; counts: ReturnType<typeof counts> };

  beforeAll(async () => {
    groups = stratusGroups();
    all = groups.flat();
    dir = tmpDir();
    // The reference: the real files exactly as published (JSON arrays), one by one.
    const t = await TestCase.create();
    for (const f of fs
      .readdirSync(DIR)
      .filter((x) => x.startsWith('stratus-'))
      .sort())
      await t.call('import.files', { paths: [path.join(DIR, f)] });
    reference = { events: eventsOf(t), counts: counts(t) };
    t.close();
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has records to compare (the Stratus logs hold 142 records)', () => {
    // Counted from the 18 published files: their array lengths sum to 142.
    expect(all).toHaveLength(142);
    expect(reference.events).toHaveLength(142);
  });

  const shapes: [string, () => string][] = [
    [
      'an S3 delivery tree (gzipped one-line objects, digests beside them)',
      () => {
        const root = path.join(dir, 'tree');
        writeS3Tree(root, groups);
        return path.join(root, 'AWSLogs');
      },
    ],
    ['one pretty-printed {"Records":[…]} file', () => writeFile(dir, 'pretty.json', JSON.stringify({ Records: all }, null, 2))],
    ['NDJSON', () => writeFile(dir, 'all.ndjson', all.map((r) => JSON.stringify(r)).join('\n'))],
    ['gzipped NDJSON', () => writeFile(dir, 'all.ndjson.gz', zlib.gzipSync(all.map((r) => JSON.stringify(r)).join('\n')))],
    [
      '`aws cloudtrail lookup-events` output',
      () =>
        writeFile(
          dir,
          'lookup.json',
          JSON.stringify(
            {
              Events: all.map((r) => ({
                EventId: r.eventID,
                EventName: r.eventName,
                ReadOnly: 'false',
                EventTime: r.eventTime,
                EventSource: r.eventSource,
                Username: 'x',
                Resources: [],
                CloudTrailEvent: JSON.stringify(r),
              })),
              NextToken: null,
            },
            null,
            2,
          ),
        ),
    ],
    [
      'S3 objects concatenated (zcat *.json.gz > all.json)',
      () => writeFile(dir, 'cat.json', groups.map((g) => JSON.stringify({ Records: g })).join('\n')),
    ],
    [
      'S3 objects concatenated without newlines',
      () => writeFile(dir, 'cat-nolines.json', groups.map((g) => JSON.stringify({ Records: g })).join('')),
    ],
    ['an Event Hub blob ({"records":[…]} on one line)', () => writeFile(dir, 'hub.json', JSON.stringify({ records: all }))],
  ];

  for (const [name, build] of shapes) {
    it(`reads ${name}`, async () => {
      const t = await TestCase.create();
      const { sources } = await t.call('import.files', { paths: [build()] });
      const imported = sources.filter((s) => !s.skipped);
      expect(imported.every((s) => s.format === 'cloudtrail')).toBe(true);
      expect(imported.reduce((n, s) => n + s.loaded, 0)).toBe(142);
      expect(eventsOf(t)).toEqual(reference.events);
      expect(counts(t)).toEqual(reference.counts);
      t.close();
    });
  }

  it('imports a tree in one transaction: 18 objects loaded, 18 digests skipped and counted, no source for a digest', async () => {
    const root = path.join(dir, 'tree2');
    writeS3Tree(root, groups);
    const t = await TestCase.create();
    const { sources } = await t.call('import.files', { paths: [root] });
    expect(sources).toHaveLength(36);
    expect(sources.filter((s) => s.skipped && /digest/.test(s.message ?? ''))).toHaveLength(18);
    expect(
      sources
        .filter((s) => !s.skipped)
        .map((s) => s.loaded)
        .reduce((a, b) => a + b, 0),
    ).toBe(142);
    expect(t.db.prepare('SELECT count(*) FROM source').pluck().get()).toBe(18);
    // Importing the tree again changes nothing.
    const again = await t.call('import.files', { paths: [root] });
    expect(again.sources.filter((s) => !s.skipped)).toEqual([]);
    expect(eventsOf(t)).toEqual(reference.events);
    t.close();
  });

  it('with --keep-going, reports a damaged object of a tree and loads the rest; the CLI exits 2 and names it', () => {
    const root = path.join(dir, 'tree3');
    writeS3Tree(root, groups);
    const bad = writeFile(
      root,
      'AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/broken.json.gz',
      zlib.gzipSync(
        JSON.stringify({ Records: [{ eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject', userIdentity: {} }] }),
      ),
    );
    const kase = path.join(dir, 'tree3.blastmap');
    const r = runCli(['import', kase, root, '--json', '--keep-going']);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { sources: { file: string; failed?: boolean; loaded: number; message?: string }[] };
    const failed = out.sources.filter((s) => s.failed);
    expect(failed.map((s) => s.file)).toEqual([bad]);
    expect(failed[0].message).toMatch(/all 1 of its records were rejected.*missing eventTime/);
    expect(out.sources.reduce((n, s) => n + s.loaded, 0)).toBe(142);
    const info = JSON.parse(runCli(['info', kase, '--json']).stdout) as { authEvents: number; sources: number };
    expect(info.authEvents).toBe(142);
  });

  it('by default imports a tree all or nothing: a damaged object fails the whole import, named, the case unchanged', () => {
    const root = path.join(dir, 'tree4');
    writeS3Tree(root, groups);
    writeFile(
      root,
      'AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/broken.json.gz',
      zlib.gzipSync(
        JSON.stringify({ Records: [{ eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject', userIdentity: {} }] }),
      ),
    );
    const kase = path.join(dir, 'tree4.blastmap');
    expect(runCli(['import', kase, path.join(DIR, 'stratus-aws.persistence.iam-backdoor-role.json')]).status).toBe(0);
    const before = runCli(['info', kase, '--json']).stdout;
    const r = runCli(['import', kase, root, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^blastmap: broken\.json\.gz could not be imported, so none of the 37 files was and the case is unchanged \(--keep-going, or keepGoing in the API, imports the files that can be and lists the others\): broken\.json\.gz: recognised as cloudtrail, but all 1 of its records were rejected/,
    );
    expect(runCli(['info', kase, '--json']).stdout).toEqual(before);
  });

  it('fails a single CloudTrail file whose every record is rejected: exit 2, the reasons printed, the case unchanged', () => {
    const kase = path.join(dir, 'allbad.blastmap');
    expect(runCli(['import', kase, path.join(DIR, 'stratus-aws.persistence.iam-backdoor-role.json')]).status).toBe(0);
    const before = runCli(['info', kase, '--json']).stdout;
    const file = writeFile(
      dir,
      'allbad.json',
      JSON.stringify({
        Records: [
          { eventVersion: '1.08', eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', userIdentity: {} },
          { eventVersion: '1.08', eventSource: 'iam.amazonaws.com', eventName: 'ListRoles', userIdentity: {}, eventTime: 'soon' },
        ],
      }),
    );
    const r = runCli(['import', kase, file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/all 2 of its records were rejected.*missing eventTime.*unparseable eventTime "soon"/);
    expect(runCli(['info', kase, '--json']).stdout).toEqual(before);
  });
});

describe.skipIf(!present)('CloudTrail S3 tree read ahead by a worker (main/ingest/aws/cloudtrail-tree.ts)', () => {
  it('loads what the importing thread loads, file by file, across skipped, damaged and rejecting objects', async () => {
    const { treeStats } = await import('../../main/ingest/aws/cloudtrail-tree.ts');
    const dir = tmpDir();
    try {
      const root = path.join(dir, 'tree');
      const groups = stratusGroups();
      writeS3Tree(root, groups);
      const objects = path.join(root, 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01');
      // A record without eventTime (a reject whose locator must read as the in-thread reader words it), an object
      // cut short (the worker leaves it; the importing thread keeps what inflated and warns), an empty object.
      const good = groups[0][0];
      writeFile(
        objects,
        '123456789012_CloudTrail_us-east-1_20240101T0000Z_rejects.json.gz',
        zlib.gzipSync(JSON.stringify({ Records: [good, { ...good, eventTime: undefined }, { ...good, eventID: 'x2' }] })),
      );
      const biggest = [...groups].sort((a, b) => b.length - a.length)[0];
      const whole = zlib.gzipSync(JSON.stringify({ Records: biggest }));
      writeFile(objects, '123456789012_CloudTrail_us-east-1_20240101T0005Z_cut.json.gz', whole.subarray(0, Math.floor(whole.length * 0.8)));
      writeFile(objects, '123456789012_CloudTrail_us-east-1_20240101T0010Z_empty.json.gz', zlib.gzipSync('{"Records":[]}'));
      const files: string[] = [];
      const walk = (d: string) =>
        fs
          .readdirSync(d, { withFileTypes: true })
          .sort((a, b) => (a.name < b.name ? -1 : 1))
          .forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name))));
      walk(root);

      // One file per import: the importing thread reads each itself.
      const alone = await TestCase.create();
      for (const f of files) await alone.call('import.files', { paths: [f] });
      // The whole tree at once, with one object already in the case: the worker passes over it.
      const tree = await TestCase.create();
      await tree.call('import.files', { paths: [files.find((f) => f.includes('_CloudTrail_') && !f.includes('Digest'))!] });
      const before = treeStats.filesFromWorker;
      const { sources } = await tree.call('import.files', { paths: [root] });
      expect(treeStats.filesFromWorker - before).toBeGreaterThanOrEqual(groups.length - 1);
      expect(sources.filter((s) => /already imported/.test(s.message ?? ''))).toHaveLength(1);
      expect(sources.find((s) => s.file.endsWith('_cut.json.gz'))?.warnings?.join(' ')).toMatch(/ends early|corrupt/);
      expect(sources.find((s) => s.file.endsWith('_empty.json.gz'))?.message).toMatch(/no records/);

      expect(eventsOf(tree)).toEqual(eventsOf(alone));
      expect(counts(tree)).toEqual(counts(alone));
      const rejects = (t: TestCase) =>
        t.db.prepare('SELECT s.file_name, r.locator, r.reason FROM reject r JOIN source s ON s.id = r.source_id ORDER BY 1, 2').all();
      expect(rejects(tree)).toEqual(rejects(alone));
      expect(rejects(tree)).toContainEqual({
        file_name: '123456789012_CloudTrail_us-east-1_20240101T0000Z_rejects.json.gz',
        locator: 'line 1 Records[1]',
        reason: expect.stringMatching(/eventTime/),
      });
      alone.close();
      tree.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
