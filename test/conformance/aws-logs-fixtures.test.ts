// Conformance: every real CloudTrail sample in ../shared/fixtures/aws/cloudtrail and the cloudmapper credential report
// import with the detected format, the record count computed here from the raw file, and no rejects.
// Failures in the case must match the records that carry an error in the raw file.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_FIXTURES, TestCase } from '../helpers.ts';

const AWS = path.join(SHARED_FIXTURES, 'aws');
const TRAIL = path.join(AWS, 'cloudtrail');
const REPORT = path.join(AWS, 'credential-report-cloudmapper-demo.json');
const present = fs.existsSync(TRAIL);
if (!present) console.warn(`[conformance] ${TRAIL} is absent: AWS log conformance tests are skipped`);

interface Expected {
  format: string;
  records: number;
  failures: number;
  /** Console logins whose user name AWS hides: the only records that may stay anonymous. */
  hidden: number;
}

const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** What the raw file holds, read without any Blastmap code. */
function expectedFor(file: string): Expected {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.csv')) {
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' }).data;
    const failures = rows.filter((r) => r.ErrorCode || /"ConsoleLogin":"Failure"/.test(r.ResponseElements ?? '')).length;
    return {
      format: 'cloudtrail-sentinel-csv',
      records: rows.length,
      failures,
      hidden: rows.filter((r) => r.UserIdentityUserName === HIDDEN).length,
    };
  }
  const trimmed = text.trimStart();
  const records: Record<string, unknown>[] = trimmed.startsWith('[')
    ? JSON.parse(text)
    : trimmed.startsWith('{"Records"')
      ? JSON.parse(text).Records
      : text
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l));
  const failures = records.filter((r) => r.errorCode || (r.responseElements as Record<string, unknown> | null)?.ConsoleLogin === 'Failure').length;
  const hidden = records.filter((r) => (r.userIdentity as Record<string, unknown> | undefined)?.userName === HIDDEN).length;
  return { format: 'cloudtrail', records: records.length, failures, hidden };
}

describe.skipIf(!present)('AWS CloudTrail samples (shared fixtures)', () => {
  const files = present
    ? fs
        .readdirSync(TRAIL)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];

  it('finds the samples', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of files) {
    it(`${name}: detected, every record loaded, failures kept as failures`, async () => {
      const file = path.join(TRAIL, name);
      const expected = expectedFor(file);
      const t = await TestCase.create();
      try {
        const { sources } = await t.call('import.files', { paths: [file] });
        expect(sources[0]).toMatchObject({ format: expected.format, rows: expected.records, loaded: expected.records, rejected: 0 });
        const counts = t.db.prepare('SELECT count(*) AS n, sum(outcome = 0) AS failed, sum(identity IS NULL) AS anonymous FROM auth_event').get() as {
          n: number;
          failed: number;
          anonymous: number;
        };
        expect(counts.n).toBe(expected.records);
        expect(counts.failed ?? 0).toBe(expected.failures);
        expect(counts.anonymous ?? 0).toBe(expected.hidden);
      } finally {
        t.close();
      }
    });
  }

  describe('the whole folder at once', () => {
    let t: TestCase;
    beforeAll(async () => {
      t = await TestCase.create();
    });
    afterAll(() => t.close());

    it('imports every file with no rejects and records the observed role assumptions', async () => {
      const { sources } = await t.call('import.files', { paths: [TRAIL] });
      expect(sources.length).toBe(files.length);
      expect(sources.every((s) => s.rejected === 0 && s.loaded === s.rows)).toBe(true);
      const observed = t.db
        .prepare(`SELECT count(*) FROM edge WHERE kind = 'can_assume' AND json_extract(props, '$.observed') = 1`)
        .pluck()
        .get() as number;
      expect(observed).toBeGreaterThan(0);
      const changes = t.db
        .prepare(`SELECT DISTINCT json_extract(props, '$.change') FROM auth_event WHERE json_extract(props, '$.change') IS NOT NULL`)
        .pluck()
        .all();
      expect(changes).toEqual(
        expect.arrayContaining([
          'user_created',
          'access_key_created',
          'policy_attached',
          'trust_policy_changed',
          'password_created',
          'password_changed',
        ]),
      );
    });
  });
});

describe.skipIf(!fs.existsSync(REPORT))('AWS credential report sample (shared fixtures)', () => {
  it('loads every user row from the GetCredentialReport wrapper', async () => {
    const wrapper = JSON.parse(fs.readFileSync(REPORT, 'utf8')) as { Content: string };
    const lines = wrapper.Content.split('\n').filter((l) => l.trim());
    const users = lines.length - 1;
    const t = await TestCase.create();
    try {
      const { sources } = await t.call('import.files', { paths: [REPORT] });
      expect(sources[0]).toMatchObject({ format: 'aws-credential-report', rows: users, loaded: users, rejected: 0 });
      const arns = lines.slice(1).map((l) => l.split(',')[1]);
      const found = t.db
        .prepare(`SELECT count(*) FROM node WHERE kind = 'identity' AND key IN (${arns.map(() => '?').join(',')})`)
        .pluck()
        .get(...arns);
      expect(found).toBe(users);
      const activeKeys = lines
        .slice(1)
        .flatMap((l) => {
          const c = l.split(',');
          return [c[8], c[13]];
        })
        .filter((v) => v === 'true').length;
      expect(t.db.prepare(`SELECT count(*) FROM node WHERE subkind = 'access_key' AND status = 'active'`).pluck().get()).toBe(activeKeys);
    } finally {
      t.close();
    }
  });
});
