// The AWS policy documents kept in the case (table aws_policy): managed and inline policies of an authorization
// export, service control policies and resource policies, each as found, for explanations and re-evaluation.
// The importers (main/ingest/aws/) write them and read them back inside the import's transaction; statements are
// prepared once per connection (statement-cache.ts).
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

export interface AwsPolicyRow {
  sourceId: number;
  account: string;
  kind: string;
  owner: string;
  name: string;
  versionId: string | null;
  isDefault: boolean;
  document: string;
  locator: string;
}

/** Stores one document of an authorization export (managed or inline, any version). */
export function insertAwsPolicy(db: Database.Database, p: AwsPolicyRow): void {
  prepared(
    db,
    `INSERT INTO aws_policy (source_id, account, kind, owner, name, version_id, is_default, document, locator)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.sourceId, p.account, p.kind, p.owner, p.name, p.versionId, p.isDefault ? 1 : 0, p.document, p.locator);
}

/** Stores a service control policy for one target account ('*': every account). */
export function insertScp(
  db: Database.Database,
  sourceId: number,
  account: string,
  owner: string,
  name: string,
  document: string,
  locator: string,
): void {
  prepared(
    db,
    `INSERT INTO aws_policy (source_id, account, kind, owner, name, version_id, is_default, document, locator)
  VALUES (?, ?, 'scp', ?, ?, NULL, 1, ?, ?)`,
  ).run(sourceId, account, owner, name, document, locator);
}

/** Stores a resource policy (owner: the resource's ARN, name: its service). */
export function insertResourcePolicy(
  db: Database.Database,
  sourceId: number,
  account: string,
  arn: string,
  service: string,
  document: string,
  locator: string,
): void {
  prepared(
    db,
    `INSERT INTO aws_policy (source_id, account, kind, owner, name, version_id, is_default, document, locator)
    VALUES (?, ?, 'resource', ?, ?, NULL, 1, ?, ?)`,
  ).run(sourceId, account, arn, service, document, locator);
}

/** The SCPs stored for an account and for every account, oldest first. */
export function scpRows(db: Database.Database, account: string): { name: string; document: string }[] {
  return prepared(db, `SELECT name, document FROM aws_policy WHERE kind = 'scp' AND account IN (?, '*') ORDER BY id`).all(account) as {
    name: string;
    document: string;
  }[];
}

export interface ResourcePolicyRow {
  account: string;
  owner: string;
  name: string;
  document: string;
  locator: string;
  file_name: string;
  source_id: number;
}

/** The latest stored policy of each resource, with the file it came from, oldest first. */
export function latestResourcePolicyRows(db: Database.Database): ResourcePolicyRow[] {
  return prepared(
    db,
    `SELECT p.account, p.owner, p.name, p.document, p.locator, s.file_name, p.source_id FROM aws_policy p
    JOIN source s ON s.id = p.source_id
    WHERE p.id IN (SELECT max(id) FROM aws_policy WHERE kind = 'resource' GROUP BY owner) ORDER BY p.id`,
  ).all() as ResourcePolicyRow[];
}

export interface IdentityPolicyRow {
  kind: string;
  owner: string;
  name: string;
  version_id: string | null;
  is_default: number;
  document: string;
}

/** Every managed, inline and trust policy document stored, oldest first (later imports of the same document win). */
export function identityPolicyRows(db: Database.Database): IdentityPolicyRow[] {
  return prepared(
    db,
    `SELECT kind, owner, name, version_id, is_default, document FROM aws_policy
    WHERE kind IN ('managed', 'inline', 'trust') ORDER BY id`,
  ).all() as IdentityPolicyRow[];
}
