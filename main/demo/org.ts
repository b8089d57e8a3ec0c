// The shape of the demo enterprise: AWS accounts, teams, the systems each team runs, company-wide systems
// (some of them crown jewels), groups and roles with what they grant. Identities come in people.ts and nhi.ts.
// Everything here is a pure function of the seed and the size, so every file pass sees the same company.
import type { Target } from './actors.ts';
import { API_SAAS, AWS_REGIONS, COMPANY, DEPARTMENTS, SAAS_APPS, TEAMS } from './names.ts';
import { hashSeed, rngFor } from './random.ts';
import type { EntitlementRow, IdentityRow, SystemRow } from './rows.ts';
import { isoDay } from './rows.ts';
import { DAY_MS, DEMO_AS_OF, type SizePreset } from './sizes.ts';

/** Each block of 21 identities holds 1 human and 20 NHIs: the usual 1 : 20 ratio. */
export const BLOCK = 21;

export interface Accounts {
  prod: string;
  staging: string;
  dev: string;
  management: string;
}

export interface TeamRoles {
  readonly: string;
  developer: string;
  deployProd: string;
}

export interface Team {
  index: number;
  name: string;
  region: string;
  /** Team systems by purpose, each a Target with the privilege set to the highest a grant can give. */
  systems: Record<TeamSystemPurpose, Target>;
  roles: TeamRoles;
  engineers: string;
  oncall: string;
}

export type TeamSystemPurpose =
  | 'serviceRepo'
  | 'infraRepo'
  | 'pipeline'
  | 'prodDb'
  | 'stagingDb'
  | 'prodData'
  | 'prodLogs'
  | 'stagingData'
  | 'prodSecrets'
  | 'stagingSecrets'
  | 'namespace'
  | 'prodHost'
  | 'legacyHost'
  | 'legacyDb'
  | 'devData';

export const CORE_GROUPS = { itAdmins: 'grp-it-admins', securityAuditors: 'grp-security-auditors', platformAdmins: 'grp-platform-admins' };

export class Org {
  readonly seed: number;
  readonly size: SizePreset;
  readonly asOf = DEMO_AS_OF;
  readonly identities: number;
  readonly blocks: number;
  readonly teams: Team[];
  readonly accounts: Accounts;
  readonly core: Record<string, Target>;
  readonly coreRoles: { orgAdmin: string; securityAudit: string; breakGlass: string };
  private readonly systemRows: SystemRow[] = [];

  constructor(seed: number, size: SizePreset) {
    this.seed = seed;
    this.size = size;
    this.identities = size.identities;
    this.blocks = Math.ceil(size.identities / BLOCK);
    this.accounts = {
      prod: this.accountId('prod'),
      staging: this.accountId('staging'),
      dev: this.accountId('dev'),
      management: this.accountId('management'),
    };
    this.core = this.buildCore();
    const teamCount = Math.max(8, Math.round(size.identities / 150));
    this.teams = Array.from({ length: teamCount }, (_, t) => this.buildTeam(t));
    const mgmt = this.accounts.prod;
    this.coreRoles = {
      orgAdmin: `arn:aws:iam::${mgmt}:role/OrganizationAccountAccessRole`,
      securityAudit: `arn:aws:iam::${mgmt}:role/SecurityAudit`,
      breakGlass: `arn:aws:iam::${mgmt}:role/break-glass-admin`,
    };
  }

  /** Days before the as-of time, as epoch ms. */
  daysAgo(days: number): number {
    return this.asOf - Math.round(days * DAY_MS);
  }

  teamOfBlock(block: number): Team {
    return this.teams[block % this.teams.length];
  }

  /** Every system row: company-wide first, then each team's. */
  systems(): SystemRow[] {
    return this.systemRows;
  }

