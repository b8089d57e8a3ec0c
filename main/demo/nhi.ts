// Non-human identities: 20 per block, in the usual mix (service accounts, API keys, OAuth apps, CI tokens,
// workloads, AI agents), each with an owner, credentials, grants (often more than it uses) and, unless
// dormant, an Actor that makes its baseline activity. Pure per index: identity i is the same in every pass.
import type { IdentityKind } from '../../shared/model.ts';
import type { Actor, Target } from './actors.ts';
import { accessKeyId, credentialRow, type CredentialSpec } from './credentials.ts';
import { AWS_SDKS, USER_AGENTS, addressIn, type NetworkName } from './networks.ts';
import { API_SAAS, COMPANY, DUTIES } from './names.ts';
import { BLOCK, type Org, type Team } from './org.ts';
import { personOf } from './people.ts';
import { rngFor, type Rng } from './random.ts';
import type { CredentialRow, EntitlementRow, IdentityRow } from './rows.ts';
import { isoDay, isoSecond } from './rows.ts';

/** Slot in a block of 21 → kind: 1 human, 6 service accounts, 3 API keys, 2 OAuth apps, 3 CI tokens, 5 workloads, 1 AI agent. */
export const SLOT_KINDS: readonly IdentityKind[] = [
  'human',
  'service_account',
  'service_account',
  'service_account',
  'service_account',
  'service_account',
  'service_account',
  'api_key',
  'api_key',
  'api_key',
  'oauth_app',
  'oauth_app',
  'ci_token',
  'ci_token',
  'ci_token',
  'workload',
  'workload',
  'workload',
  'workload',
  'workload',
  'ai_agent',
];

export interface NhiProfile {
  identities: IdentityRow[];
  credentials: CredentialRow[];
  entitlements: EntitlementRow[];
  actor: Actor | null;
}

/** Everything shared by the kinds: who owns it, when it was made, whether it still runs. */
interface Base {
  i: number;
  rng: Rng;
  org: Org;
  team: Team;
  owner: string;
  created: number;
  status: 'active' | 'disabled';
  inUse: boolean;
  serial: string;
  duty: string;
  out: NhiProfile;
}

export function nhiProfile(org: Org, i: number): NhiProfile {
  const rng = rngFor(org.seed, 'nhi', i);
  const block = Math.floor(i / BLOCK);
  const team = org.teamOfBlock(block);
  const status = rng.chance(0.04) ? 'disabled' : 'active';
  const base: Base = {
    i,
    rng,
    org,
    team,
    owner: ownerOf(org, block, rng),
    created: org.daysAgo(Math.min(2500, Math.round(rng.logNormal(420, 0.9)) + 5)),
    status,
    inUse: status === 'active' && !rng.chance(0.1),
    serial: String(i).padStart(4, '0'),
    duty: rng.pick(DUTIES),
    out: { identities: [], credentials: [], entitlements: [], actor: null },
  };
  switch (SLOT_KINDS[i % BLOCK]) {
    case 'service_account':
      serviceAccount(base);
      break;
    case 'api_key':
      apiKey(base);
      break;
    case 'oauth_app':
      oauthApp(base);
      break;
    case 'ci_token':
      ciToken(base);
      break;
    case 'workload':
      workload(base);
      break;
    default:
      aiAgent(base);
  }
  return base.out;
}

/** A person of the same team; when that person left, ownership was usually handed over, not always. */
function ownerOf(org: Org, block: number, rng: Rng): string {
  const teams = org.teams.length;
  const t = block % teams;
  const perTeam = Math.max(1, Math.floor((org.blocks - 1 - t) / teams) + 1);
  let person = personOf(org, t + teams * rng.int(perTeam));
  if (person.status !== 'active' && rng.chance(0.7)) person = personOf(org, t + teams * rng.int(perTeam));
  return person.key;
}

function identity(b: Base, row: Pick<IdentityRow, 'id' | 'name' | 'kind' | 'provider'> & Partial<IdentityRow>): void {
  const env = b.rng.weighted([
    ['prod', 60],
    ['staging', 25],
    ['dev', 15],
  ] as const);
  b.out.identities.push({
    owner: b.owner,
    environment: env,
    status: b.status,
    created_at: isoDay(b.created),
    last_used_at: b.inUse ? isoSecond(b.org.asOf - b.rng.int(86_400_000)) : b.rng.chance(0.3) ? '' : isoDay(b.org.daysAgo(b.rng.between(95, 900))),
    tags: `team:${b.team.name}`,
    ...row,
  });
}

