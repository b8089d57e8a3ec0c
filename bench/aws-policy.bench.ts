// AWS policy evaluation at scale (issue 4): a generated account with 5,000 roles, 2,000 managed
// policies and 500 users, evaluated into admin, trust, escalation and data-access edges in ≤ 10 s;
// then the same export imported end to end into a case file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyseAccount } from '../main/aws-policy/analyse.ts';
import { parseAuthorizationDetails } from '../main/ingest/aws/authorization-details-parse.ts';
import { Session } from '../main/api/session.ts';
import { dispatch } from '../main/api/dispatch.ts';
import { measure, median } from './measure.ts';
import type { BenchFigure, BenchModule } from './types.ts';

const ACCT = '210987654321';
const SIZES: Record<string, { roles: number; policies: number; users: number }> = {
  demo: { roles: 200, policies: 80, users: 20 },
  S: { roles: 5_000, policies: 2_000, users: 500 },
  M: { roles: 5_000, policies: 2_000, users: 500 },
  L: { roles: 20_000, policies: 8_000, users: 2_000 },
};

/** Deterministic pseudo-random numbers, so every run evaluates the same account. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const SERVICES = ['ec2.amazonaws.com', 'lambda.amazonaws.com', 'glue.amazonaws.com', 'codebuild.amazonaws.com', 'sagemaker.amazonaws.com'];

export function generateAccount(size: { roles: number; policies: number; users: number }): Record<string, unknown> {
  const r = rng(42);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  const roleArn = (i: number) => `arn:aws:iam::${ACCT}:role/app/role-${i}`;
  const statementFor = (i: number) => {
    const kind = i % 10;
    const bucket = `arn:aws:s3:::bucket-${i % 300}`;
    if (kind === 0) return { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [`${bucket}/*`] };
    if (kind === 1) return { Effect: 'Allow', Action: 'dynamodb:*', Resource: `arn:aws:dynamodb:us-east-1:${ACCT}:table/t-${i % 200}` };
    if (kind === 2) return { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn(Math.floor(r() * size.roles)) };
    if (kind === 3)
      return {
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: `arn:aws:iam::${ACCT}:role/app/role-${i % 50}*`,
        Condition: { StringEquals: { 'iam:PassedToService': pick(SERVICES) } },
      };
    if (kind === 4) return { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances'], Resource: '*' };
    if (kind === 5) return { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
    if (kind === 6)
      return {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:app/${i % 100}-*`,
        Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      };
    if (kind === 7) return { Effect: 'Allow', Action: ['ssm:GetParameter*', 'kms:Decrypt'], Resource: '*' };
    if (kind === 8) return { Effect: 'Allow', Action: ['iam:CreateAccessKey'], Resource: `arn:aws:iam::${ACCT}:user/u-${i % size.users}` };
    return { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: `arn:aws:s3:::bucket-${i % 300}` };
  };
  const policies = Array.from({ length: size.policies }, (_, i) => ({
    PolicyName: `p-${i}`,
    Arn: `arn:aws:iam::${ACCT}:policy/p-${i}`,
    DefaultVersionId: 'v1',
    PolicyVersionList: [
      {
        VersionId: 'v1',
        IsDefaultVersion: true,
        Document: { Version: '2012-10-17', Statement: [statementFor(i), statementFor(i + 3), statementFor(i + 7)] },
      },
    ],
  }));
  policies.push({
    PolicyName: 'AdministratorAccess',
    Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    DefaultVersionId: 'v1',
    PolicyVersionList: [
      {
        VersionId: 'v1',
        IsDefaultVersion: true,
        Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' } as never] },
      },
    ],
  });
  const attach = (n: number) =>
    Array.from({ length: n }, () => {
      const i = Math.floor(r() * size.policies);
      return { PolicyName: `p-${i}`, PolicyArn: `arn:aws:iam::${ACCT}:policy/p-${i}` };
    });
  const roles = Array.from({ length: size.roles }, (_, i) => {
    const t = i % 4;
    const principal =
      t === 0
        ? { Service: pick(SERVICES) }
        : t === 1
          ? { AWS: `arn:aws:iam::${ACCT}:root` }
          : t === 2
            ? { AWS: roleArn(Math.floor(r() * size.roles)) }
            : { AWS: `arn:aws:iam::${ACCT}:user/u-${i % size.users}` };
    return {
      Path: '/app/',
      RoleName: `role-${i}`,
      RoleId: `AROA${String(i).padStart(16, '0')}`,
      Arn: roleArn(i),
      CreateDate: '2024-01-01T00:00:00Z',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] },
      InstanceProfileList: t === 0 && i % 3 === 0 ? [{ Arn: `arn:aws:iam::${ACCT}:instance-profile/role-${i}` }] : [],
      RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [statementFor(i)] } }],
      AttachedManagedPolicies:
        i % 100 === 0 ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : attach(3),
      Tags: [{ Key: 'team', Value: `t${i % 7}` }],
    };
  });
  const users = Array.from({ length: size.users }, (_, i) => ({
    Path: '/',
    UserName: `u-${i}`,
    UserId: `AIDA${String(i).padStart(16, '0')}`,
    Arn: `arn:aws:iam::${ACCT}:user/u-${i}`,
    CreateDate: '2024-01-01 00:00:00+00:00',
    GroupList: [`g-${i % 50}`],
    UserPolicyList: [],
    AttachedManagedPolicies: attach(2),
    Tags: [],
  }));
  const groups = Array.from({ length: 50 }, (_, i) => ({
    Path: '/',
    GroupName: `g-${i}`,
    GroupId: `AGPA${String(i).padStart(16, '0')}`,
    Arn: `arn:aws:iam::${ACCT}:group/g-${i}`,
    GroupPolicyList: [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [statementFor(i * 13)] } }],
    AttachedManagedPolicies: attach(2),
  }));
  return { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies };
}

const bench: BenchModule = {
  title: 'AWS policy evaluation',
  async run({ size, repetitions }) {
    const shape = SIZES[size] ?? SIZES.S;
    const doc = generateAccount(shape);
    const label = `${shape.roles.toLocaleString('en-US')} roles, ${shape.policies.toLocaleString('en-US')} policies, ${shape.users} users`;
    const times: number[] = [];
    const cpu: number[] = [];
    let peak = 0;
    let edges = 0;
    for (let i = 0; i < Math.max(1, repetitions); i++) {
      const before = process.cpuUsage();
      const m = await measure(() => {
        const account = parseAuthorizationDetails(doc, { countRow() {}, reject() {} });
        return analyseAccount(account);
      });
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
      times.push(m.ms);
      peak = Math.max(peak, m.peakMb);
      edges = m.result.edges.length;
    }
    const seconds = median(times) / 1000;
    const figures: BenchFigure[] = [
      {
        name: `evaluate account (${label})`,
        value: seconds,
        unit: 's',
        target: '≤ 10 s',
        met: seconds <= 10,
        peakMb: peak,
        // CPU time shows the cost apart from other load on a shared machine.
        note: `${edges.toLocaleString('en-US')} derived edges; CPU ${(median(cpu) / 1000).toFixed(1)} s`,
      },
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-bench-aws-'));
    try {
      const file = path.join(dir, 'authz.json');
      fs.writeFileSync(file, JSON.stringify(doc));
      const session = new Session();
      await dispatch(session, 'case.open', { path: path.join(dir, 'case.blastmap'), create: true });
      const m = await measure(() => dispatch(session, 'import.files', { paths: [file] }));
      session.close();
      figures.push({
        name: `import + evaluate into a case (${label})`,
        value: m.ms / 1000,
        unit: 's',
        peakMb: m.peakMb,
        note: `${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB export`,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export default bench;