  /** Groups and roles (identities.csv rows of kind group/role) and what they grant (entitlements.csv rows). */
  groupsAndRoles(): { identities: IdentityRow[]; entitlements: EntitlementRow[] } {
    const rng = rngFor(this.seed, 'groups');
    const identities: IdentityRow[] = [];
    const entitlements: EntitlementRow[] = [];
    const granted = (days: number) => isoDay(this.daysAgo(days));
    const group = (id: string, name: string, provider = 'entra') =>
      identities.push({
        id,
        name,
        kind: 'group',
        owner: '',
        environment: 'prod',
        status: 'active',
        created_at: granted(rng.between(400, 2500)),
        last_used_at: '',
        provider,
        tags: '',
      });
    const role = (id: string, name: string, environment: string) =>
      identities.push({
        id,
        name,
        kind: 'role',
        owner: '',
        environment,
        status: 'active',
        created_at: granted(rng.between(200, 2000)),
        last_used_at: '',
        provider: 'aws',
        tags: '',
      });
    const grant = (principal: string, relation: EntitlementRow['relation'], target: string, privilege: EntitlementRow['privilege'] = '') =>
      entitlements.push({ principal, relation, target, privilege, granted_at: granted(rng.between(30, 1500)), last_used_at: '' });

    for (const dept of DEPARTMENTS) {
      group(`grp-dept-${dept}`, `Department: ${dept}`);
      for (const app of this.departmentApps(dept)) grant(`grp-dept-${dept}`, 'access', app.key, app.privilege === 3 ? 'admin' : 'write');
    }
    group(CORE_GROUPS.itAdmins, 'IT administrators');
    group(CORE_GROUPS.securityAuditors, 'Security auditors');
    group(CORE_GROUPS.platformAdmins, 'Platform administrators');
    role(this.coreRoles.orgAdmin, 'OrganizationAccountAccessRole', 'prod');
    role(this.coreRoles.securityAudit, 'SecurityAudit', 'prod');
    role(this.coreRoles.breakGlass, 'break-glass-admin', 'prod');
    grant(CORE_GROUPS.itAdmins, 'can_assume', this.coreRoles.orgAdmin);
    grant(CORE_GROUPS.platformAdmins, 'can_assume', this.coreRoles.breakGlass);
    grant(CORE_GROUPS.securityAuditors, 'has_role', this.coreRoles.securityAudit);
    grant(CORE_GROUPS.itAdmins, 'access', this.core.adDomain.key, 'admin');
    grant(CORE_GROUPS.itAdmins, 'access', this.core.domainController.key, 'admin');
    for (const target of Object.values(this.core).filter((t) => t.platform === 'aws')) {
      grant(this.coreRoles.orgAdmin, 'access', target.key, 'admin');
      grant(this.coreRoles.breakGlass, 'access', target.key, 'admin');
      grant(this.coreRoles.securityAudit, 'access', target.key, 'read');
    }

    for (const team of this.teams) {
      group(team.engineers, `${team.name} engineers`);
      group(team.oncall, `${team.name} on-call`);
      role(team.roles.readonly, `${team.name}-readonly`, 'prod');
      role(team.roles.developer, `${team.name}-developer`, 'staging');
      role(team.roles.deployProd, `${team.name}-deploy-prod`, 'prod');
      grant(team.engineers, 'can_assume', team.roles.readonly);
      grant(team.engineers, 'can_assume', team.roles.developer);
      grant(team.oncall, 'can_assume', team.roles.deployProd);
      grant(team.engineers, 'access', team.systems.serviceRepo.key, 'write');
      grant(team.engineers, 'access', team.systems.infraRepo.key, 'write');
      grant(team.engineers, 'access', team.systems.namespace.key, 'read');
      const s = team.systems;
      const aws = Object.values(s).filter((t) => t.platform === 'aws');
      for (const t of aws) grant(team.roles.readonly, 'access', t.key, 'read');
      // Typical over-privilege: in about a third of teams developers can write to production data.
      const devWritesProd = rng.chance(0.35);
      for (const t of aws) {
        const prod = [s.prodDb, s.prodData, s.prodLogs, s.prodSecrets, s.prodHost].includes(t);
        if (!prod || devWritesProd) grant(team.roles.developer, 'access', t.key, 'write');
      }
      for (const t of [s.prodDb, s.prodData, s.prodLogs, s.prodSecrets, s.prodHost]) grant(team.roles.deployProd, 'access', t.key, 'admin');
      grant(team.roles.deployProd, 'access', s.namespace.key, 'write');
      // Pipeline admins can read the CI secrets stored there (docs/graph.md, `stores`): on-call engineers are.
      grant(team.engineers, 'access', s.pipeline.key, 'write');
      grant(team.oncall, 'access', s.pipeline.key, 'admin');
    }
    return { identities, entitlements };
  }

  /** SaaS every member of a department signs into (granted through the department group). */
  departmentApps(dept: (typeof DEPARTMENTS)[number]): Target[] {
    const apps = (keys: string[]) => keys.map((k) => this.core[k]);
    const common = apps(['saas:m365-exchange', 'saas:m365-sharepoint', 'saas:teams', 'saas:slack']);
    const extra: Record<string, string[]> = {
      engineering: ['saas:github-enterprise', 'saas:aws-identity-center', 'saas:jira'],
      operations: ['saas:jira', 'saas:salesforce'],
      finance: ['saas:netsuite', 'saas:workday'],
      sales: ['saas:salesforce'],
      'customer-support': ['saas:zendesk', 'saas:salesforce'],
      people: ['saas:workday'],
      security: ['saas:aws-identity-center', 'saas:github-enterprise', 'saas:jira'],
      it: ['saas:aws-identity-center', 'saas:microsoft-graph', 'saas:jira'],
    };
    return [...common, ...apps(extra[dept])];
  }

