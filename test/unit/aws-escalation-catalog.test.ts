// The pathfinding.cloud catalogue, path by path: an account holding exactly the permissions the
// catalogue lists as required must get the escalation edge named by the path's id; the same account
// missing any one of them (near miss) must not get an edge naming that id.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASS_ROLE_PATHS } from '../../main/aws-policy/pass-role.ts';
import { AWS_ESCALATION_PATHS } from '../../shared/catalogs/aws-escalation-paths.ts';
import {
  ADMIN,
  ADMIN_POLICY,
  allow,
  arn,
  details,
  evaluate,
  group,
  policy,
  role,
  trustAws,
  trustService,
  user,
} from '../fixtures/aws-authz/build.ts';

const A = arn('user', 'attacker');
const R = arn('role', 'runner');

/** Ids an edge names (the kept technique's and the merged ones'). */
function ids(e: { props: { pathId?: string; pathIds?: string[] } } | undefined): string[] {
  return e ? [...new Set([...(e.props.pathIds ?? []), ...(e.props.pathId ? [e.props.pathId] : [])])] : [];
}

describe('the catalogue data file', () => {
  it('lists the service paths this suite walks', () => {
    expect(serviceIds.length).toBeGreaterThanOrEqual(45);
  });
  it('docs/aws.md has one coverage row per catalogue path', () => {
    const doc = fs.readFileSync(path.join(import.meta.dirname, '../../docs/aws.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| ([a-z0-9]+-\d{3}) \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(AWS_ESCALATION_PATHS.map((p) => p.id));
  });
  it('names every id once, and every id the code emits is in it', () => {
    const all = AWS_ESCALATION_PATHS.map((p) => p.id);
    expect(new Set(all).size).toBe(all.length);
    for (const f of PASS_ROLE_PATHS) if (f.pathId) expect(all, f.technique).toContain(f.pathId);
    for (const p of AWS_ESCALATION_PATHS) {
      if (p.detected.startsWith('as ')) expect(all).toContain(p.detected.slice(3));
    }
  });
});

/**
 * Service paths the catalogue file says are detected by an edge of their own (taken from the data file,
 * not the code, so a path the code stops emitting fails here): the target is an admin role the service
 * may assume (in an instance profile for EC2).
 */
const serviceIds = AWS_ESCALATION_PATHS.filter((p) => p.detected === 'edge' && /trusted by /.test(p.reaches)).map((p) => p.id);

describe('service paths: positive and near-miss accounts', () => {
  for (const id of serviceIds) {
    const path = AWS_ESCALATION_PATHS.find((p) => p.id === id)!;
    const service = /trusted by (\S+)/.exec(path.reaches)![1];
    const account = (granted: string[]) =>
      details({
        users: [user('attacker', { inline: [[allow(granted)]] })],
        roles: [role('runner', trustService(service), { managed: [ADMIN_POLICY], instanceProfile: true })],
      });
    it(`${id}: ${path.required.join(' + ')} → an edge to ${service}'s role naming ${id}`, () => {
      const ev = evaluate(account(path.required));
      const e = ev.edge(A, R);
      expect(ids(e)).toContain(id);
      expect(e?.props.escalation).toBe(true);
      expect(ev.isAdmin(R)).toBe(true);
    });
    it(`${id}: missing any one required permission → no edge naming ${id}`, () => {
      for (const missing of path.required) {
        const ev = evaluate(account(path.required.filter((p) => p !== missing)));
        expect(ids(ev.edge(A, R)), `without ${missing}`).not.toContain(id);
      }
    });
  }
  it('the change-set false positive: CreateChangeSet without ExecuteChangeSet escalates to nothing', () => {
    for (const granted of [
      ['iam:PassRole', 'cloudformation:CreateChangeSet'],
      ['cloudformation:CreateChangeSet'],
      ['iam:PassRole', 'cloudformation:ExecuteChangeSet'],
    ]) {
      const ev = evaluate(
        details({
          users: [user('attacker', { inline: [[allow(granted)]] })],
          roles: [role('runner', trustService('cloudformation.amazonaws.com'), { managed: [ADMIN_POLICY] })],
        }),
      );
      expect(ev.edge(A, R), granted.join(' + ')).toBeUndefined();
    }
  });
  it('broad NotAction grants reach service paths unless their resources belong to other services', () => {
    const runner = role('runner', trustService('ecs-tasks.amazonaws.com'), { managed: [ADMIN_POLICY] });
    const wide = (resource: string) =>
      evaluate(
        details({
          users: [user('attacker', { inline: [[{ Effect: 'Allow', NotAction: ['iam:CreateUser'], Resource: resource }]] })],
          roles: [runner],
        }),
      );
    expect(ids(wide('*').edge(A, R))).toContain('ecs-001');
    expect(wide('arn:aws:s3:::one-bucket').edge(A, R)).toBeUndefined();
    // SSM commands act on EC2 instances: a NotAction grant limited to instances still reaches ssm-002.
    const ec2Role = role('runner', trustService('ec2.amazonaws.com'), { managed: [ADMIN_POLICY], instanceProfile: true });
    const onInstances = evaluate(
      details({
        users: [user('attacker', { inline: [[{ Effect: 'Allow', NotAction: ['iam:*'], Resource: 'arn:aws:ec2:*:*:instance/*' }]] })],
        roles: [ec2Role],
      }),
    );
    expect(ids(onInstances.edge(A, R))).toEqual(expect.arrayContaining(['ssm-002', 'ec2-003']));
  });
  it('stack sets: the administration role passed, its execution role follows by trust to admin', () => {
    const EXEC = arn('role', 'exec');
    const ev = evaluate(
      details({
        users: [user('attacker', { inline: [[allow(['iam:PassRole', 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'])]] })],
        roles: [
          role('runner', trustService('cloudformation.amazonaws.com'), { inline: [[allow('sts:AssumeRole', EXEC)]] }),
          role('exec', trustAws(R), { managed: [ADMIN_POLICY] }),
        ],
      }),
    );
    expect(ids(ev.edge(A, R))).toContain('cloudformation-003');
    expect(ev.edge(R, EXEC)).toBeDefined();
    expect(ev.isAdmin(EXEC)).toBe(true);
  });
});

describe('IAM paths name their ids', () => {
  const V = arn('user', 'victim');
  const T = arn('role', 'target');
  const own = arn('policy', 'own');
  const cases: { id: string; granted: string[]; src: string; dst: string; kind?: 'access' | 'can_assume'; extra?: Parameters<typeof details>[0] }[] =
    [
      { id: 'iam-002', granted: ['iam:CreateAccessKey'], src: A, dst: V },
      { id: 'iam-004', granted: ['iam:CreateLoginProfile'], src: A, dst: V },
      { id: 'iam-006', granted: ['iam:UpdateLoginProfile'], src: A, dst: V },
      { id: 'iam-007', granted: ['iam:PutUserPolicy'], src: A, dst: ADMIN, kind: 'access' },
      { id: 'iam-008', granted: ['iam:AttachUserPolicy'], src: A, dst: ADMIN, kind: 'access' },
      { id: 'iam-012', granted: ['iam:UpdateAssumeRolePolicy'], src: A, dst: T },
      { id: 'iam-013', granted: ['iam:AddUserToGroup'], src: A, dst: ADMIN, kind: 'access' },
      { id: 'iam-014', granted: ['iam:AttachRolePolicy', 'sts:AssumeRole'], src: A, dst: ADMIN, kind: 'access' },
      { id: 'iam-015', granted: ['iam:AttachUserPolicy', 'iam:CreateAccessKey'], src: A, dst: ADMIN, kind: 'access' },
      { id: 'iam-019', granted: ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'], src: A, dst: ADMIN, kind: 'access' },
      { id: 'sts-001', granted: ['sts:AssumeRole'], src: A, dst: T },
    ];
  for (const c of cases) {
    // The victim user, the target role (trusting the account) and an admin group exist in every account.
    const account = (granted: string[]) =>
      details({
        users: [user('attacker', { inline: [[allow(granted, c.id === 'iam-001' ? own : '*')]] }), user('victim', { managed: [ADMIN_POLICY] })],
        roles: [
          role('target', trustAws(`arn:aws:iam::111122223333:root`), { managed: [ADMIN_POLICY] }),
          role('plain', trustAws(`arn:aws:iam::111122223333:root`)),
        ],
        groups: [group('admins', { managed: [ADMIN_POLICY] })],
        policies: [policy(own, [allow('s3:GetObject')])],
      });
    it(`${c.id}: ${c.granted.join(' + ')} names ${c.id}; without ${c.granted[0]} it does not`, () => {
      const ev = evaluate(account(c.granted));
      expect(ids(ev.edge(c.src, c.dst, c.kind ?? 'can_assume'))).toContain(c.id);
      const miss = evaluate(account(c.granted.slice(1)));
      expect(ids(miss.edge(c.src, c.dst, c.kind ?? 'can_assume'))).not.toContain(c.id);
    });
  }
});
