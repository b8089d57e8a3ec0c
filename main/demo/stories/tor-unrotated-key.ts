// Story: a reporting service account's access key, never rotated in almost three years and kept in a config
// file on an on-prem host, is used from a Tor exit to list and download the customer exports bucket.
import type { Activity, Actor, Target } from '../actors.ts';
import { accessKeyId } from '../credentials.ts';
import { USER_AGENTS, addressIn } from '../networks.ts';
import { COMPANY } from '../names.ts';
import type { Org } from '../org.ts';
import { rngFor } from '../random.ts';
import { isoSecond } from '../rows.ts';
import { activePerson, at, day, grant, type StoryPlan } from './plan.ts';

export function torUnrotatedKey(org: Org, plan: StoryPlan): void {
  const rng = rngFor(org.seed, 'story', 'tor-unrotated-key');
  const owner = activePerson(org, rng.int(org.blocks), 'engineering');
  const prod = org.accounts.prod;
  const name = 'svc-reporting-export';
  const svc = `arn:aws:iam::${prod}:user/${name}`;
  const key = accessKeyId(rng);
  const host = `host:reporting01.corp.${COMPANY.domain}`;
  const bucket = org.core.customerExports;

  plan.systems.push({
    id: host,
    name: 'reporting01 (legacy reporting server)',
    kind: 'host',
    environment: 'prod',
    criticality: 'medium',
    data_classification: 'internal',
    exposure: 'internal',
  });
  plan.identities.push({
    id: svc,
    name,
    kind: 'service_account',
    owner: owner.key,
    environment: 'prod',
    status: 'active',
    created_at: day(org, 1105),
    last_used_at: isoSecond(at(org, 1, 1, 0)),
    provider: 'aws',
    tags: 'team:reporting;legacy',
  });
  plan.credentials.push({
    id: key,
    identity: svc,
    type: 'access_key',
    created_at: day(org, 1021),
    last_rotated_at: day(org, 1021),
    expires_at: '',
    last_used_at: isoSecond(at(org, 1, 1, 0)),
    status: 'active',
    stored_in: host,
  });
  plan.entitlements.push(grant(svc, 'access', bucket.key, 'read', day(org, 1100), day(org, 1)));

  const office = addressIn('hq', 4);
  const actor: Actor = {
    key: svc,
    kind: 'service_account',
    log: 'cloudtrail',
    credential: key,
    targets: [{ ...bucket, privilege: 1 }],
    networks: ['hq'],
    addresses: [office],
    aws: { type: 'IAMUser', accountId: prod, arn: svc, principalId: `AIDA${rng.keyChars(17)}`, name, accessKeyId: key },
    userAgents: [USER_AGENTS.boto3],
    schedule: 'cron',
    tz: 1,
    weight: 2,
    failRate: 0,
    story: 'tor-unrotated-key',
  };
  plan.actors.push(actor);

  const tor = addressIn('tor', 3); // 185.220.101.4: an exit listed by the Tor Project
  const ua = USER_AGENTS.attackerBoto;
  const story = 'tor-unrotated-key';
  const t0 = at(org, 2, 23, 41, 12);
  const read: Target = { ...bucket, privilege: 1 };
  const events: Activity[] = [
    {
      ts: t0,
      actor,
      target: { ...org.core.prodAccount, privilege: 1 },
      action: 'GetCallerIdentity',
      service: 'sts',
      ip: tor,
      userAgent: ua,
      ok: true,
      story,
    },
    { ts: t0 + 64_000, actor, target: read, action: 'ListObjects', service: 's3', ip: tor, userAgent: ua, ok: true, story },
  ];
  for (let k = 0; k < 24; k++) {
    const object = `exports/customers/2026/11/customers-${String(k).padStart(3, '0')}.csv.gz`;
    events.push({
      ts: t0 + 120_000 + k * rng.between(9_000, 40_000),
      actor,
      target: read,
      action: 'GetObject',
      service: 's3',
      ip: tor,
      userAgent: ua,
      ok: true,
      story,
      request: { key: object },
    });
  }
  events.push({
    ts: t0 + 1_500_000,
    actor,
    target: { ...bucket, privilege: 3 },
    action: 'PutBucketPolicy',
    service: 's3',
    ip: tor,
    userAgent: ua,
    ok: false,
    errorCode: 'AccessDenied',
    story,
  });
  plan.events.push(...events);

  plan.stories.push({
    id: 'tor-unrotated-key',
    title: 'Unrotated service key used from a Tor exit to read customer exports',
    narrative: `${name}'s access key was created ${day(org, 1021)} and never rotated; it lives in a config file on reporting01. On ${day(org, 2)} it was used from Tor exit ${tor} to list and download 24 customer export files.`,
    entry: svc,
    crownJewel: bucket.key,
    identities: [svc],
    credentials: [key],
    systems: [bucket.key, host],
    edges: [
      { src: host, kind: 'stores', dst: key },
      { src: key, kind: 'authenticates', dst: svc },
      { src: svc, kind: 'access', dst: bucket.key, privilege: 'read' },
    ],
    expectedPath: [svc, bucket.key],
    sourceIps: [tor],
    expectedFindings: ['anonymous-network', 'crown-jewel-reach'],
    events: [],
  });
}