  private accountId(name: string): string {
    const a = hashSeed(this.seed, 'account', name) % 900_000;
    const b = hashSeed(this.seed, 'account2', name) % 1_000_000;
    return `${100_000 + a}${String(b).padStart(6, '0')}`;
  }

  private addSystem(row: SystemRow, target: Omit<Target, 'key' | 'name' | 'kind' | 'privilege'>): Target {
    this.systemRows.push(row);
    return { key: row.id, name: row.name, kind: row.kind, privilege: 3, ...target };
  }

  private buildCore(): Record<string, Target> {
    const rng = rngFor(this.seed, 'core');
    const { prod, staging, dev, management } = this.accounts;
    const region = 'eu-central-1';
    const org = `o-${rng.hex(10)}`;
    const core: Record<string, Target> = {};
    const aws = (id: string, row: Omit<SystemRow, 'id'>, accountId = prod) => {
      core[id] = this.addSystem({ id, ...row }, { platform: 'aws', region, accountId });
      return core[id];
    };
    core.customerDb = aws(`arn:aws:rds:${region}:${prod}:db:customer-prod`, {
      name: 'Customer database (prod)',
      kind: 'database',
      environment: 'prod',
      criticality: 'critical',
      data_classification: 'pii',
      exposure: 'internal',
    });
    core.customerExports = aws(`arn:aws:s3:::nwf-customer-exports-${rng.hex(6)}`, {
      name: 'Customer data exports bucket',
      kind: 'storage',
      environment: 'prod',
      criticality: 'critical',
      data_classification: 'pii',
      exposure: 'internal',
    });
    core.paymentsLedger = aws(`arn:aws:dynamodb:${region}:${prod}:table/payments-ledger`, {
      name: 'Payments ledger',
      kind: 'database',
      environment: 'prod',
      criticality: 'critical',
      data_classification: 'financial',
      exposure: 'internal',
    });
    core.platformSecrets = aws(`arn:aws:secretsmanager:${region}:${prod}:secret:prod/platform/root-credentials-${rng.tokenChars(6)}`, {
      name: 'Platform root credentials',
      kind: 'secret_store',
      environment: 'prod',
      criticality: 'critical',
      data_classification: 'secrets',
      exposure: 'internal',
    });
    core.prodAccount = aws(`arn:aws:organizations::${management}:account/${org}/${prod}`, {
      name: `AWS account northwind-prod (${prod})`,
      kind: 'account',
      environment: 'prod',
      criticality: 'critical',
      data_classification: 'infrastructure',
      exposure: 'internal',
    });
    core.stagingAccount = aws(
      `arn:aws:organizations::${management}:account/${org}/${staging}`,
      {
        name: `AWS account northwind-staging (${staging})`,
        kind: 'account',
        environment: 'staging',
        criticality: 'high',
        data_classification: 'infrastructure',
        exposure: 'internal',
      },
      staging,
    );
    core.devAccount = aws(
      `arn:aws:organizations::${management}:account/${org}/${dev}`,
      {
        name: `AWS account northwind-dev (${dev})`,
        kind: 'account',
        environment: 'dev',
        criticality: 'medium',
        data_classification: 'infrastructure',
        exposure: 'internal',
      },
      dev,
    );
    core.prodCluster = aws(`arn:aws:eks:${region}:${prod}:cluster/prod-eu`, {
      name: 'EKS prod-eu',
      kind: 'cluster',
      environment: 'prod',
      criticality: 'high',
      data_classification: 'infrastructure',
      exposure: 'internal',
    });
    core.cloudtrailBucket = aws(
      `arn:aws:s3:::nwf-org-cloudtrail-${rng.hex(6)}`,
      {
        name: 'Organisation CloudTrail bucket',
        kind: 'storage',
        environment: 'prod',
        criticality: 'high',
        data_classification: 'logs',
        exposure: 'internal',
      },
      management,
    );
    const onprem = (key: string, id: string, row: Omit<SystemRow, 'id'>) => {
      core[key] = this.addSystem({ id, ...row }, { platform: 'onprem' });
    };
    onprem('vault', 'vault:prod', {
      name: 'HashiCorp Vault (prod)',
      kind: 'secret_store',
      environment: 'prod',
      criticality: 'critical',
      data_classification: 'secrets',
      exposure: 'internal',
    });
    onprem('domainController', `host:dc01.corp.${COMPANY.domain}`, {
      name: 'Domain controller DC01',
      kind: 'host',
      environment: 'prod',
      criticality: 'critical',
      data_classification: 'credentials',
      exposure: 'internal',
    });
    onprem('adDomain', `ad:corp.${COMPANY.domain}`, {
      name: 'Active Directory domain CORP',
      kind: 'account',
      environment: 'prod',
      criticality: 'critical',
      data_classification: 'credentials',
      exposure: 'internal',
    });
    onprem('erpDb', `mssql:erp-sql01.corp.${COMPANY.domain}/ERP`, {
      name: 'ERP database',
      kind: 'database',
      environment: 'prod',
      criticality: 'high',
      data_classification: 'financial',
      exposure: 'internal',
    });
    core.monorepo = this.addSystem(
      {
        id: `github:${COMPANY.githubOrg}/platform-monorepo`,
        name: 'platform-monorepo',
        kind: 'repository',
        environment: 'prod',
        criticality: 'high',
        data_classification: 'source-code',
        exposure: 'internet',
      },
      { platform: 'github' },
    );
    core.legacyScripts = this.addSystem(
      {
        id: `github:${COMPANY.githubOrg}/ops-legacy-scripts`,
        name: 'ops-legacy-scripts',
        kind: 'repository',
        environment: 'prod',
        criticality: 'medium',
        data_classification: 'source-code',
        exposure: 'internet',
      },
      { platform: 'github' },
    );
    for (const app of SAAS_APPS) {
      core[app.slug] = this.addSystem(
        {
          id: `entra:resource:${app.appId}`,
          name: app.name,
          kind: 'saas',
          environment: 'prod',
          criticality: app.criticality,
          data_classification: app.dataClass,
          exposure: 'internet',
        },
        { platform: 'saas', app },
      );
    }
    for (const api of API_SAAS) {
      core[api.key] = this.addSystem(
        {
          id: api.key,
          name: api.name,
          kind: 'saas',
          environment: 'prod',
          criticality: api.criticality,
          data_classification: api.dataClass,
          exposure: 'internet',
        },
        { platform: 'api', apiActions: api.actions },
      );
    }
    return core;
  }