function credential(b: Base, spec: Omit<CredentialSpec, 'identityCreated' | 'inUse'>): void {
  b.out.credentials.push(credentialRow(b.org, { ...spec, identityCreated: b.created, inUse: b.inUse }, b.rng));
}

/** A grant; `used` grants get a recent last_used_at, the rest are the over-privilege nobody exercises. */
function grant(
  b: Base,
  principal: string,
  relation: EntitlementRow['relation'],
  target: string,
  privilege: EntitlementRow['privilege'] = '',
  used = false,
): void {
  b.out.entitlements.push({
    principal,
    relation,
    target,
    privilege,
    granted_at: isoDay(Math.max(b.created, b.org.daysAgo(b.rng.between(5, 900)))),
    last_used_at: used && b.inUse ? isoDay(b.org.asOf - 86_400_000) : '',
  });
}

const PRIV = { 1: 'read', 2: 'write', 3: 'admin' } as const;

/** Grants `need` on each used target; over-privileged identities get admin on `extra` too (and on the used ones). */
function grantAccess(b: Base, principal: string, used: Target[], extra: Target[], overPrivileged: boolean): Target[] {
  for (const t of used) grant(b, principal, 'access', t.key, overPrivileged ? 'admin' : PRIV[t.privilege], true);
  if (overPrivileged) for (const t of extra) if (!used.includes(t)) grant(b, principal, 'access', t.key, 'admin');
  return used;
}

function need(targets: Target[], rng: Rng, writeShare: number): Target[] {
  return targets.map((t) => ({ ...t, privilege: rng.chance(writeShare) ? 2 : 1 }));
}

function storage(b: Base, weights: [string, number][]): string[] {
  const first = b.rng.weighted(weights);
  // A copy of the secret in a repository: rare, and exactly what leaks.
  return b.rng.chance(0.03) && first !== b.team.systems.serviceRepo.key ? [first, b.team.systems.infraRepo.key] : [first];
}

function actor(b: Base, a: Omit<Actor, 'kind' | 'tz' | 'failRate'> & Partial<Actor>, kind: IdentityKind): void {
  if (b.inUse) b.out.actor = { kind, tz: 1, failRate: 0.01, ...a };
}

function nat(b: Base, names: NetworkName[], count: number): string[] {
  return Array.from({ length: count }, () => addressIn(b.rng.pick(names), b.rng.int(4096)));
}

