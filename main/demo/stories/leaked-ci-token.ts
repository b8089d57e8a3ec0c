// Story: a CI deploy key committed to an old ops repository is picked up and used from a VPS: it assumes
// the pipeline's deploy role and snapshots the production customer database, sharing the snapshot out.
import { assumeRole } from '../activity.ts';
import type { Activity, Actor, Target } from '../actors.ts';
import { accessKeyId } from '../credentials.ts';
import { USER_AGENTS, addressIn } from '../networks.ts';
import { COMPANY } from '../names.ts';
import type { Org } from '../org.ts';
import { roleSession } from '../nhi.ts';
import { rngFor } from '../random.ts';
import { isoSecond } from '../rows.ts';
import { activePerson, at, day, grant, type StoryPlan } from './plan.ts';

export function leakedCiToken(org: Org, plan: StoryPlan): void {
  const rng = rngFor(org.seed, 'story', 'leaked-ci-token');
  const owner = activePerson(org, rng.int(org.blocks), 'engineering');
  const prod = org.accounts.prod;
  const name = 'ci-customer-portal-deploy';
  const ci = `arn:aws:iam::${prod}:user/${name}`;
  const role = `arn:aws:iam::${prod}:role/customer-portal-deploy-prod`;
  const pipeline = `github-actions:${COMPANY.githubOrg}/customer-portal`;
  const key = accessKeyId(rng);
  const db = org.core.customerDb;
  const leakRepo = org.core.legacyScripts.key;

  plan.systems.push({
    id: pipeline,
    name: 'customer-portal deploy pipeline',
    kind: 'pipeline',
    environment: 'prod',
    criticality: 'high',
    data_classification: 'secrets',
    exposure: 'internet',
  });
  plan.identities.push(
    {
      id: ci,
      name,
      kind: 'ci_token',
      owner: owner.key,
      environment: 'prod',
      status: 'active',
      created_at: day(org, 610),
      last_used_at: isoSecond(at(org, 1, 16, 2)),
      provider: 'aws',
      tags: 'team:customer-portal;ci',
    },
    {
      id: role,
      name: 'customer-portal-deploy-prod',
      kind: 'role',
      owner: owner.key,
      environment: 'prod',
      status: 'active',
      created_at: day(org, 640),
      last_used_at: '',
      provider: 'aws',
      tags: 'team:customer-portal',
    },
  );
  // The key sits in the pipeline's secrets, and (since a debugging session 14 months ago) in a script in ops-legacy-scripts.
  plan.credentials.push({
    id: key,
    identity: ci,
    type: 'access_key',
    created_at: day(org, 600),
    last_rotated_at: day(org, 600),
    expires_at: '',
    last_used_at: isoSecond(at(org, 1, 16, 2)),
    status: 'active',
    stored_in: `${pipeline};${leakRepo}`,
  });
  plan.entitlements.push(
    grant(ci, 'can_assume', role, '', day(org, 600), day(org, 1)),
    grant(role, 'access', db.key, 'admin', day(org, 640), day(org, 1)),
    grant(owner.key, 'access', pipeline, 'admin', day(org, 640)),
  );

  const runners = [addressIn('runnersNat', 9), addressIn('runnersNat', 23)];
  const dbTarget: Target = { ...db, privilege: 2 };
  const session = roleSession(role, prod, 'GitHubActions-customer-portal', rng);
  const actor: Actor = {
    key: ci,
    kind: 'ci_token',
    log: 'cloudtrail',
    credential: key,
    targets: [dbTarget],
    networks: ['runnersNat'],
    addresses: runners,
    aws: { type: 'IAMUser', accountId: prod, arn: ci, principalId: `AIDA${rng.keyChars(17)}`, name, accessKeyId: key },
    assumes: { role: session, targets: [dbTarget] },
    userAgents: [USER_AGENTS.awsCliCi],
    schedule: 'ci',
    tz: 1,
    weight: 3,
    failRate: 0,
    story: 'leaked-ci-token',
  };
  plan.actors.push(actor);

  const attacker = addressIn('hosting', 333);
  const ua = USER_AGENTS.attackerCli;
  const t0 = at(org, 3, 2, 14, 7);
  const sessionName = 'botocore-session-1763';
  const story = 'leaked-ci-token';
  const asRole = { ...session, sessionName };
  const account = { ...org.core.prodAccount, privilege: 1 as const };
  const events: Activity[] = [
    { ts: t0, actor, target: account, action: 'GetCallerIdentity', service: 'sts', ip: attacker, userAgent: ua, ok: true, story },
    assumeRole(actor, role, session.principalId, sessionName, t0 + 41_000, attacker, ua, story),
    {
      ts: t0 + 95_000,
      actor,
      aws: asRole,
      target: { ...db, privilege: 1 },
      action: 'DescribeDBInstances',
      service: 'rds',
      ip: attacker,
      userAgent: ua,
      ok: true,
      story,
    },
    {
      ts: t0 + 160_000,
      actor,
      aws: asRole,
      target: { ...db, privilege: 2 },
      action: 'CreateDBSnapshot',
      service: 'rds',
      ip: attacker,
      userAgent: ua,
      ok: true,
      story,
      request: { snapshot: 'customer-prod-manual-0317' },
    },
    {
      ts: t0 + 1_260_000,
      actor,
      aws: asRole,
      target: { ...db, privilege: 3 },
      action: 'ModifyDBSnapshotAttribute',
      service: 'rds',
      ip: attacker,
      userAgent: ua,
      ok: true,
      story,
      request: { snapshot: 'customer-prod-manual-0317', valuesToAdd: ['731945208416'] },
    },
  ];
  plan.events.push(...events);

  plan.stories.push({
    id: 'leaked-ci-token',
    title: 'Leaked CI token → deploy role → production customer database',
    narrative: `The long-lived access key of ${name} was committed to ${leakRepo}. From a VPS (${attacker}) someone used it to assume ${role} and snapshot the customer database, then shared the snapshot with an outside AWS account.`,
    entry: ci,
    crownJewel: db.key,
    identities: [ci, role],
    credentials: [key],
    systems: [db.key, pipeline, leakRepo],
    edges: [
      { src: leakRepo, kind: 'stores', dst: key },
      { src: key, kind: 'authenticates', dst: ci },
      { src: ci, kind: 'can_assume', dst: role },
      { src: role, kind: 'access', dst: db.key, privilege: 'admin' },
    ],
    expectedPath: [ci, role, db.key],
    sourceIps: [attacker],
    expectedFindings: ['crown-jewel-reach', 'anonymous-network'],
    events: [],
  });
}