  private buildTeam(t: number): Team {
    const rng = rngFor(this.seed, 'team', t);
    const base = TEAMS[t % TEAMS.length];
    const name = t < TEAMS.length ? base : `${base}-${Math.floor(t / TEAMS.length) + 1}`;
    const region = AWS_REGIONS[rng.int(AWS_REGIONS.length)];
    const { prod, staging, dev } = this.accounts;
    const money = /payments|billing|ledger|fraud|invoicing|finance|identity/.test(name);
    const prodDbCriticality = money || rng.chance(0.08) ? 'critical' : 'high';
    const prodDbClass = money ? 'financial' : rng.pick(['pii', 'pii', 'confidential', 'internal']);
    const useDynamo = rng.chance(0.4);
    const org = COMPANY.githubOrg;
    const sys = (
      purpose: TeamSystemPurpose,
      id: string,
      row: Omit<SystemRow, 'id'>,
      extra: Omit<Target, 'key' | 'name' | 'kind' | 'privilege'>,
    ): [TeamSystemPurpose, Target] => [purpose, this.addSystem({ id, ...row }, extra)];
    const aws = (accountId: string) => ({ platform: 'aws' as const, region, accountId });
    const bucket = (env: string, what: string) => `arn:aws:s3:::nwf-${name}-${env}-${what}-${rng.hex(4)}`;
    const entries = [
      sys(
        'serviceRepo',
        `github:${org}/${name}-service`,
        {
          name: `${name}-service`,
          kind: 'repository',
          environment: 'prod',
          criticality: 'high',
          data_classification: 'source-code',
          exposure: 'internet',
        },
        { platform: 'github' },
      ),
      sys(
        'infraRepo',
        `github:${org}/${name}-infra`,
        {
          name: `${name}-infra`,
          kind: 'repository',
          environment: 'prod',
          criticality: 'high',
          data_classification: 'source-code',
          exposure: 'internet',
        },
        { platform: 'github' },
      ),
      sys(
        'pipeline',
        `github-actions:${org}/${name}-service`,
        {
          name: `${name} deploy pipeline`,
          kind: 'pipeline',
          environment: 'prod',
          criticality: 'high',
          data_classification: 'secrets',
          exposure: 'internet',
        },
        { platform: 'github' },
      ),
      sys(
        'prodDb',
        useDynamo ? `arn:aws:dynamodb:${region}:${prod}:table/${name}-prod` : `arn:aws:rds:${region}:${prod}:db:${name}-prod`,
        {
          name: `${name} database (prod)`,
          kind: 'database',
          environment: 'prod',
          criticality: prodDbCriticality,
          data_classification: prodDbClass,
          exposure: 'internal',
        },
        aws(prod),
      ),
      sys(
        'stagingDb',
        useDynamo ? `arn:aws:dynamodb:${region}:${staging}:table/${name}-staging` : `arn:aws:rds:${region}:${staging}:db:${name}-staging`,
        {
          name: `${name} database (staging)`,
          kind: 'database',
          environment: 'staging',
          criticality: 'medium',
          data_classification: 'internal',
          exposure: 'internal',
        },
        aws(staging),
      ),
      sys(
        'prodData',
        bucket('prod', 'data'),
        {
          name: `${name} prod data bucket`,
          kind: 'storage',
          environment: 'prod',
          criticality: 'high',
          data_classification: prodDbClass,
          exposure: 'internal',
        },
        aws(prod),
      ),
      sys(
        'prodLogs',
        bucket('prod', 'logs'),
        {
          name: `${name} prod logs bucket`,
          kind: 'storage',
          environment: 'prod',
          criticality: 'medium',
          data_classification: 'logs',
          exposure: 'internal',
        },
        aws(prod),
      ),
      sys(
        'stagingData',
        bucket('staging', 'data'),
        {
          name: `${name} staging data bucket`,
          kind: 'storage',
          environment: 'staging',
          criticality: 'low',
          data_classification: 'internal',
          exposure: 'internal',
        },
        aws(staging),
      ),
      sys(
        'prodSecrets',
        `arn:aws:secretsmanager:${region}:${prod}:secret:prod/${name}/app-${rng.tokenChars(6)}`,
        {
          name: `${name} prod secrets`,
          kind: 'secret_store',
          environment: 'prod',
          criticality: 'high',
          data_classification: 'secrets',
          exposure: 'internal',
        },
        aws(prod),
      ),
      sys(
        'stagingSecrets',
        `arn:aws:secretsmanager:${region}:${staging}:secret:staging/${name}/app-${rng.tokenChars(6)}`,
        {
          name: `${name} staging secrets`,
          kind: 'secret_store',
          environment: 'staging',
          criticality: 'medium',
          data_classification: 'secrets',
          exposure: 'internal',
        },
        aws(staging),
      ),
      sys(
        'namespace',
        `k8s:prod-eu/${name}`,
        {
          name: `Kubernetes namespace ${name} (prod-eu)`,
          kind: 'cluster',
          environment: 'prod',
          criticality: 'high',
          data_classification: 'infrastructure',
          exposure: 'internal',
        },
        { platform: 'k8s' },
      ),
      sys(
        'prodHost',
        `arn:aws:ec2:${region}:${prod}:instance/i-0${rng.hex(16)}`,
        {
          name: `${name}-bastion (prod)`,
          kind: 'host',
          environment: 'prod',
          criticality: 'medium',
          data_classification: 'infrastructure',
          exposure: rng.chance(0.2) ? 'internet' : 'internal',
        },
        aws(prod),
      ),
      sys(
        'legacyHost',
        `host:${name}-app01.corp.${COMPANY.domain}`,
        { name: `${name}-app01`, kind: 'host', environment: 'prod', criticality: 'medium', data_classification: 'internal', exposure: 'internal' },
        { platform: 'onprem' },
      ),
      sys(
        'legacyDb',
        `mssql:${name}-sql01.corp.${COMPANY.domain}/${name.replace(/-/g, '_')}`,
        {
          name: `${name} SQL Server`,
          kind: 'database',
          environment: 'prod',
          criticality: 'high',
          data_classification: prodDbClass,
          exposure: 'internal',
        },
        { platform: 'onprem' },
      ),
      sys(
        'devData',
        bucket('dev', 'scratch'),
        {
          name: `${name} dev scratch bucket`,
          kind: 'storage',
          environment: 'dev',
          criticality: 'low',
          data_classification: 'internal',
          exposure: 'internal',
        },
        aws(dev),
      ),
    ];
    const systems = Object.fromEntries(entries) as Record<TeamSystemPurpose, Target>;
    return {
      index: t,
      name,
      region,
      systems,
      roles: {
        readonly: `arn:aws:iam::${prod}:role/${name}-readonly`,
        developer: `arn:aws:iam::${prod}:role/${name}-developer`,
        deployProd: `arn:aws:iam::${prod}:role/${name}-deploy-prod`,
      },
      engineers: `grp-${name}-engineers`,
      oncall: `grp-${name}-oncall`,
    };
  }
}