function serviceAccount(b: Base): void {
  const { rng, team, org } = b;
  const s = team.systems;
  const flavor = rng.next();
  if (flavor < 0.5) {
    const name = `svc-${team.name}-${b.duty}-${b.serial}`;
    const id = `arn:aws:iam::${org.accounts.prod}:user/${name}`;
    const key = accessKeyId(rng);
    identity(b, { id, name, kind: 'service_account', provider: 'aws' });
    credential(b, {
      id: key,
      identity: id,
      type: 'access_key',
      storedIn: storage(b, [
        [s.prodSecrets.key, 50],
        [org.core.vault.key, 25],
        [s.legacyHost.key, 15],
        [s.pipeline.key, 10],
      ]),
    });
    const pool = [s.prodDb, s.prodData, s.prodLogs, s.prodSecrets, s.stagingDb, s.stagingData];
    const used = grantAccess(b, id, need(rng.sample(pool, rng.between(1, 3)), rng, 0.4), pool, rng.chance(0.2));
    if (rng.chance(0.08)) grant(b, id, 'can_assume', team.roles.deployProd);
    actor(
      b,
      {
        key: id,
        log: 'cloudtrail',
        credential: key,
        targets: used,
        networks: ['awsEu'],
        addresses: nat(b, rng.chance(0.2) ? ['hq'] : ['awsEu', 'awsNat'], rng.between(1, 2)),
        aws: { type: 'IAMUser', accountId: org.accounts.prod, arn: id, principalId: `AIDA${rng.keyChars(17)}`, name, accessKeyId: key },
        userAgents: [rng.pick(AWS_SDKS)],
        schedule: rng.chance(0.6) ? 'cron' : 'steady',
        weight: rng.logNormal(4, 1),
      },
      'service_account',
    );
  } else if (flavor < 0.75) {
    const upn = `svc-${team.name}-${b.duty}-${b.serial}@${COMPANY.domain}`;
    const userId = rng.guid();
    const id = `entra:user:${userId}`;
    identity(b, { id, name: `svc ${team.name} ${b.duty}`, kind: 'service_account', provider: 'entra', tags: `team:${team.name};upn:${upn}` });
    credential(b, {
      id: `password:${upn}`,
      identity: id,
      type: 'password',
      storedIn: storage(b, [
        [org.core.vault.key, 60],
        [s.legacyHost.key, 40],
      ]),
    });
    const apps = rng.sample(
      ['saas:m365-exchange', 'saas:m365-sharepoint', 'saas:salesforce', 'saas:jira'].map((k) => org.core[k]),
      rng.between(1, 2),
    );
    const used = grantAccess(b, id, need(apps, rng, 0.8), [], false);
    actor(
      b,
      {
        // A third of the office-side jobs run on hosts whose traffic leaves through the corporate VPN concentrator:
        // routine use of the organisation's own VPN, which must never read as anonymising (one draw either way).
        key: id,
        log: 'entra',
        targets: used,
        networks: ['hq'],
        addresses: nat(b, rng.chance(0.5) ? (Number(b.serial) % 3 === 0 ? ['vpn'] : ['hq']) : ['awsEu'], 1),
        entra: { category: 'SignInLogs', displayName: `svc ${team.name} ${b.duty}`, userId, upn, clientApp: 'Other clients' },
        userAgents: [rng.pick([USER_AGENTS.msalPython, USER_AGENTS.msal, USER_AGENTS.pythonRequests])],
        schedule: 'cron',
        weight: rng.logNormal(3, 0.8),
      },
      'service_account',
    );
  } else {
    const name = `svc_${team.name.replace(/-/g, '_')}_${b.duty}${b.serial}`;
    const id = `${name}@corp.${COMPANY.domain}`;
    identity(b, { id, name, kind: 'service_account', provider: 'active-directory' });
    credential(b, {
      id: `password:${id}`,
      identity: id,
      type: 'password',
      storedIn: storage(b, [
        [s.legacyHost.key, 40],
        [org.core.vault.key, 60],
      ]),
    });
    const used = grantAccess(
      b,
      id,
      [
        { ...s.legacyDb, privilege: 2 },
        { ...s.legacyHost, privilege: 1 },
        { ...org.core.adDomain, privilege: 1 },
      ],
      [s.legacyHost],
      rng.chance(0.25),
    );
    // Service accounts in an admin group "because the installer needed it": rare, and devastating.
    if (rng.chance(0.03)) grant(b, id, 'member_of', 'grp-it-admins');
    actor(
      b,
      {
        key: id,
        log: 'csv',
        credential: `password:${id}`,
        targets: used,
        networks: ['internal'],
        addresses: nat(b, ['internal'], 1),
        userAgents: [rng.pick([USER_AGENTS.jdbc, USER_AGENTS.ldap])],
        schedule: 'cron',
        weight: rng.logNormal(4, 0.8),
      },
      'service_account',
    );
  }
}

function apiKey(b: Base): void {
  const { rng, team, org } = b;
  const api = rng.weighted(API_SAAS.map((a, k) => [a, [15, 30, 20, 10, 15, 10][k]] as const));
  const slug = api.key.slice('saas:'.length);
  const id = `apikey:${slug}:${team.name}-${b.serial}`;
  identity(b, { id, name: `${api.name} API key (${team.name})`, kind: 'api_key', provider: slug });
  // The serial keeps ids unique at L size, where random suffixes alone would collide.
  const cred = `${slug}-key-${b.serial}${rng.hex(6)}`;
  credential(b, {
    id: cred,
    identity: id,
    type: 'token',
    storedIn: storage(b, [
      [team.systems.prodSecrets.key, 70],
      [org.core.vault.key, 30],
    ]),
  });
  const target = { ...org.core[api.key], privilege: rng.chance(0.7) ? 2 : 1 } as Target;
  const used = grantAccess(b, id, [target], [target], rng.chance(0.25));
  actor(
    b,
    {
      key: id,
      log: 'csv',
      credential: cred,
      targets: used,
      networks: ['awsEu'],
      addresses: nat(b, ['awsEu', 'awsNat'], rng.between(1, 3)),
      userAgents: [rng.pick([USER_AGENTS.pythonRequests, USER_AGENTS.nodeFetch, USER_AGENTS.curl])],
      schedule: 'steady',
      weight: rng.logNormal(3, 1),
    },
    'api_key',
  );
}

