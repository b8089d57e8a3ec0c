// The AWS IAM credential report: the raw CSV (`aws iam get-credential-report` Content, decoded) or the CLI's JSON
// wrapper ({"Content": base64 or plain CSV, "GeneratedTime", "ReportFormat"}). One row per IAM user plus the
// account root: users become identities (ARN keys), and their password, access keys 1/2 and certificates 1/2
// become credentials. The report never gives key ids, so keys are keyed `<user-arn>#access_key_1` / `#access_key_2`
// (docs/identity-resolution.md); CloudTrail's AKIA… ids cannot be matched to them.
// Sentinels: N/A (does not apply), no_information (never used / not tracked), not_supported (root password fields).
import { ApiError } from '../../../shared/api/contract.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { streamCsv } from '../csv/stream-csv.ts';
import { readSample } from '../file-source.ts';
import { readJsonRecords } from '../json/read-json-records.ts';
import { parseIsoDate, parseIsoMillis, INVALID } from '../normalise.ts';
import { RejectedRecord } from '../record-error.ts';
import type { CaseWriter } from '../writer.ts';
import Papa from 'papaparse';
import { AwsIdentities, parseIamArn } from './identity.ts';
import { nodeSubkindById } from '../../store/ingest-nodes.ts';

export const credentialReportImporter: Importer = {
  name: 'aws-credential-report',
  description: 'AWS IAM credential report: raw CSV or the CLI JSON wrapper (Content base64 or plain, GeneratedTime)',
  detect: detectCredentialReport,
  run: runCredentialReport,
};

const HEADER_START = 'user,arn,user_creation_time,password_enabled';
const REQUIRED = ['user', 'arn', 'user_creation_time', 'password_enabled'] as const;
const MAX_CONTENT = 256 * 1024 * 1024;

function detectCredentialReport(sample: Sample): Detection | null {
  const head = sample.head.trimStart();
  if (head.startsWith(HEADER_START))
    return { confidence: 0.98, reason: 'CSV header of the IAM credential report (user, arn, user_creation_time, password_enabled, …)' };
  if (!head.startsWith('{') || !/"Content"\s*:/.test(head)) return null;
  const generated = /"GeneratedTime"\s*:/.test(head);
  const format = /"ReportFormat"\s*:\s*"text\/csv"/.test(head);
  if (!generated && !format) return null;
  return { confidence: generated && format ? 0.97 : 0.9, reason: 'GetCredentialReport JSON wrapper (Content, GeneratedTime, ReportFormat)' };
}

async function runCredentialReport(ctx: ImportContext): Promise<void> {
  const rows = new ReportRows(ctx);
  const sample = await firstChar(ctx);
  if (sample !== '{') {
    await streamCsv(ctx.path, { signal: ctx.signal, onBytes: ctx.progress }, (records, first) => rows.add(records, first));
  } else {
    let content: string | null = null;
    let generated: unknown;
    await readJsonRecords(
      ctx.path,
      { signal: ctx.signal, onBytes: ctx.progress, wrapperKeys: [] },
      {
        record(value) {
          const doc = value as Record<string, unknown> | null;
          if (doc && typeof doc === 'object' && typeof doc.Content === 'string') {
            content = decodeContent(doc.Content);
            generated = doc.GeneratedTime;
          }
        },
        bad(_locator, reason) {
          throw new ApiError('bad-input', `${ctx.fileName}: ${reason}`);
        },
      },
    );
    if (content === null)
      throw new ApiError('bad-input', `${ctx.fileName}: no credential report in "Content" (expected the CSV report as text or base64)`);
    rows.generatedAt = typeof generated === 'string' ? parseIsoMillis(generated) : null;
    const parsed = Papa.parse<string[]>(content, { skipEmptyLines: 'greedy' });
    rows.add(parsed.data, 1);
  }
  rows.finish();
}

async function firstChar(ctx: ImportContext): Promise<string> {
  return (await readSample(ctx.path, ctx.fileName)).head.trimStart()[0] ?? '';
}

