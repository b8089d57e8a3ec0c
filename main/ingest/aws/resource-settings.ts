// Reads back what the case holds around its AWS resources besides their policies (store/aws-resource-controls.ts):
// the organisation's RCPs, bucket ACLs, Block Public Access settings and KMS grants, and adds them to the resources
// that resource-policy-refresh.ts re-derives. A bucket with only an ACL, or a key with only grants, becomes a
// resource of its own: for a bucket that is exact (no bucket policy means the identity policies decide), for a key
// it is not (every key has a key policy), so a key whose policy was not imported gets a stand-in that lets its
// account's IAM policies decide only conditionally, and its edges say the key policy is unknown.
import type Database from 'better-sqlite3';
import { parsePolicyDocument } from '../../aws-policy/document.ts';
import { grantsDocument, type KmsGrant } from '../../aws-policy/kms-grants.ts';
import type { PolicyDoc } from '../../aws-policy/model.ts';
import type { Organization } from '../../aws-policy/resource-control.ts';
import { arnAccount, policyLabel, resourceName, type ResourcePolicy } from '../../aws-policy/resource-policy.ts';
import { aclDocument, combinedBlock, type PublicAccessBlock } from '../../aws-policy/s3-acl.ts';
import { storedResourceControls, type ResourceControlRow } from '../../store/aws-resource-controls.ts';
import { readBucketAcl, readKmsGrant, readPublicAccessBlock } from './resource-settings-shapes.ts';

/** arn:aws:organizations::<management account>:policy/<organisation id>/resource_control_policy/p-… */
const POLICY_ARN = /^arn:aws[a-z-]*:organizations::(\d{12}):policy\/(o-[a-z0-9]+)\//;

export interface StoredSettings {
  organization: Organization | undefined;
  /** The resources given, completed with their ACLs, grants and Block Public Access, plus those that have only these. */
  complete(resources: ResourcePolicy[]): ResourcePolicy[];
  /** Resources (bucket or key ARNs) whose ACL, grants or bucket-level settings this source brought. */
  describedBy(sourceId: number): string[];
}

export function storedResourceSettings(db: Database.Database): StoredSettings {
  const rows = storedResourceControls(db);
  const of = (kind: ResourceControlRow['kind']) => rows.filter((r) => r.kind === kind);
  return {
    organization: organizationOf(of('rcp')),
    complete(resources) {
      const byArn = new Map(resources.map((r) => [r.arn, { ...r }]));
      const add = (arn: string, row: ResourceControlRow, document: () => PolicyDoc): ResourcePolicy => {
        let r = byArn.get(arn);
        if (!r)
          byArn.set(
            arn,
            (r = {
              arn,
              service: row.kind === 'kms-grants' ? 'kms' : 's3',
              account: arnAccount(arn) ?? (row.account || null),
              document: document(),
              locator: `${row.fileName} ${row.locator}`,
            }),
          );
        if (!r.account && row.account) r.account = row.account;
        return r;
      };
      const bucketBlocks = new Map(of('s3-public-access-block').flatMap((r) => blockOf(r).map((b) => [r.owner, b] as const)));
      const accountBlocks = new Map(of('s3-account-public-access-block').flatMap((r) => blockOf(r).map((b) => [r.owner, b] as const)));
      const acls = of('s3-acl');
      for (const row of acls) add(row.owner, row, () => ({ label: policyLabel({ arn: row.owner, service: 's3' }), name: 's3', statements: [] }));
      const aclOf = new Map(acls.map((a) => [a.owner, a]));
      for (const r of byArn.values()) {
        if (r.service !== 's3') continue;
        const blocks = combinedBlock(bucketBlocks.get(r.arn) ?? null, r.account ? (accountBlocks.get(r.account) ?? null) : null);
        r.restrictPublicBuckets = blocks.restrictPublicBuckets;
        const acl = aclOf.get(r.arn);
        const parsed = acl ? readBucketAcl(parse(acl.document)) : null;
        if (parsed && typeof parsed !== 'string')
          r.extra = [...(r.extra ?? []), aclDocument(r.arn, resourceName(r).replace(/^S3 bucket /, ''), parsed, blocks.ignorePublicAcls)];
      }
      for (const row of of('kms-grants')) {
        const r = add(row.owner, row, () => unknownKeyPolicy(row.owner));
        const list = parse(row.document);
        const grants = (Array.isArray(list) ? list : []).flatMap((g): KmsGrant[] => {
          const read = readKmsGrant(g);
          return typeof read === 'string' ? [] : [read.grant];
        });
        r.extra = [...(r.extra ?? []), grantsDocument(resourceName(r).replace(/^KMS key /, ''), grants)];
      }
      return [...byArn.values()];
    },
    describedBy: (sourceId) =>
      rows.filter((r) => r.sourceId === sourceId && r.kind !== 'rcp' && r.kind !== 's3-account-public-access-block').map((r) => r.owner),
  };
}

function organizationOf(rows: ResourceControlRow[]): Organization | undefined {
  if (!rows.length) return undefined;
  const org: Organization = { id: null, management: null, members: new Set(), wholeOrganization: false, rcps: [] };
  const docs = new Map<string, PolicyDoc>();
  for (const r of rows) {
    const m = POLICY_ARN.exec(r.owner);
    if (m) {
      org.management ??= m[1];
      org.id ??= m[2];
    }
    let document = docs.get(r.owner);
    if (!document) {
      try {
        document = parsePolicyDocument(r.document, `RCP ${r.name}`, r.name);
      } catch {
        continue; // validated when imported; a damaged row is left out rather than guessed
      }
      docs.set(r.owner, document);
    }
    org.rcps.push({ account: r.account, document });
    if (r.account === '*') org.wholeOrganization = true;
    else org.members.add(r.account);
  }
  if (org.management) org.members.add(org.management);
  return org;
}

function blockOf(row: ResourceControlRow): PublicAccessBlock[] {
  const b = readPublicAccessBlock(parse(row.document));
  return typeof b === 'string' ? [] : [b];
}

/** A key whose key policy the case does not hold: whether it lets the account's IAM policies decide is unknown. */
function unknownKeyPolicy(keyArn: string): PolicyDoc {
  const account = arnAccount(keyArn);
  return {
    label: `${policyLabel({ arn: keyArn, service: 'kms' })} (not imported)`,
    name: 'kms',
    statements: account
      ? [
          {
            sid: 'key-policy-unknown',
            effect: 'Allow',
            actions: ['kms:*'],
            notActions: null,
            resources: ['*'],
            notResources: null,
            principals: { aws: [`arn:aws:iam::${account}:root`], service: [], federated: [], everyone: false },
            notPrincipals: null,
            // A key no request carries: the statement stays undecided, so what it lets through is conditional.
            conditions: [{ operator: 'StringEquals', key: 'blastmap:KeyPolicyNotImported', values: [keyArn] }],
            conditionText: "the key policy (not imported) lets the account's IAM policies decide",
          },
        ]
      : [],
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