function oauthApp(b: Base): void {
  const { rng, team, org } = b;
  const appId = rng.guid();
  const spId = rng.guid();
  const id = `entra:sp:${spId}`;
  const name = `${team.name} ${rng.pick(['SharePoint Sync', 'Mail Notifier', 'Reporting Connector', 'Calendar Bot', 'Graph Exporter', 'Teams Bot'])}`;
  identity(b, { id, name, kind: 'oauth_app', provider: 'entra', tags: `team:${team.name};appId:${appId}` });
  grant(b, b.owner, 'owns', id);
  const keyId = rng.guid();
  credential(b, {
    id: `entra:cred:${keyId}`,
    identity: id,
    type: 'client_secret',
    validDays: rng.pick([180, 365, 730]),
    storedIn: storage(b, [
      [team.systems.prodSecrets.key, 60],
      [org.core.vault.key, 40],
    ]),
  });
  const apps = rng.sample(
    ['saas:microsoft-graph', 'saas:m365-sharepoint', 'saas:m365-exchange'].map((k) => org.core[k]),
    rng.between(1, 2),
  );
  const used = grantAccess(b, id, need(apps, rng, 0.5), [org.core['saas:microsoft-graph']], rng.chance(0.25));
  actor(
    b,
    {
      key: id,
      log: 'entra',
      targets: used,
      networks: ['azure'],
      addresses: nat(b, rng.chance(0.6) ? ['azure'] : ['awsEu'], 1),
      entra: {
        category: 'ServicePrincipalSignInLogs',
        displayName: name,
        appId,
        servicePrincipalId: spId,
        credentialKeyId: keyId,
        clientApp: 'none',
      },
      userAgents: [''],
      schedule: rng.chance(0.5) ? 'cron' : 'steady',
      weight: rng.logNormal(4, 1),
    },
    'oauth_app',
  );
}

function ciToken(b: Base): void {
  const { rng, team, org } = b;
  const s = team.systems;
  if (rng.chance(0.6)) {
    const id = `github:${COMPANY.githubOrg}/bots/${team.name}-ci-${b.serial}`;
    identity(b, { id, name: `${team.name} CI bot token`, kind: 'ci_token', provider: 'github' });
    const cred = `github_pat:${b.serial}${rng.between(100, 999)}`;
    credential(b, {
      id: cred,
      identity: id,
      type: 'token',
      validDays: rng.chance(0.3) ? undefined : rng.pick([90, 180, 365]),
      storedIn: storage(b, [[s.pipeline.key, 100]]),
    });
    const used = grantAccess(
      b,
      id,
      [
        { ...s.serviceRepo, privilege: 2 },
        { ...s.infraRepo, privilege: 1 },
        { ...s.pipeline, privilege: 2 },
      ],
      [s.serviceRepo, s.infraRepo, org.core.monorepo],
      rng.chance(0.3),
    );
    if (rng.chance(0.5)) grant(b, id, 'can_assume', team.roles.deployProd);
    actor(
      b,
      {
        key: id,
        log: 'csv',
        credential: cred,
        targets: used,
        networks: ['runners'],
        addresses: nat(b, ['runners', 'runnersNat'], 2),
        userAgents: [USER_AGENTS.gitCli, USER_AGENTS.githubActions],
        schedule: 'ci',
        weight: rng.logNormal(4, 0.7),
      },
      'ci_token',
    );
    return;
  }
  const name = `ci-${team.name}-deploy-${b.serial}`;
  const id = `arn:aws:iam::${org.accounts.prod}:user/${name}`;
  const key = accessKeyId(rng);
  identity(b, { id, name, kind: 'ci_token', provider: 'aws' });
  credential(b, { id: key, identity: id, type: 'access_key', storedIn: storage(b, [[s.pipeline.key, 100]]) });
  grant(b, id, 'can_assume', team.roles.deployProd, '', true);
  const deployTargets = [s.prodData, s.prodDb, s.prodSecrets].map((t) => ({ ...t, privilege: 2 as const }));
  actor(
    b,
    {
      key: id,
      log: 'cloudtrail',
      credential: key,
      targets: deployTargets,
      networks: ['runnersNat'],
      addresses: nat(b, ['runnersNat'], 2),
      aws: { type: 'IAMUser', accountId: org.accounts.prod, arn: id, principalId: `AIDA${rng.keyChars(17)}`, name, accessKeyId: key },
      assumes: { role: roleSession(team.roles.deployProd, org.accounts.prod, `GitHubActions-${team.name}`, rng), targets: deployTargets },
      userAgents: [USER_AGENTS.awsCliCi],
      schedule: 'ci',
      weight: rng.logNormal(3, 0.6),
    },
    'ci_token',
  );
}