/** Content is the CSV itself (cloudmapper, some SDKs) or base64 of it (the API, the CLI). */
function decodeContent(content: string): string {
  if (content.length > MAX_CONTENT) throw new ApiError('bad-input', 'credential report Content is too large');
  if (content.trimStart().startsWith('user,')) return content;
  const text = Buffer.from(content, 'base64').toString('utf8');
  if (!text.startsWith('user,')) throw new ApiError('bad-input', 'credential report Content is neither the CSV report nor base64 of it');
  return text;
}

type Cells = Record<string, string>;

/** Reads report rows (header first) and loads each user with its credentials. */
class ReportRows {
  generatedAt: number | null | typeof INVALID = null;
  private header: string[] | null = null;
  private readonly ctx: ImportContext;
  private readonly ids: AwsIdentities;
  private readonly writer: CaseWriter;

  constructor(ctx: ImportContext) {
    this.ctx = ctx;
    this.writer = ctx.writer;
    this.ids = new AwsIdentities(ctx.writer);
  }

  add(records: string[][], first: number): void {
    let i = 0;
    if (!this.header) {
      this.header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
      const missing = REQUIRED.filter((c) => !this.header!.includes(c));
      if (missing.length) throw new ApiError('bad-input', `${this.ctx.fileName}: not a credential report: missing column(s) ${missing.join(', ')}`);
      i = 1;
    }
    for (; i < records.length; i++) {
      const locator = `row ${first + i}`;
      this.ctx.countRow();
      const cells: Cells = Object.create(null) as Cells;
      this.header.forEach((h, idx) => {
        cells[h] = (records[i][idx] ?? '').trim();
      });
      try {
        this.load(cells, locator);
      } catch (e) {
        if (!(e instanceof RejectedRecord)) throw e;
        this.writer.reject(locator, e.message, records[i].join(','));
      }
    }
  }

  finish(): void {
    if (!this.header) throw new ApiError('bad-input', `${this.ctx.fileName}: the credential report is empty`);
    // The report describes the account at GeneratedTime: that is the data's as-of time.
    if (typeof this.generatedAt === 'number' && this.generatedAt > this.writer.maxTime) this.writer.maxTime = this.generatedAt;
  }

  private load(c: Cells, locator: string): void {
    const arn = parseIamArn(c.arn);
    if (!arn || (arn.type !== 'user' && arn.type !== 'root'))
      throw new ReportRowError(`arn "${(c.arn ?? '').slice(0, 80)}" is not an IAM user or root ARN`);
    const root = arn.type === 'root' || c.user === '<root_account>';
    const created = date(c, 'user_creation_time');
    const passwordUsed = date(c, 'password_last_used');
    const key1 = this.keySlot(c, 1);
    const key2 = this.keySlot(c, 2);
    const lastUsed = latest(passwordUsed, key1?.lastUsed ?? null, key2?.lastUsed ?? null);
    const mfa = flag(c, 'mfa_active');
    const passwordEnabled = root ? true : flag(c, 'password_enabled') === true; // root always has a password
    const props: Record<string, unknown> = {
      aws_account: arn.account,
      mfa_active: mfa,
      password_enabled: passwordEnabled,
      report_generated_at: typeof this.generatedAt === 'number' ? new Date(this.generatedAt).toISOString() : null,
    };
    if (c.password_last_used === 'no_information') props.password_last_used = 'no_information';
    let owner: number;
    if (root) {
      owner = this.ids.root(arn.account, arn.partition, locator);
      this.writer.upsertNode(
        {
          key: `aws:root:${arn.account}`,
          kind: 'identity',
          subkind: 'human',
          createdAt: created,
          lastUsedAt: lastUsed,
          props: { ...props, root: true },
        },
        locator,
      );
    } else {
      owner = this.ids.principal({ type: 'user', partition: arn.partition, account: arn.account, name: arn.name, path: arn.path }, locator);
      this.writer.upsertNode(
        {
          // Keyed by the alias so a node holding the ARN under another spelling is completed, not duplicated.
          key: `aws:user:${arn.account}:${arn.name}`,
          kind: 'identity',
          subkind: this.userSubkind(owner, passwordEnabled, key1 !== null || key2 !== null),
          name: arn.name,
          provider: 'aws',
          status: 'active',
          createdAt: created,
          lastUsedAt: lastUsed,
          props,
        },
        locator,
      );
    }
    const base = root ? `arn:${arn.partition}:iam::${arn.account}:root` : c.arn;
    if (passwordEnabled) {
      this.credential(
        owner,
        `${base}#password`,
        'password',
        {
          name: 'console password',
          createdAt: null,
          lastUsedAt: passwordUsed,
          props: { last_rotated_at: date(c, 'password_last_changed'), next_rotation: date(c, 'password_next_rotation'), mfa_active: mfa },
        },
        locator,
      );
    }
    for (const [slot, key] of [
      [1, key1],
      [2, key2],
    ] as const) {
      if (!key) continue;
      this.credential(
        owner,
        `${base}#access_key_${slot}`,
        'access_key',
        {
          name: `access key ${slot}`,
          status: key.active ? 'active' : 'disabled',
          createdAt: key.rotated,
          lastUsedAt: key.lastUsed,
          props: { slot, last_rotated_at: key.rotated, last_used_region: key.region, last_used_service: key.service },
        },
        locator,
      );
    }
    for (const slot of [1, 2] as const) {
      const active = flag(c, `cert_${slot}_active`);
      const rotated = date(c, `cert_${slot}_last_rotated`);
      if (active !== true && rotated === null) continue;
      this.credential(
        owner,
        `${base}#cert_${slot}`,
        'certificate',
        {
          name: `signing certificate ${slot}`,
          status: active ? 'active' : 'disabled',
          createdAt: rotated,
          lastUsedAt: null,
          props: { slot, last_rotated_at: rotated },
        },
        locator,
      );
    }
  }

