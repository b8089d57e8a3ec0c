// What an actor does to a system, by platform and privilege: real AWS API names (with their service),
// vendor API operations, git and Kubernetes verbs. Reads dominate, as in real logs.
import type { Target } from './actors.ts';
import type { Rng } from './random.ts';

export interface Action {
  action: string;
  /** AWS service (CloudTrail eventSource without .amazonaws.com). */
  service?: string;
}

type Catalog = { read: readonly Action[]; write: readonly Action[]; admin: readonly Action[] };

const AWS: Record<string, Catalog> = {
  rds: {
    read: [
      { action: 'DescribeDBInstances', service: 'rds' },
      { action: 'DescribeDBSnapshots', service: 'rds' },
      { action: 'ListTagsForResource', service: 'rds' },
    ],
    write: [
      { action: 'CreateDBSnapshot', service: 'rds' },
      { action: 'ModifyDBInstance', service: 'rds' },
    ],
    admin: [
      { action: 'ModifyDBSnapshotAttribute', service: 'rds' },
      { action: 'DeleteDBSnapshot', service: 'rds' },
    ],
  },
  dynamodb: {
    read: [
      { action: 'GetItem', service: 'dynamodb' },
      { action: 'Query', service: 'dynamodb' },
      { action: 'DescribeTable', service: 'dynamodb' },
    ],
    write: [
      { action: 'PutItem', service: 'dynamodb' },
      { action: 'UpdateItem', service: 'dynamodb' },
      { action: 'BatchWriteItem', service: 'dynamodb' },
    ],
    admin: [
      { action: 'UpdateTable', service: 'dynamodb' },
      { action: 'ExportTableToPointInTime', service: 'dynamodb' },
    ],
  },
  s3: {
    read: [
      { action: 'GetObject', service: 's3' },
      { action: 'GetObject', service: 's3' },
      { action: 'ListObjects', service: 's3' },
      { action: 'HeadObject', service: 's3' },
    ],
    write: [
      { action: 'PutObject', service: 's3' },
      { action: 'DeleteObject', service: 's3' },
    ],
    admin: [
      { action: 'PutBucketPolicy', service: 's3' },
      { action: 'PutBucketAcl', service: 's3' },
    ],
  },
  secretsmanager: {
    read: [
      { action: 'GetSecretValue', service: 'secretsmanager' },
      { action: 'DescribeSecret', service: 'secretsmanager' },
    ],
    write: [{ action: 'PutSecretValue', service: 'secretsmanager' }],
    admin: [
      { action: 'PutResourcePolicy', service: 'secretsmanager' },
      { action: 'DeleteSecret', service: 'secretsmanager' },
    ],
  },
  ec2: {
    read: [
      { action: 'DescribeInstances', service: 'ec2' },
      { action: 'DescribeInstanceStatus', service: 'ec2' },
    ],
    write: [
      { action: 'SendCommand', service: 'ssm' },
      { action: 'StartInstances', service: 'ec2' },
    ],
    admin: [
      { action: 'ModifyInstanceAttribute', service: 'ec2' },
      { action: 'TerminateInstances', service: 'ec2' },
    ],
  },
  eks: {
    read: [
      { action: 'DescribeCluster', service: 'eks' },
      { action: 'ListNodegroups', service: 'eks' },
    ],
    write: [{ action: 'UpdateNodegroupConfig', service: 'eks' }],
    admin: [
      { action: 'UpdateClusterConfig', service: 'eks' },
      { action: 'CreateAccessEntry', service: 'eks' },
    ],
  },
  account: {
    read: [
      { action: 'GetCallerIdentity', service: 'sts' },
      { action: 'ListRoles', service: 'iam' },
    ],
    write: [{ action: 'CreateRole', service: 'iam' }],
    admin: [
      { action: 'AttachRolePolicy', service: 'iam' },
      { action: 'CreateAccessKey', service: 'iam' },
    ],
  },
};

const GITHUB: Record<string, Catalog> = {
  repository: {
    read: [{ action: 'git.clone' }, { action: 'git.fetch' }, { action: 'git.fetch' }],
    write: [{ action: 'git.push' }, { action: 'pull_request.create' }],
    admin: [{ action: 'protected_branch.update' }, { action: 'repo.update_actions_secret' }],
  },
  pipeline: {
    read: [{ action: 'workflows.read' }],
    write: [{ action: 'workflows.completed_workflow_run' }, { action: 'workflows.prepared_workflow_job' }],
    admin: [{ action: 'repo.update_actions_secret' }],
  },
};