export function roleSession(roleArn: string, accountId: string, sessionName: string, rng: Rng) {
  return {
    type: 'AssumedRole' as const,
    accountId,
    arn: roleArn,
    principalId: `AROA${rng.keyChars(17)}`,
    name: roleArn.slice(roleArn.lastIndexOf('/') + 1),
    sessionName,
  };
}

function workload(b: Base): void {
  const { rng, team, org } = b;
  const s = team.systems;
  const name = `${team.name}-${b.duty}-${b.serial}`;
  const id = `k8s-sa:prod-eu/${team.name}/${b.duty}-${b.serial}`;
  identity(b, { id, name, kind: 'workload', provider: 'eks' });
  grant(b, s.namespace.key, 'runs_as', id, '', true);
  if (rng.chance(0.6)) {
    const role = `arn:aws:iam::${org.accounts.prod}:role/${name}-irsa`;
    b.out.identities.push({
      id: role,
      name: `${name}-irsa`,
      kind: 'role',
      owner: b.owner,
      environment: 'prod',
      status: 'active',
      created_at: isoDay(b.created),
      last_used_at: '',
      provider: 'aws',
      tags: `team:${team.name}`,
    });
    grant(b, id, 'can_assume', role, '', true);
    const pool = [s.prodDb, s.prodData, s.prodLogs, s.prodSecrets];
    const used = grantAccess(b, role, need(rng.sample(pool, rng.between(1, 3)), rng, 0.5), pool, rng.chance(0.15));
    actor(
      b,
      {
        key: role,
        log: 'cloudtrail',
        targets: used,
        networks: ['awsEu'],
        addresses: nat(b, ['awsEu'], 2),
        aws: roleSession(role, org.accounts.prod, `botocore-session-${rng.between(1_600_000_000, 1_790_000_000)}`, rng),
        userAgents: [rng.pick(AWS_SDKS)],
        schedule: 'steady',
        weight: rng.logNormal(8, 1),
      },
      'workload',
    );
    return;
  }
  const cred = `k8s-token:${id}`;
  credential(b, { id: cred, identity: id, type: 'token', storedIn: [s.namespace.key] });
  const used = grantAccess(
    b,
    id,
    [
      { ...s.legacyDb, privilege: rng.chance(0.5) ? 2 : 1 },
      { ...org.core.erpDb, privilege: 1 },
    ],
    [s.legacyDb, org.core.erpDb],
    rng.chance(0.15),
  );
  actor(
    b,
    {
      key: id,
      log: 'csv',
      credential: cred,
      targets: used,
      networks: ['vpc'],
      addresses: nat(b, ['vpc'], 2),
      userAgents: [rng.pick([USER_AGENTS.jdbc, USER_AGENTS.pythonRequests])],
      schedule: 'steady',
      weight: rng.logNormal(6, 1),
    },
    'workload',
  );
}

function aiAgent(b: Base): void {
  const { rng, team, org } = b;
  const purpose = rng.pick(['support-triage', 'code-review', 'release-notes', 'incident-summary', 'sales-research', 'invoice-matching']);
  const id = `agent:${team.name}-${purpose}-${b.serial}`;
  identity(b, { id, name: `${team.name} ${purpose} agent`, kind: 'ai_agent', provider: 'agent-gateway' });
  grant(b, b.owner, 'owns', id);
  const cred = `agent-token:${rng.hex(12)}`;
  credential(b, { id: cred, identity: id, type: 'token', storedIn: [org.core.vault.key] });
  const tools = [org.core['saas:zendesk'], org.core['saas:jira'], team.systems.serviceRepo, team.systems.prodDb].map((t) => ({
    ...t,
    platform: 'agent' as const,
  }));
  const used = grantAccess(b, id, need(rng.sample(tools, rng.between(1, 3)), rng, 0.3), tools, rng.chance(0.3));
  actor(
    b,
    {
      key: id,
      log: 'csv',
      credential: cred,
      targets: used,
      networks: ['awsEu'],
      addresses: nat(b, ['awsEu'], 1),
      userAgents: [USER_AGENTS.agentSdk],
      schedule: 'office',
      weight: rng.logNormal(6, 0.8),
    },
    'ai_agent',
  );
}
