// The derive stage (`case.derive`, `blastmap derive`): conclusions kept beside the facts are re-derived from the
// facts alone. Re-deriving a freshly imported case changes nothing (the stored model is complete: trust policies,
// instance profiles, groups, boundaries, locators), and an SCP file imported after the export it caps gives the
// same graph as one imported before it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SHARED_FIXTURES, TestCase, tmpDir } from '../helpers.ts';
import {
  ACCT,
  ADMIN_POLICY,
  administratorAccess,
  allow,
  arn,
  details,
  doc,
  group,
  policy,
  role,
  trustAws,
  trustService,
  user,
} from '../fixtures/aws-authz/build.ts';

interface GraphRow {
  src: string;
  dst: string;
  kind: string;
  privilege: number;
  conditional: number;
  reason: string | null;
  locator: string | null;
}

/** The graph as an analyst sees it: nodes by key with kind and name, edges by their ends with privilege and reason. */
function graph(t: TestCase): { nodes: string[]; edges: string[] } {
  const nodes = (t.db.prepare('SELECT key, kind, subkind, name FROM node ORDER BY key').all() as Record<string, string>[]).map(
    (n) => `${n.key}|${n.kind}|${n.subkind}|${n.name}`,
  );
  const edges = (
    t.db
      .prepare(
        `SELECT s.key AS src, d.key AS dst, e.kind, e.privilege, e.conditional, json_extract(e.props, '$.reason') AS reason, e.locator
    FROM edge e JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst ORDER BY s.key, d.key, e.kind`,
      )
      .all() as GraphRow[]
  ).map((e) => `${e.src} -${e.kind}/${e.privilege}${e.conditional ? '?' : ''}-> ${e.dst} | ${e.reason} | ${e.locator}`);
  return { nodes, edges };
}

const EXPORTS = ['authz-details-cloudmapper-demo.json', 'authz-details-cloudsplaining-test.json', 'authz-details-cloudsplaining-v2.json'];

describe('derive stage', () => {
  for (const name of EXPORTS) {
    it(`re-deriving a case holding only ${name} changes nothing`, async () => {
      const t = await TestCase.create();
      await t.call('import.files', { paths: [path.join(SHARED_FIXTURES, 'aws', name)] });
      const before = graph(t);
      const r = await t.call('case.derive', {});
      expect(r.awsAccounts).toBeGreaterThan(0);
      expect(r.policyEdgesAfter).toBe(r.policyEdgesBefore);
      expect(graph(t)).toEqual(before);
      t.close();
    });
  }

  // An account with every kind of edge evaluation writes: admin by policy, a group grant, a trust to a user, a
  // service role passed to EC2 through an instance profile, an escalation by policy rewrite.
  const account = () =>
    details({
      users: [
        user('boss', { managed: [ADMIN_POLICY] }),
        user('dev', { groups: ['devs'] }),
        user('ops', { inline: [[allow('sts:AssumeRole', arn('role', 'deployer'))]] }),
        user('builder', { inline: [[allow(['iam:PassRole', 'ec2:RunInstances'], '*')]] }),
        user('writer', { inline: [[allow('iam:CreatePolicyVersion', '*')]] }),
      ],
      groups: [group('devs', { inline: [[allow('s3:GetObject', 'arn:aws:s3:::reports/*')]] })],
      roles: [
        role('deployer', trustAws(arn('user', 'ops')), { managed: [ADMIN_POLICY] }),
        role('fleet', trustService('ec2.amazonaws.com'), { managed: [ADMIN_POLICY], instanceProfile: true }),
      ],
      policies: [administratorAccess(), policy(`arn:aws:iam::${ACCT}:policy/shared`, [allow('s3:ListBucket')])],
    });
  const scps = () =>
    JSON.stringify({
      Policies: [
        {
          PolicySummary: {
            Id: 'p-full',
            Arn: 'arn:aws:organizations::999999999999:policy/o-x/service_control_policy/p-FullAWSAccess',
            Name: 'FullAWSAccess',
            Type: 'SERVICE_CONTROL_POLICY',
          },
          Content: JSON.stringify(doc(allow('*'))),
          Targets: [{ TargetId: 'r-root', Type: 'ROOT' }],
        },
        {
          PolicySummary: {
            Id: 'p-noiam',
            Arn: 'arn:aws:organizations::999999999999:policy/o-x/service_control_policy/p-noiam',
            Name: 'NoIamWrites',
            Type: 'SERVICE_CONTROL_POLICY',
          },
          Content: JSON.stringify(doc({ Effect: 'Deny', Action: ['iam:CreatePolicyVersion', 'iam:PassRole'], Resource: '*' })),
          Targets: [{ TargetId: ACCT, Type: 'ACCOUNT' }],
        },
      ],
    });

  it('re-deriving a built account with trusts, pass-role and escalations changes nothing', async () => {
    const t = await TestCase.create();
    await t.importText('export.json', JSON.stringify(account()));
    const before = graph(t);
    expect(before.edges.length).toBeGreaterThan(5);
    await t.call('case.derive', {});
    expect(graph(t)).toEqual(before);
    t.close();
  });

  it('an SCP file imported after the export gives the graph of the SCP imported before it', async () => {
    const first = await TestCase.create();
    await first.importText('scps.json', scps());
    await first.importText('export.json', JSON.stringify(account()));
    const expected = graph(first);
    first.close();

    const later = await TestCase.create();
    await later.importText('export.json', JSON.stringify(account()));
    const uncapped = graph(later);
    await later.importText('scps.json', scps());
    const got = graph(later);
    later.close();

    // The SCP takes something away (the pass-role and policy-rewrite escalations), so the test can tell.
    expect(uncapped.edges).not.toEqual(expected.edges);
    expect(got).toEqual(expected);
  });

  it('blastmap derive re-derives a case from the command line and is audited', () => {
    const dir = tmpDir();
    try {
      const kase = path.join(dir, 'c.blastmap');
      const imp = runCli(['import', kase, path.join(SHARED_FIXTURES, 'aws', EXPORTS[0])]);
      expect(imp.status).toBe(0);
      const r = runCli(['derive', kase, '--json']);
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { awsAccounts: number; policyEdgesBefore: number; policyEdgesAfter: number };
      expect(out.awsAccounts).toBeGreaterThan(0);
      expect(out.policyEdgesAfter).toBe(out.policyEdgesBefore);
      const audit = runCli(['audit', kase, '--json']);
      expect((JSON.parse(audit.stdout) as { action: string }[]).map((a) => a.action)).toContain('case.derive');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
