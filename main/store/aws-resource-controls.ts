// The aws_policy rows of what sits around an AWS resource besides its own policy: resource control policies
// (kind 'rcp', owner = the policy's ARN, account = a target account or '*'), S3 bucket ACLs ('s3-acl', owner =
// the bucket ARN), Block Public Access settings of a bucket ('s3-public-access-block', owner = the bucket ARN) or
// of an account ('s3-account-public-access-block', owner = the account id) and KMS grants ('kms-grants', owner =
// the key ARN; one row holds every grant a list-grants file listed for that key). Documents are JSON text.
// Typed reads and writes only: what the rows mean is decided in main/aws-policy/.
import type Database from 'better-sqlite3';
import { prepared } from './statement-cache.ts';

export type ResourceControlKind = 'rcp' | 's3-acl' | 's3-public-access-block' | 's3-account-public-access-block' | 'kms-grants';

export interface ResourceControlRow {
  kind: ResourceControlKind;
  account: string;
  owner: string;
  name: string;
  document: string;
  locator: string;
  fileName: string;
  sourceId: number;
}

/** Stores one row for the source being imported. */
export function insertResourceControl(db: Database.Database, sourceId: number, row: Omit<ResourceControlRow, 'fileName' | 'sourceId'>): void {
  prepared(
    db,
    `INSERT INTO aws_policy (source_id, account, kind, owner, name, version_id, is_default, document, locator)
    VALUES (?, ?, ?, ?, ?, NULL, 1, ?, ?)`,
  ).run(sourceId, row.account, row.kind, row.owner, row.name, row.document, row.locator);
}

/**
 * Every RCP row (all of them: several files may each hold some of the organisation's policies; the same policy
 * imported again for the same target counts once), and the latest row of each (kind, owner) for the other kinds:
 * a later export of a bucket's ACL or a key's grants replaces the earlier one.
 */
export function storedResourceControls(db: Database.Database): ResourceControlRow[] {
  return prepared(
    db,
    `SELECT p.kind, p.account, p.owner, p.name, p.document, p.locator, s.file_name AS fileName, p.source_id AS sourceId FROM aws_policy p
    JOIN source s ON s.id = p.source_id
    WHERE p.id IN (SELECT max(id) FROM aws_policy WHERE kind = 'rcp' GROUP BY owner, account)
       OR p.id IN (SELECT max(id) FROM aws_policy WHERE kind IN ('s3-acl', 's3-public-access-block', 's3-account-public-access-block', 'kms-grants') GROUP BY kind, owner)
    ORDER BY p.id`,
  ).all() as ResourceControlRow[];
}

export interface AssumeRoleEdge {
  id: number;
  src: string;
  dst: string;
  conditional: number;
  props: string | null;
}

/** The can_assume edges that are role assumptions (trust policies), with their end keys. */
export function assumeRoleEdges(db: Database.Database): AssumeRoleEdge[] {
  return prepared(
    db,
    `SELECT e.id, s.key AS src, d.key AS dst, e.conditional, e.props FROM edge e
    JOIN node s ON s.id = e.src JOIN node d ON d.id = e.dst
    WHERE e.kind = 'can_assume' AND json_extract(e.props, '$.technique') IN ('sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity')`,
  ).all() as AssumeRoleEdge[];
}

export function deleteEdge(db: Database.Database, id: number): void {
  prepared(db, 'DELETE FROM edge WHERE id = ?').run(id);
}

export function setEdgeCondition(db: Database.Database, id: number, conditional: boolean, props: string): void {
  prepared(db, 'UPDATE edge SET conditional = ?, props = ? WHERE id = ?').run(conditional ? 1 : 0, props, id);
}