const ONPREM: Record<string, Catalog> = {
  host: { read: [{ action: 'ssh.login' }, { action: 'smb.session' }], write: [{ action: 'ssh.login' }], admin: [{ action: 'sudo' }] },
  database: {
    read: [{ action: 'mssql.login' }, { action: 'mssql.select' }],
    write: [{ action: 'mssql.exec' }],
    admin: [{ action: 'mssql.alter_login' }],
  },
  account: {
    read: [{ action: 'ldap.bind' }, { action: 'kerberos.tgs_request' }],
    write: [{ action: 'ldap.modify' }],
    admin: [{ action: 'ldap.add_group_member' }],
  },
  secret_store: {
    read: [{ action: 'vault.read' }, { action: 'vault.login' }],
    write: [{ action: 'vault.write' }],
    admin: [{ action: 'vault.sys.policy.write' }],
  },
};

const K8S: Catalog = {
  read: [{ action: 'k8s.get' }, { action: 'k8s.list' }, { action: 'k8s.watch' }],
  write: [{ action: 'k8s.patch' }, { action: 'k8s.create' }],
  admin: [{ action: 'k8s.create_clusterrolebinding' }, { action: 'k8s.get_secret' }],
};

const AGENT_TOOLS: Record<string, Catalog> = {
  saas: {
    read: [{ action: 'tool.search_tickets' }, { action: 'tool.read_customer' }],
    write: [{ action: 'tool.update_ticket' }, { action: 'tool.send_reply' }],
    admin: [{ action: 'tool.bulk_export' }],
  },
  repository: {
    read: [{ action: 'tool.read_file' }, { action: 'tool.search_code' }],
    write: [{ action: 'tool.open_pull_request' }],
    admin: [{ action: 'tool.merge_pull_request' }],
  },
  database: { read: [{ action: 'tool.sql_query' }], write: [{ action: 'tool.sql_execute' }], admin: [{ action: 'tool.sql_execute' }] },
  secret_store: { read: [{ action: 'tool.read_secret' }], write: [{ action: 'tool.write_secret' }], admin: [{ action: 'tool.write_secret' }] },
  storage: { read: [{ action: 'tool.read_document' }], write: [{ action: 'tool.write_document' }], admin: [{ action: 'tool.share_document' }] },
};

const GENERIC: Catalog = { read: [{ action: 'api.read' }], write: [{ action: 'api.write' }], admin: [{ action: 'api.admin' }] };

/** The AWS catalog of a system, from its ARN. */
export function awsService(key: string): string {
  if (key.startsWith('arn:aws:rds:')) return 'rds';
  if (key.startsWith('arn:aws:dynamodb:')) return 'dynamodb';
  if (key.startsWith('arn:aws:s3:::')) return 's3';
  if (key.startsWith('arn:aws:secretsmanager:')) return 'secretsmanager';
  if (key.startsWith('arn:aws:ec2:')) return 'ec2';
  if (key.startsWith('arn:aws:eks:')) return 'eks';
  return 'account';
}

function catalogOf(target: Target): Catalog {
  switch (target.platform) {
    case 'aws':
      return AWS[awsService(target.key)];
    case 'github':
      return GITHUB[target.kind] ?? GITHUB.repository;
    case 'onprem':
      return ONPREM[target.kind] ?? ONPREM.host;
    case 'k8s':
      return K8S;
    case 'agent':
      return AGENT_TOOLS[target.kind] ?? AGENT_TOOLS.saas;
    case 'api':
      return {
        read: (target.apiActions ?? []).slice(0, 1).map((action) => ({ action })),
        write: (target.apiActions ?? []).slice(1).map((action) => ({ action })),
        admin: [{ action: 'api_keys.create' }],
      };
    default:
      return GENERIC;
  }
}

/** A plausible action within the privilege the actor exercises: mostly reads, some writes, rare admin. */
export function pickAction(target: Target, rng: Rng): Action {
  const catalog = catalogOf(target);
  const r = rng.next();
  const tier = target.privilege >= 3 && r < 0.03 ? catalog.admin : target.privilege >= 2 && r < 0.3 ? catalog.write : catalog.read;
  const list = tier.length ? tier : catalog.read.length ? catalog.read : GENERIC.read;
  return rng.pick(list);
}