  /**
   * A user without a console password who lives by access keys is a non-human identity; one with a password is
   * taken for a person unless another source (authorization-details tags or naming) already said service account.
   */
  private userSubkind(id: number, password: boolean, keys: boolean): string | null {
    const known = nodeSubkindById(this.writer.db, id);
    if (!password && keys) return 'service_account';
    if (known) return null; // keep what the inventory decided
    return password ? 'human' : 'service_account';
  }

  /** An access key slot: present when active, or inactive but still there (it has a rotation date). */
  private keySlot(c: Cells, n: 1 | 2) {
    const active = flag(c, `access_key_${n}_active`);
    const rotated = date(c, `access_key_${n}_last_rotated`);
    if (active !== true && rotated === null) return null;
    return {
      active: active === true,
      rotated,
      lastUsed: date(c, `access_key_${n}_last_used_date`),
      region: value(c[`access_key_${n}_last_used_region`]),
      service: value(c[`access_key_${n}_last_used_service`]),
    };
  }

  private credential(
    owner: number,
    key: string,
    subkind: string,
    f: { name: string; status?: string; createdAt: string | null; lastUsedAt: string | null; props: Record<string, unknown> },
    locator: string,
  ): void {
    const id = this.writer.upsertNode(
      {
        key,
        kind: 'credential',
        subkind,
        name: f.name,
        provider: 'aws',
        status: f.status ?? 'active',
        createdAt: f.createdAt,
        lastUsedAt: f.lastUsedAt,
        props: f.props,
      },
      locator,
    );
    this.writer.edge({ src: owner, dst: id, kind: 'has_credential' }, locator);
    this.writer.edge({ src: id, dst: owner, kind: 'authenticates' }, locator);
  }
}

class ReportRowError extends RejectedRecord {}

const SENTINELS = new Set(['', 'N/A', 'n/a', 'no_information', 'not_supported', '<root_account>']);

function value(cell: string | undefined): string | null {
  return cell === undefined || SENTINELS.has(cell) ? null : cell.slice(0, 256);
}

function flag(c: Cells, column: string): boolean | null {
  const v = value(c[column])?.toLowerCase();
  if (v === undefined || v === null) return null;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new ReportRowError(`${column}: "${v.slice(0, 40)}" is not true/false`);
}

function date(c: Cells, column: string): string | null {
  const v = value(c[column]);
  if (v === null) return null;
  const iso = parseIsoDate(v);
  if (iso === INVALID) throw new ReportRowError(`${column}: unparseable date "${v.slice(0, 40)}" (expected ISO 8601)`);
  return iso;
}

function latest(...dates: (string | null)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best;
}
